import Foundation

public enum ScanError: Error, Sendable {
    /// HEAD names a branch with no commits: nothing to scan yet.
    case emptyRepository(path: String)
    /// HEAD names a branch with no commits, but other branches have some.
    case unbornHead(path: String, head: String, branches: [String])
    /// Commits whose trees are absent: a tree-less partial clone.
    case missingTrees(count: Int, filter: String?)
    /// Stopped by the user (SIGINT/SIGTERM) after the last complete batch.
    case interrupted(stored: Int, remaining: Int)
}

extension ScanError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .emptyRepository(let path):
            return "the repository at \(path) has no commits yet: nothing to scan"
        case .unbornHead(let path, let head, let branches):
            let shown = branches.prefix(5).joined(separator: ", ") + (branches.count > 5 ? ", …" : "")
            return "HEAD of \(path) is \(head), which has no commits yet; the branches \(shown) have commits: scan one with 'prognosis scan --rev \(branches[0])'"
        case .missingTrees(let count, let filter):
            let kind = filter.map { "a partial clone made with --filter=\($0)" } ?? "a partial clone without trees"
            return "this is \(kind): \(count) commit(s) to scan have no trees here, and Prognosis reads history without "
                + "fetching. Fetch the trees first, keeping blobs on demand: 'git fetch --refetch --filter=blob:none origin' "
                + "(or clone again with --filter=blob:none), then run 'prognosis scan' again"
        case .interrupted(let stored, let remaining):
            return "scan interrupted: \(stored) commits stored, \(remaining) left; run 'prognosis scan' again to resume"
        }
    }
}
