import Foundation

public enum ScanError: Error, Sendable {
    /// HEAD names a branch with no commits: nothing to scan yet.
    case emptyRepository(path: String)
    /// Stopped by the user (SIGINT/SIGTERM) after the last complete batch.
    case interrupted(stored: Int, remaining: Int)
}

extension ScanError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .emptyRepository(let path):
            return "the repository at \(path) has no commits yet: nothing to scan"
        case .interrupted(let stored, let remaining):
            return "scan interrupted: \(stored) commits stored, \(remaining) left; run 'prognosis scan' again to resume"
        }
    }
}
