import CGit2
import Foundation

/// Every failure GitKit reports. libgit2 failures keep the name of the failing call and
/// libgit2's own message, because "error -3" tells a user nothing.
public enum GitError: Error, Equatable, Sendable {
    /// No git repository at or above the given folder.
    case notARepository(path: String)
    /// The repository belongs to another user and git's `safe.directory` does not list it.
    case dubiousOwnership(path: String)
    /// A revision expression that names no commit.
    case unknownRevision(String)
    /// The object exists in history but its content is absent (shallow or partial clone).
    case missingObject(OID)
    /// The named object is not of the expected kind (e.g. a tag where a commit was needed).
    case wrongObjectType(String)
    /// A reference that would be created already exists.
    case referenceExists(String)
    /// Any other failing libgit2 call.
    case call(function: String, code: Int32, message: String)
}

extension GitError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .notARepository(let path):
            return "not a git repository (or any parent up to the root): \(path)"
        case .dubiousOwnership(let path):
            return "detected dubious ownership in repository at '\(path)': it belongs to another user. "
                + "If you trust it, add an exception as git does: git config --global --add safe.directory '\(path)'"
        case .unknownRevision(let rev):
            return "unknown revision '\(rev)': no commit by that name"
        case .missingObject(let oid):
            return "object \(oid) is missing from the object database (shallow or partial clone?)"
        case .wrongObjectType(let what):
            return "wrong object type: \(what)"
        case .referenceExists(let name):
            return "reference '\(name)' already exists"
        case .call(let function, let code, let message):
            return "\(function) failed (\(code)): \(message)"
        }
    }
}

/// Checks a libgit2 return code; a negative code becomes a `GitError.call` carrying libgit2's
/// last error message, read on the same thread straight after the failing call.
@inline(__always)
func check(_ code: Int32, _ function: @autoclosure () -> String) throws {
    if code < 0 { throw GitError.fromLastError(code: code, function: function()) }
}

extension GitError {
    static func fromLastError(code: Int32, function: String) -> GitError {
        var message = "no message from libgit2"
        if let last = git_error_last(), let text = last.pointee.message {
            message = String(cString: text)
        }
        return .call(function: function, code: code, message: message)
    }

    /// True for the codes libgit2 uses for "object not found", which in a partial or
    /// shallow clone means "content absent", not "history broken".
    public var isNotFound: Bool {
        if case .call(_, let code, _) = self { return code == GIT_ENOTFOUND.rawValue }
        if case .missingObject = self { return true }
        return false
    }
}
