import CGit2

/// A commit object. Owns its `git_commit` handle; a commit libgit2's parser refuses (an author
/// line without an e-mail, which git tolerates) is read from its raw object instead.
public final class Commit {
    let pointer: OpaquePointer?
    let raw: RawCommit?
    public let oid: OID
    let repository: Repository

    init(_ pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.raw = nil
        self.oid = OID(git_commit_id(pointer))
        self.repository = repository
    }

    init(raw: RawCommit, oid: OID, repository: Repository) {
        self.pointer = nil
        self.raw = raw
        self.oid = oid
        self.repository = repository
    }

    deinit { if let pointer { git_commit_free(pointer) } }

    public var treeOID: OID {
        guard let pointer else { return raw!.tree }
        return OID(git_commit_tree_id(pointer))
    }

    public var parentIDs: [OID] {
        guard let pointer else { return raw!.parents }
        let count = git_commit_parentcount(pointer)
        return (0..<count).map { OID(git_commit_parent_id(pointer, $0)) }
    }

    public var isMerge: Bool { parentIDs.count > 1 }

    /// The `encoding` header, nil when absent (UTF-8).
    public var messageEncoding: String? {
        guard let pointer else { return raw!.encoding }
        return git_commit_message_encoding(pointer).map { String(cString: $0) }
    }

    public var author: Signature {
        guard let pointer else { return raw!.author }
        return Signature(git_commit_author(pointer), encoding: messageEncoding)
    }

    public var committer: Signature {
        guard let pointer else { return raw!.committer }
        return Signature(git_commit_committer(pointer), encoding: messageEncoding)
    }

    /// The full message decoded from its `encoding`, without the trailing newlines git stores.
    public var message: String {
        guard let pointer else { return raw!.message }
        guard let text = git_commit_message(pointer) else { return "" }
        var message = TextEncoding.decode(text, encoding: messageEncoding)
        while message.hasSuffix("\n") { message.removeLast() }
        return message
    }

    /// The first paragraph folded into one line, as `git log --format=%s` shows it.
    public var summary: String {
        let paragraph = message.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { $0.allSatisfy(\.isWhitespace) }.prefix { !$0.allSatisfy(\.isWhitespace) }
        return paragraph.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    public func tree() throws -> Tree { try repository.tree(treeOID) }
}
