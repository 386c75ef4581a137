import GitKit
import Store

/// Prints stored history in exactly the layout of `git log [--numstat] --format=%H`, so anyone
/// can diff Prognosis's view of a repository against git's own.
public struct GitLogFormatter {
    public var numstat: Bool
    /// Show renames as git does by default (`{old => new}`); false matches `--no-renames`.
    public var renames: Bool

    public init(numstat: Bool, renames: Bool) {
        self.numstat = numstat
        self.renames = renames
    }

    /// The commits reachable from `tip` in git log's default order: newest commit date first,
    /// ties in the order commits were reached (git's insert-by-date list is first-in first-out
    /// among equal dates).
    public static func order(from tip: OID, graph: [OID: StoredCommit]) throws -> [StoredCommit] {
        guard let first = graph[tip] else { throw StoreError.commitNotStored(tip.hex) }
        var heap = DateQueue()
        var seen: Set<OID> = [tip]
        heap.push(first)
        var out: [StoredCommit] = []
        out.reserveCapacity(graph.count)
        while let commit = heap.pop() {
            out.append(commit)
            for parent in commit.parents where !seen.contains(parent) {
                seen.insert(parent)
                // A parent missing from the store is a shallow boundary: git stops there too.
                if let stored = graph[parent] { heap.push(stored) }
            }
        }
        return out
    }

    /// Renders the history reachable from `tip`: `changes` and `renames` (by commit id, as
    /// the store gives them) are needed only with `numstat`.
    public func render(from tip: OID, graph: [OID: StoredCommit], changes: [Int64: [StoredChange]],
                       renames renameMap: [Int64: [StoredRename]], write: (String) -> Void) throws {
        let ordered = try Self.order(from: tip, graph: graph)
        for commit in ordered {
            var block = commit.oid.hex + "\n"
            let rows = numstat ? lines(changes[commit.id] ?? [], renameMap[commit.id] ?? []) : []
            if !rows.isEmpty {
                block += "\n"
                for row in rows { block += row + "\n" }
            }
            write(block)
        }
    }

    private func lines(_ changes: [StoredChange], _ renames: [StoredRename]) -> [String] {
        func counts(_ added: Int?, _ deleted: Int?, _ binary: Bool) -> String {
            guard !binary, let added, let deleted else { return "-\t-" }
            return "\(added)\t\(deleted)"
        }
        guard !renames.isEmpty else {
            return changes.map { counts($0.added, $0.deleted, $0.isBinary || $0.isMissing) + "\t" + GitPathFormat.quoted($0.path) }
        }
        // git emits a rename where its destination (the added path) stood; the deleted source
        // line disappears.
        let sources = Set(renames.map(\.oldPath))
        let byDestination = Dictionary(renames.map { ($0.newPath, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String] = []
        for change in changes {
            if change.status == "D" && sources.contains(change.path) { continue }
            if change.status == "A", let rename = byDestination[change.path] {
                out.append(counts(rename.added, rename.deleted, rename.isBinary || change.isMissing) + "\t"
                           + GitPathFormat.rename(from: rename.oldPath, to: rename.newPath))
            } else {
                out.append(counts(change.added, change.deleted, change.isBinary || change.isMissing) + "\t"
                           + GitPathFormat.quoted(change.path))
            }
        }
        return out
    }
}

/// A max-heap on (commit time, then earliest insertion).
struct DateQueue {
    private var items: [(commit: StoredCommit, seq: Int)] = []
    private var counter = 0

    private func before(_ x: (commit: StoredCommit, seq: Int), _ y: (commit: StoredCommit, seq: Int)) -> Bool {
        x.commit.commitTime != y.commit.commitTime ? x.commit.commitTime > y.commit.commitTime : x.seq < y.seq
    }

    mutating func push(_ commit: StoredCommit) {
        items.append((commit, counter))
        counter += 1
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard before(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> StoredCommit? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < items.count && before(items[l], items[best]) { best = l }
            if r < items.count && before(items[r], items[best]) { best = r }
            if best == i { break }
            items.swapAt(i, best)
            i = best
        }
        return top.commit
    }
}
