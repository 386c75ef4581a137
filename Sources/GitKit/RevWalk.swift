import CGit2

/// A walk over commits. Owns its `git_revwalk` handle.
public final class RevWalk: Sequence, IteratorProtocol {
    public struct Order: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// No child before all its parents are shown, as `git rev-list --topo-order`.
        public static let topological = Order(rawValue: GIT_SORT_TOPOLOGICAL.rawValue)
        /// Newest commit time first, as `git rev-list --date-order` when combined with topological.
        public static let time = Order(rawValue: GIT_SORT_TIME.rawValue)
        /// Oldest first: parents before children, the order a forward scan needs.
        public static let reverse = Order(rawValue: GIT_SORT_REVERSE.rawValue)
    }

    let pointer: OpaquePointer
    let repository: Repository
    private var failure: GitError?

    public init(repository: Repository, order: Order) throws {
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, repository.pointer), "git_revwalk_new")
        pointer = walk!
        self.repository = repository
        try check(git_revwalk_sorting(pointer, order.rawValue), "git_revwalk_sorting")
    }

    deinit { git_revwalk_free(pointer) }

    /// Adds a starting point: the commit and its ancestors are walked.
    public func push(_ oid: OID) throws {
        let code = oid.withRaw { git_revwalk_push(pointer, $0) }
        if code == GIT_ENOTFOUND.rawValue { throw GitError.missingObject(oid) }
        try check(code, "git_revwalk_push(\(oid))")
    }

    /// Excludes a commit and its ancestors (what a previous scan already covered).
    public func hide(_ oid: OID) throws {
        let code = oid.withRaw { git_revwalk_hide(pointer, $0) }
        if code == GIT_ENOTFOUND.rawValue { throw GitError.missingObject(oid) }
        try check(code, "git_revwalk_hide(\(oid))")
    }

    /// Follows only first parents, as `--first-parent`.
    public func simplifyFirstParent() throws {
        try check(git_revwalk_simplify_first_parent(pointer), "git_revwalk_simplify_first_parent")
    }

    public func next() -> OID? {
        var oid = git_oid()
        let code = git_revwalk_next(&oid, pointer)
        if code == 0 { return OID(oid) }
        if code != GIT_ITEROVER.rawValue {
            failure = GitError.fromLastError(code: code, function: "git_revwalk_next")
        }
        return nil
    }

    /// Every remaining commit id; throws if the walk stopped on an error rather than at the end
    /// (e.g. a commit missing from a damaged clone).
    public func all() throws -> [OID] {
        var ids: [OID] = []
        while let oid = next() { ids.append(oid) }
        if let failure { throw failure }
        return ids
    }
}
