import GitKit

/// Which files carry line origins: the Swift and Python sources the frontends read.
/// How one tracked file of a commit relates to each parent, as `git blame -w` sees it. Only
/// files that differ from the first parent (or are absent there) get one: the others keep the
/// first parent's origins unchanged.
public struct OriginChange: Sendable, Hashable {
    public var path: String
    public var blob: OID
    public var lineCount: Int
    /// One link per parent, in parent order.
    public var parents: [ParentLink]

    public init(path: String, blob: OID, lineCount: Int, parents: [ParentLink]) {
        self.path = path
        self.blob = blob
        self.lineCount = lineCount
        self.parents = parents
    }
}

public enum ParentLink: Sendable, Hashable {
    /// Nothing in that parent this file came from: every line not explained by another parent
    /// is the commit's own.
    case absent
    /// The same content at `path` in that parent (git blame then passes every line to it).
    case identical(path: String)
    /// The version at `path` in that parent, and the whitespace-blind hunks from it.
    case changed(path: String, hunks: [Hunk])
}

/// The origin-relevant part of one commit: changed tracked files and the tracked files that
/// disappear against the first parent.
public struct OriginDelta: Sendable, Hashable {
    /// The parents present in the clone, in order (a shallow boundary has none).
    public var parents: [OID] = []
    public var changes: [OriginChange] = []
    public var deleted: [String] = []
    /// Tracked files whose content the clone lacks (partial clone): their origins are unknown
    /// from here on, so they are dropped from the state and listed.
    public var unknown: [String] = []

    public init() {}
}
