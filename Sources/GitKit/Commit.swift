import CGit2

/// A commit object. Owns its `git_commit` handle.
public final class Commit {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_commit_free(pointer) }

    public var oid: OID { OID(git_commit_id(pointer)) }
    public var treeOID: OID { OID(git_commit_tree_id(pointer)) }

    public var parentIDs: [OID] {
        let count = git_commit_parentcount(pointer)
        return (0..<count).map { OID(git_commit_parent_id(pointer, $0)) }
    }

    public var isMerge: Bool { git_commit_parentcount(pointer) > 1 }

    public var author: Signature { Signature(git_commit_author(pointer)) }
    public var committer: Signature { Signature(git_commit_committer(pointer)) }

    /// The full message, without the trailing newline git stores.
    public var message: String {
        guard let raw = git_commit_message(pointer) else { return "" }
        var text = String(cString: raw)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// The first paragraph folded into one line, as `git log --format=%s` shows it.
    public var summary: String {
        guard let raw = git_commit_summary(pointer) else { return "" }
        return String(cString: raw)
    }

    public func tree() throws -> Tree { try repository.tree(treeOID) }
}
