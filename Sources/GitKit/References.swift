import CGit2
import Foundation

/// Branch references and ancestry, for fix branches (created and replaced through `ObjectWriter`).
extension Repository {
    /// The commit `refs/heads/<name>` points at, nil when there is no such branch.
    public func branchTarget(_ name: String) throws -> OID? {
        var ref: OpaquePointer?
        let code = git_reference_lookup(&ref, pointer, "refs/heads/" + name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_reference_lookup(refs/heads/\(name))")
        defer { git_reference_free(ref) }
        var resolved: OpaquePointer?
        try check(git_reference_resolve(&resolved, ref), "git_reference_resolve")
        defer { git_reference_free(resolved) }
        guard let target = git_reference_target(resolved) else { return nil }
        return OID(target.pointee)
    }

    /// Whether `ancestor` is reachable from `descendant` (or is it).
    public func isAncestor(_ ancestor: OID, of descendant: OID) throws -> Bool {
        if ancestor == descendant { return true }
        let code = descendant.withRaw { d in ancestor.withRaw { a in git_graph_descendant_of(pointer, d, a) } }
        if code < 0 { try check(code, "git_graph_descendant_of") }
        return code == 1
    }

    /// The committer git would use here (`user.name`, `user.email`), now; nil when unset.
    public func defaultSignature() -> Signature? {
        var sig: UnsafeMutablePointer<git_signature>?
        guard git_signature_default(&sig, pointer) == 0, let sig else { return nil }
        defer { git_signature_free(sig) }
        return Signature(UnsafePointer(sig))
    }

    /// Writes a tree's files into `directory` (which must exist): blobs, executable bits and
    /// symbolic links; submodules are left out. The index and the work tree are not involved,
    /// so this is how a commit is tried out without disturbing anything.
    public func export(tree oid: OID, to directory: String) throws {
        let tree = try self.tree(oid)
        for (path, entry) in try tree.files() {
            let target = directory + "/" + path
            let folder = (target as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if entry.isSubmodule { continue }
            let bytes = try blob(entry.oid).bytes
            if entry.isSymlink {
                try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: String(decoding: bytes, as: UTF8.self))
            } else {
                FileManager.default.createFile(atPath: target, contents: Data(bytes),
                                               attributes: [.posixPermissions: entry.mode & 0o111 != 0 ? 0o755 : 0o644])
            }
        }
    }
}
