import Foundation

public enum FixBranchesError: Error, LocalizedError {
    case unknownFinding(String)
    case verifyFailed(branch: String, status: Int32)
    case interrupted

    public var errorDescription: String? {
        switch self {
        case .unknownFinding(let id):
            return "no finding or fix branch '\(id)' was shown by `prognosis fix` in this repository"
        case .verifyFailed(let branch, let status): return "the verify command failed (exit \(status)) on \(branch)"
        case .interrupted: return "interrupted: the branch being verified was not kept and its temporary worktree was removed"
        }
    }
}
