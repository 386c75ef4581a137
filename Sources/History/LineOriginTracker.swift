import GitKit

/// Where a line came from: the (store) id of the commit that introduced it and the id of the
/// path the file had in that commit.
public struct LineOrigin: Hashable, Sendable {
    public var commit: Int32
    public var path: Int32

    public init(commit: Int32, path: Int32) {
        self.commit = commit
        self.path = path
    }
}

/// The origins of every line of every tracked file at one commit.
public typealias OriginState = [String: [LineOrigin]]

/// A tracked file whose origins differ from the first parent's: its new origins, or nil when
/// the file is gone (deleted, or its content unknown in a partial clone).
public struct OriginEntry: Sendable, Hashable {
    public var path: String
    public var origins: [LineOrigin]?

    public init(path: String, origins: [LineOrigin]?) {
        self.path = path
        self.origins = origins
    }
}

/// Keeps line origins while walking history forward, parents before children, with no
/// per-file blame: each commit's state is its first parent's (shared copy-on-write) with the
/// changed files recomputed from their whitespace-blind hunks, merge-aware as `git blame -w`:
/// a file identical to some parent takes that parent's origins whole (the first such parent);
/// otherwise each line unchanged against a parent takes the first such parent's origin, and
/// only lines new against every parent belong to the commit. States are held only while a
/// commit still has children to come.
public final class LineOriginTracker {
    private var states: [OID: OriginState] = [:]
    private var pendingChildren: [OID: Int]
    /// The state of a commit stored by an earlier scan (an incremental scan starts from it).
    private let loadStored: (OID) throws -> OriginState

    public init(childCounts: [OID: Int], loadStored: @escaping (OID) throws -> OriginState) {
        pendingChildren = childCounts
        self.loadStored = loadStored
    }

    public struct Applied {
        public var entries: [OriginEntry]
        /// The first parent's origins of the files this commit changed or deleted (for SZZ).
        public var firstParentOrigins: OriginState
    }

    /// Computes the commit's state from its parents' and returns what changed against the first.
    public func apply(commit oid: OID, id: Int32, parents: [OID], delta: OriginDelta,
                      pathID: (String) throws -> Int32) throws -> Applied {
        var parentStates: [OriginState] = []
        for parent in parents { parentStates.append(try state(of: parent)) }
        // Parents whose last child this is are forgotten before the state is edited.
        for parent in parents { release(parent) }

        // Everything is read from the parents before anything is written.
        var computed: [(path: String, origins: [LineOrigin])] = []
        var before: OriginState = [:]
        for change in delta.changes {
            let own = LineOrigin(commit: id, path: try pathID(change.path))
            computed.append((change.path, Self.origins(of: change, own: own, parentStates: parentStates)))
            if case .changed(let path, _)? = change.parents.first, let old = parentStates.first?[path] { before[path] = old }
        }
        // The first parent's state is moved out rather than shared, so that along a linear
        // stretch of history one dictionary is edited in place instead of copied per commit.
        var state = parentStates.isEmpty ? [:] : parentStates.removeFirst()
        var entries: [OriginEntry] = []
        for path in delta.deleted + delta.unknown {
            if let old = state.removeValue(forKey: path) {
                before[path] = old
            } else if !delta.unknown.contains(path) {
                continue
            }
            entries.append(OriginEntry(path: path, origins: nil))
        }
        for (path, origins) in computed {
            state[path] = origins
            entries.append(OriginEntry(path: path, origins: origins))
        }
        if (pendingChildren[oid] ?? 0) > 0 { states[oid] = state }
        return Applied(entries: entries, firstParentOrigins: before)
    }

    /// A commit's state while it is held (it still has children to come), or the stored one.
    public func state(at oid: OID) throws -> OriginState { try state(of: oid) }

    private func state(of oid: OID) throws -> OriginState {
        if let state = states[oid] { return state }
        let loaded = try loadStored(oid)
        if (pendingChildren[oid] ?? 0) > 1 { states[oid] = loaded }
        return loaded
    }

    private func release(_ parent: OID) {
        guard let count = pendingChildren[parent] else { return }
        if count <= 1 {
            pendingChildren.removeValue(forKey: parent)
            states.removeValue(forKey: parent)
        } else {
            pendingChildren[parent] = count - 1
        }
    }

    static let unassigned = LineOrigin(commit: -1, path: -1)

    static func origins(of change: OriginChange, own: LineOrigin, parentStates: [OriginState]) -> [LineOrigin] {
        for (index, link) in change.parents.enumerated() where index < parentStates.count {
            if case .identical(let path) = link, let whole = parentStates[index][path], whole.count == change.lineCount {
                return whole
            }
        }
        var result = [LineOrigin](repeating: unassigned, count: change.lineCount)
        for (index, link) in change.parents.enumerated() where index < parentStates.count {
            guard case .changed(let path, let hunks) = link, let old = parentStates[index][path] else { continue }
            forEachUnchangedLine(hunks, newCount: change.lineCount) { oldLine, newLine in
                if result[newLine] == unassigned && oldLine < old.count { result[newLine] = old[oldLine] }
            }
        }
        for index in result.indices where result[index] == unassigned { result[index] = own }
        return result
    }

    /// Calls `body(oldIndex, newIndex)` (0-based) for each line outside the hunks.
    public static func forEachUnchangedLine(_ hunks: [Hunk], newCount: Int, _ body: (Int, Int) -> Void) {
        var old = 0, new = 0
        for hunk in hunks {
            // A side with no lines starts *after* its start line.
            let oldBegin = hunk.oldLines == 0 ? hunk.oldStart : hunk.oldStart - 1
            let newBegin = hunk.newLines == 0 ? hunk.newStart : hunk.newStart - 1
            while new < newBegin && new < newCount {
                body(old, new)
                old += 1
                new += 1
            }
            old = oldBegin + hunk.oldLines
            new = newBegin + hunk.newLines
        }
        while new < newCount {
            body(old, new)
            old += 1
            new += 1
        }
    }
}
