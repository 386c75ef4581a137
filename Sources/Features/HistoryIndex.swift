import Foundation
import GitKit
import Store

/// The stored history indexed for "as of" questions. A moment is a commit: what is known at
/// commit C is C and its ancestors (its *world*), exactly what a clone ending at C holds.
/// Inside a world, commits are replayed by commit time (ties by store order, which puts
/// parents first), and a label is known at a position once the fix that reveals it is there.
public final class HistoryIndex {
    public let timeline: StoredTimeline
    /// Commit indices sorted by (commit time, store order).
    public let order: [Int32]
    /// Position of each commit in `order`.
    public let position: [Int32]
    /// For each commit, the fixes whose SZZ links name it as the origin of a line they changed.
    public let fixesOf: [[Int32]]
    private let indexByOID: [OID: Int32]

    public init(_ timeline: StoredTimeline) {
        self.timeline = timeline
        let commits = timeline.commits
        let order = commits.indices.sorted { (commits[$0].commitTime, $0) < (commits[$1].commitTime, $1) }.map { Int32($0) }
        var position = [Int32](repeating: 0, count: commits.count)
        for (rank, index) in order.enumerated() { position[Int(index)] = Int32(rank) }
        var fixes = [[Int32]](repeating: [], count: commits.count)
        var seen = Set<Int64>()
        for link in timeline.links where seen.insert(Int64(link.origin) << 32 | Int64(link.fix)).inserted {
            fixes[Int(link.origin)].append(link.fix)
        }
        self.order = order
        self.position = position
        fixesOf = fixes
        var byOID: [OID: Int32] = [:]
        for (index, commit) in commits.enumerated() { byOID[commit.oid] = Int32(index) }
        indexByOID = byOID
    }

    public var count: Int { timeline.commits.count }

    public func index(of oid: OID) -> Int32? { indexByOID[oid] }

    public func commit(_ index: Int32) -> StoredTimeline.Commit { timeline.commits[Int(index)] }

    /// C and every stored ancestor of C.
    public func world(at commit: Int32) -> [Bool] {
        var inWorld = [Bool](repeating: false, count: count)
        var stack = [commit]
        inWorld[Int(commit)] = true
        while let next = stack.popLast() {
            for parent in timeline.commits[Int(next)].parents where !inWorld[Int(parent)] {
                inWorld[Int(parent)] = true
                stack.append(parent)
            }
        }
        return inWorld
    }

    /// The world's commits in replay order.
    public func replayOrder(_ world: [Bool]) -> [Int32] { order.filter { world[Int($0)] } }

    /// The position of the earliest fix in `world` that reveals `commit` as bug-introducing;
    /// nil when no fix there does. "Known at position p" means this is at or before p.
    public func bugKnownAt(_ commit: Int32, in world: [Bool]) -> Int32? {
        var earliest: Int32?
        for fix in fixesOf[Int(commit)] where world[Int(fix)] {
            let at = position[Int(fix)]
            if earliest == nil || at < earliest! { earliest = at }
        }
        return earliest
    }

    public func isFix(_ commit: Int32) -> Bool { timeline.commits[Int(commit)].verdict == "fix" }

    /// The latest commit on `tip`'s first-parent chain committed at or before `time`.
    public func firstParentCommit(from tip: Int32, atOrBefore time: Int64) -> Int32? {
        var current: Int32? = tip
        while let commit = current {
            if timeline.commits[Int(commit)].commitTime <= time { return commit }
            current = timeline.commits[Int(commit)].parents.first
        }
        return nil
    }
}
