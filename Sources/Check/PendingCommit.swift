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

/// The staged change as one more commit on top of HEAD, in memory: its changes, the functions
/// it touches and (lazily) the line origins it leaves, so the commit features the model learnt
/// from are computed for it exactly as they would be once it is committed and scanned.
struct PendingCommit {
    let walk: ProcessWalk
    let commit: Int32
    let paths: [String]
    let touched: [(path: String, name: String)]

    static func staged(_ workspace: Workspace, tip: Int32, message: String) throws -> PendingCommit? {
        let repository = workspace.repository
        let diff = try repository.stagedDiff()
        try diff.findRenames()
        var timeline = workspace.index.timeline
        let commit = Int32(timeline.commits.count)
        var pathIDs: [String: Int32] = [:]
        for (id, path) in timeline.paths { pathIDs[path] = id }
        var nextPathID = (timeline.paths.keys.max() ?? 0) + 1
        func id(_ path: String) -> Int32 {
            if let known = pathIDs[path] { return known }
            let fresh = nextPathID
            nextPathID += 1
            pathIDs[path] = fresh
            timeline.paths[fresh] = path
            return fresh
        }
        let storeID = Int32((timeline.indexOfStoreID.keys.max() ?? 0) + 1)
        var changes: [StoredTimeline.Change] = []
        var renames: [(old: Int32, new: Int32)] = []
        var touches: [StoredTimeline.FunctionTouch] = []
        var edits: [Int32: (before: Int32, hunks: [Hunk])] = [:]
        var newBlobs: [(path: String, oid: OID)] = []
        var paths: [String] = []
        var touched: [(path: String, name: String)] = []
        let frontends = Frontends()
        for position in 0..<diff.count {
            let delta = diff.delta(at: position)
            guard !delta.isSubmodule else { continue }
            let path = delta.status == .deleted ? delta.oldPath : delta.newPath
            let pathID = id(path)
            let before = delta.status == .renamed ? id(delta.oldPath) : pathID
            if delta.status == .renamed { renames.append((before, pathID)) }
            // A missing blob (partial clone) leaves the file without line counts, as a scan does.
            let stats = try? diff.stats(at: position)
            let counted = stats.map { !$0.isBinary } ?? false
            let oldBlob = delta.oldOID.isZero ? nil : delta.oldOID, newBlob = delta.newOID.isZero ? nil : delta.newOID
            changes.append(StoredTimeline.Change(
                path: pathID, status: UInt8(ascii: delta.status.rawValue.unicodeScalars.first ?? "M"),
                added: counted ? Int32(stats!.added) : nil, deleted: counted ? Int32(stats!.deleted) : nil,
                oldBlob: oldBlob, newBlob: newBlob))
            paths.append(path)
            if let newBlob { newBlobs.append((path, newBlob)) }
            guard counted, let hunks = stats?.hunks else { continue }
            edits[pathID] = (before, hunks)
            guard Language(path: path) != nil else { continue }
            let old = oldBlob.flatMap { blob in
                (try? workspace.store.outline(of: blob)) ?? outline(blob, path: delta.oldPath, repository: repository, frontends)
            }
            let new = newBlob.flatMap { outline($0, path: path, repository: repository, frontends) }
            for change in FunctionAttribution.attribute(path: path, old: old, new: new, hunks: hunks).changes {
                touches.append(StoredTimeline.FunctionTouch(path: pathID, name: change.name, added: Int32(change.added),
                                                            deleted: Int32(change.deleted)))
                touched.append((path, change.name))
            }
        }
        guard !changes.isEmpty else { return nil }

        let head = timeline.commits[Int(tip)]
        let now = Int64(Date().timeIntervalSince1970)
        let authorTime = gitDate("GIT_AUTHOR_DATE") ?? now, commitTime = gitDate("GIT_COMMITTER_DATE") ?? now
        let name = repository.configString("user.name") ?? ""
        let email = repository.configString("user.email") ?? ""
        let author = (try? workspace.store.personID(name: name, email: email)) ?? nil
        let verdict = message.isEmpty ? "" : FixClassifier().classify(message: message, authorName: name, authorEmail: email).rawValue
        timeline.commits.append(StoredTimeline.Commit(
            oid: OID(bytes: [UInt8](repeating: 0, count: 20))!, author: author ?? -1, authorTime: authorTime,
            commitTime: max(commitTime, head.commitTime), parents: [tip], parentCount: 1, verdict: verdict,
            subject: String(message.prefix { $0 != "\n" })))
        timeline.changes.append(changes)
        timeline.functionTouches.append(touches)
        timeline.renames.append(renames)
        timeline.indexOfStoreID[Int64(storeID)] = commit

        workspace.measure(blobs: newBlobs)
        let index = HistoryIndex(timeline)
        let walk = ProcessWalk(index: index, world: index.world(at: commit), originRows: workspace.originRows)
        walk.pending = ProcessWalk.PendingEdits(commit: commit, storeID: storeID, edits: edits)
        return PendingCommit(walk: walk, commit: commit, paths: paths, touched: touched)
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
