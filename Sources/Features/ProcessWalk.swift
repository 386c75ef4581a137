import Foundation
import GitKit
import History
import Store

/// Replays one world's commits in time order and keeps what each file, function and author
/// had seen so far. A visitor is called with each commit *before* it is applied, so whatever
/// it reads is strictly earlier: that is the time-travel guarantee of every feature.
public final class ProcessWalk {
    public struct FileRecord {
        public var commits: [Int32] = []
        public var authors: Set<Int32> = []
        public var added = 0
        public var deleted = 0
        public var fixes: [Int32] = []
        public var first = Int64.max
        public var last = Int64.min

        /// One commit's change to the file or function: the one rule the replay and the gate's
        /// stored state both follow.
        public mutating func add(commit: Int32, author: Int32, time: Int64, added: Int32?, deleted: Int32?, isFix: Bool) {
            commits.append(commit)
            authors.insert(author)
            self.added += Int(added ?? 0)
            self.deleted += Int(deleted ?? 0)
            if isFix { fixes.append(commit) }
            first = min(first, time)
            last = max(last, time)
        }
    }

    public struct FunctionKey: Hashable {
        public var path: Int32
        public var name: String
        public init(path: Int32, name: String) {
            self.path = path
            self.name = name
        }
    }

    public let index: HistoryIndex
    public let world: [Bool]
    public private(set) var files: [Int32: FileRecord] = [:]
    public private(set) var functions: [FunctionKey: FileRecord] = [:]
    /// Line origins of every tracked file, as replayed so far, still encoded: most are never
    /// read (scoring one commit reads only the files it touches).
    private var originData: [Int32: Data] = [:]
    public private(set) var authorTimes: [Int32: [Int64]] = [:]
    public private(set) var authorSubsystems: [Int32: [Substring: Int]] = [:]
    private let originRows: [Int32: [(path: Int32, runs: Data?)]]

    public init(index: HistoryIndex, world: [Bool], originRows: [(commit: Int32, path: Int32, runs: Data?)]) {
        self.index = index
        self.world = world
        var rows: [Int32: [(path: Int32, runs: Data?)]] = [:]
        for row in originRows where world[Int(row.commit)] { rows[row.commit, default: []].append((row.path, row.runs)) }
        self.originRows = rows
    }

    /// A change not committed yet (the pre-commit gate's): its line origins are not stored, so
    /// they are derived from the origins before it and its hunks when asked.
    public struct PendingEdits {
        public var commit: Int32
        /// The store id its new lines are attributed to (one no stored commit has).
        public var storeID: Int32
        /// By path id: the path it had before (a rename's old id) and the change's hunks.
        public var edits: [Int32: (before: Int32, hunks: [Hunk])]

        public init(commit: Int32, storeID: Int32, edits: [Int32: (before: Int32, hunks: [Hunk])]) {
            self.commit = commit
            self.storeID = storeID
            self.edits = edits
        }
    }

    public var pending: PendingEdits?

    /// The origins commit `commit` leaves for `path`, when it changed them.
    public func originsAfter(_ commit: Int32, path: Int32) -> [LineOrigin]?? {
        if let pending, pending.commit == commit {
            guard let edit = pending.edits[path] else { return nil }
            return .some(Self.apply(edit.hunks, to: origins(of: edit.before), commit: pending.storeID, path: path))
        }
        guard let row = originRows[commit]?.first(where: { $0.path == path }) else { return nil }
        return .some(row.runs.flatMap { try? Store.decodeOrigins($0) })
    }

    /// Every tracked file's origins as replayed so far, still encoded (the gate's state keeps them).
    public var encodedOrigins: [Int32: Data] { originData.compactMapValues { $0 } }

    /// The origins of a file's lines as replayed so far (empty when untracked or gone).
    public func origins(of path: Int32) -> [LineOrigin] {
        originData[path].flatMap { try? Store.decodeOrigins($0) } ?? []
    }

    /// Origins after hunks (0 context lines): deleted lines leave, added lines come from `commit`.
    static func apply(_ hunks: [Hunk], to before: [LineOrigin], commit: Int32, path: Int32) -> [LineOrigin] {
        var after: [LineOrigin] = []
        var next = 1
        for hunk in hunks.sorted(by: { $0.oldStart < $1.oldStart }) {
            // A pure insertion's oldStart is the line it follows; a deletion's, its first line.
            let keepThrough = hunk.oldLines == 0 ? hunk.oldStart : hunk.oldStart - 1
            while next <= min(keepThrough, before.count) { after.append(before[next - 1]); next += 1 }
            next = max(next, hunk.oldStart + hunk.oldLines)
            after += Array(repeating: LineOrigin(commit: commit, path: path), count: hunk.newLines)
        }
        while next <= before.count { after.append(before[next - 1]); next += 1 }
        return after
    }

    public func run(visit: (_ commit: Int32, _ position: Int32) -> Void) {
        for commit in index.replayOrder(world) {
            visit(commit, index.position[Int(commit)])
            apply(commit)
        }
    }

    private func apply(_ commit: Int32) {
        let record = index.commit(commit)
        let timeline = index.timeline
        let isMerge = record.parents.count > 1
        // A merge's changes are its branch's, already replayed commit by commit.
        if !isMerge {
            for rename in timeline.renames[Int(commit)] {
                if let moved = files.removeValue(forKey: rename.old) { files[rename.new] = moved }
            }
            let isFix = record.verdict == "fix"
            for change in timeline.changes[Int(commit)] {
                files[change.path, default: FileRecord()].add(commit: commit, author: record.author, time: record.authorTime,
                                                              added: change.added, deleted: change.deleted, isFix: isFix)
                if let path = timeline.paths[change.path] {
                    authorSubsystems[record.author, default: [:]][PathKind.subsystem(path), default: 0] += 1
                }
            }
            for touch in timeline.functionTouches[Int(commit)] {
                functions[FunctionKey(path: touch.path, name: touch.name), default: FileRecord()].add(
                    commit: commit, author: record.author, time: record.authorTime, added: touch.added, deleted: touch.deleted,
                    isFix: isFix)
            }
            authorTimes[record.author, default: []].append(record.authorTime)
        }
        for row in originRows[commit] ?? [] { originData[row.path] = row.runs }
    }
}
