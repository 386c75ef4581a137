import Analysis
import CodeModel
import Configuration
import Features
import Foundation
import GitKit
import History
import Prediction
import Scanning
import Store

/// The staged change as the commit it will become: its changes with numstat, renames, the
/// functions it touches and its hunks, with path ids as the store names paths (a new path gets
/// an id no stored path has).
struct StagedChange {
    var changes: [StoredTimeline.Change] = []
    var renames: [(old: Int32, new: Int32)] = []
    var touches: [StoredTimeline.FunctionTouch] = []
    var edits: [Int32: (before: Int32, hunks: [Hunk])] = [:]
    var newBlobs: [(path: String, oid: OID)] = []
    var oldBlobs: [OID] = []
    var names: [Int32: String] = [:]
    var touched: [(path: String, name: String)] = []
    var author: Int32 = -1
    var authorTime: Int64 = 0
    var commitTime: Int64 = 0
    var verdict = ""
    var subject = ""

    var isEmpty: Bool { changes.isEmpty }

    static func read(_ repository: Repository, store: Store, message: String) throws -> StagedChange {
        let diff = try repository.stagedDiff()
        try diff.findRenames()
        var deltas: [(DiffDelta, Int)] = []
        for position in 0..<diff.count where !diff.delta(at: position).isSubmodule { deltas.append((diff.delta(at: position), position)) }
        var known = try store.pathIDs(deltas.flatMap { [$0.0.oldPath, $0.0.newPath] })
        var next = try store.maxPathID() + 1
        var change = StagedChange()
        func id(_ path: String) -> Int32 {
            if let id = known[path] {
                change.names[id] = path
                return id
            }
            known[path] = next
            change.names[next] = path
            next += 1
            return next - 1
        }
        let frontends = Frontends()
        for (delta, position) in deltas {
            let path = delta.status == .deleted ? delta.oldPath : delta.newPath
            let pathID = id(path)
            let before = delta.status == .renamed ? id(delta.oldPath) : pathID
            if delta.status == .renamed { change.renames.append((before, pathID)) }
            // A missing blob (partial clone) leaves the file without line counts, as a scan does.
            let stats = try? diff.stats(at: position)
            let counted = stats.map { !$0.isBinary } ?? false
            let oldBlob = delta.oldOID.isZero ? nil : delta.oldOID, newBlob = delta.newOID.isZero ? nil : delta.newOID
            change.changes.append(StoredTimeline.Change(
                path: pathID, status: UInt8(ascii: delta.status.rawValue.unicodeScalars.first ?? "M"),
                added: counted ? Int32(stats!.added) : nil, deleted: counted ? Int32(stats!.deleted) : nil,
                oldBlob: oldBlob, newBlob: newBlob))
            if let newBlob { change.newBlobs.append((path, newBlob)) }
            if let oldBlob { change.oldBlobs.append(oldBlob) }
            guard counted, let hunks = stats?.hunks else { continue }
            change.edits[pathID] = (before, hunks)
            guard Language(path: path) != nil else { continue }
            let old = oldBlob.flatMap { blob in
                (try? store.outline(of: blob)) ?? outline(blob, path: delta.oldPath, repository: repository, frontends)
            }
            let new = newBlob.flatMap { outline($0, path: path, repository: repository, frontends) }
            for function in FunctionAttribution.attribute(path: path, old: old, new: new, hunks: hunks).changes {
                change.touches.append(StoredTimeline.FunctionTouch(path: pathID, name: function.name, added: Int32(function.added),
                                                                   deleted: Int32(function.deleted)))
                change.touched.append((path, function.name))
            }
        }
        let now = Int64(Date().timeIntervalSince1970)
        change.authorTime = gitDate("GIT_AUTHOR_DATE") ?? now
        change.commitTime = gitDate("GIT_COMMITTER_DATE") ?? now
        let name = repository.configString("user.name") ?? "", email = repository.configString("user.email") ?? ""
        change.author = ((try? store.personID(name: name, email: email)) ?? nil) ?? -1
        change.verdict = message.isEmpty ? "" : FixClassifier().classify(message: message, authorName: name, authorEmail: email).rawValue
        change.subject = String(message.prefix { $0 != "\n" })
        return change
    }

    func record(parent: Int32, parentTime: Int64) -> StoredTimeline.Commit {
        StoredTimeline.Commit(oid: OID(bytes: [UInt8](repeating: 0, count: 20))!, author: author, authorTime: authorTime,
                              commitTime: max(commitTime, parentTime), parents: [parent], parentCount: 1, verdict: verdict,
                              subject: subject)
    }

    /// The staged change is dated as git will date its commit: GIT_AUTHOR_DATE and
    /// GIT_COMMITTER_DATE in git's internal form ("1700000000 +0200", with or without "@").
    static func gitDate(_ variable: String) -> Int64? {
        guard var text = ProcessInfo.processInfo.environment[variable]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if text.hasPrefix("@") { text.removeFirst() }
        return text.split(separator: " ").first.flatMap { Int64($0) }
    }

    static func outline(_ oid: OID, path: String, repository: Repository, _ frontends: Frontends) -> BlobOutline? {
        guard let language = Language(path: path), let blob = try? repository.blob(oid), !blob.isBinary,
              blob.size <= CodeRule.sizeLimit else { return nil }
        return blob.withUnsafeBytes { bytes in
            BlobOutlines.outline(frontends.outline(Array(bytes), path: path, language: language), bytes: bytes)
        }
    }
}

/// The staged change replayed as one more commit on top of HEAD over the whole stored history
/// (the gate's slow path, which also writes the state its fast path reads).
struct PendingCommit {
    let walk: ProcessWalk
    let commit: Int32

    static func replay(_ staged: StagedChange, workspace: Workspace, tip: Int32) -> PendingCommit {
        var timeline = workspace.index.timeline
        let commit = Int32(timeline.commits.count)
        for (id, name) in staged.names where timeline.paths[id] == nil { timeline.paths[id] = name }
        let storeID = Int32((timeline.indexOfStoreID.keys.max() ?? 0) + 1)
        // The change comes after everything it builds on, whatever the clocks said: the stored
        // state the fast path reads is the end of HEAD's world, so this path must agree.
        let world = workspace.index.world(at: tip)
        let latest = workspace.index.replayOrder(world).last.map { timeline.commits[Int($0)].commitTime } ?? 0
        timeline.commits.append(staged.record(parent: tip, parentTime: latest))
        timeline.changes.append(staged.changes)
        timeline.functionTouches.append(staged.touches)
        timeline.renames.append(staged.renames)
        timeline.indexOfStoreID[Int64(storeID)] = commit
        workspace.measure(blobs: staged.newBlobs)
        let index = HistoryIndex(timeline)
        let walk = ProcessWalk(index: index, world: index.world(at: commit), originRows: workspace.originRows)
        walk.pending = ProcessWalk.PendingEdits(commit: commit, storeID: storeID, edits: staged.edits)
        return PendingCommit(walk: walk, commit: commit)
    }
}
