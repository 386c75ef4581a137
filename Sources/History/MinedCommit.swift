import GitKit

/// One commit as the scan stores it: identity, people (after `.mailmap`), the per-file changes
/// against its first parent, and how renames pair those changes.
public struct MinedCommit: Sendable {
    public var oid: OID
    public var parents: [OID]
    public var author: Signature
    public var committer: Signature
    public var message: String
    /// Exactly `git log --numstat --no-renames`: for merges, empty (git shows no diff for a
    /// merge by default); for a commit whose parent is absent (shallow boundary), the diff
    /// against the empty tree.
    public var changes: [FileChange]
    /// Deleted/added pairs that git's default rename detection (`-M50%`) joins.
    public var renames: [Rename]
    /// Blob ids whose content the object database lacks (partial clone); their counts are nil.
    public var missingBlobs: [OID]
    /// True when a parent commit is absent, i.e. this is a shallow clone's boundary.
    public var parentMissing: Bool

    public var isMerge: Bool { parents.count > 1 }
}

public struct FileChange: Hashable, Sendable {
    public var path: String
    public var status: DiffDelta.Status
    public var oldBlob: OID?
    public var newBlob: OID?
    public var oldMode: UInt32
    public var newMode: UInt32
    /// Line counts as `git diff --numstat`; nil for binary content or a missing blob.
    public var added: Int?
    public var deleted: Int?
    public var isBinary: Bool
    public var isMissing: Bool
    /// Changed regions (zero context) against the first parent; empty for binary or missing.
    public var hunks: [Hunk]

    public init(path: String, status: DiffDelta.Status, oldBlob: OID?, newBlob: OID?, oldMode: UInt32,
                newMode: UInt32, added: Int?, deleted: Int?, isBinary: Bool, isMissing: Bool, hunks: [Hunk]) {
        self.path = path
        self.status = status
        self.oldBlob = oldBlob
        self.newBlob = newBlob
        self.oldMode = oldMode
        self.newMode = newMode
        self.added = added
        self.deleted = deleted
        self.isBinary = isBinary
        self.isMissing = isMissing
        self.hunks = hunks
    }
}

/// A deleted path and an added path that are the same file moved; counts are the diff between
/// the two versions (what `git log --numstat -M` shows on the `{old => new}` line).
public struct Rename: Hashable, Sendable {
    public var oldPath: String
    public var newPath: String
    public var similarity: Int
    public var added: Int?
    public var deleted: Int?
    public var isBinary: Bool

    public init(oldPath: String, newPath: String, similarity: Int, added: Int?, deleted: Int?, isBinary: Bool) {
        self.oldPath = oldPath
        self.newPath = newPath
        self.similarity = similarity
        self.added = added
        self.deleted = deleted
        self.isBinary = isBinary
    }
}
