import Features
import Foundation
import GitKit
import Prediction
import ReportModel
import Store

/// The detail view of the riskiest rows: the source as it is at the revision, with the lines
/// that later-fixed commits wrote marked, and the story of changes, authors and fixes.
struct DetailViews {
    /// A function's source up to this many lines; a file's, its first `maxFileLines`.
    static let maxLines = 300
    static let maxFileLines = 150
    static let maxStory = 40
    let workspace: Workspace
    let tip: Int32
    let world: [Bool]
    let names: [Int32: String]

    func details(files: [RiskItem], functions: [RiskItem]) throws -> [Detail] {
        let index = workspace.index
        let record = index.commit(tip)
        let tree = try workspace.repository.commit(record.oid).tree()
        let origins = (try? workspace.store.originState(at: record.oid)) ?? [:]
        let walk = workspace.replay(at: tip)
        var pathIDs: [String: Int32] = [:]
        for (id, path) in index.timeline.paths { pathIDs[path] = id }
        var knownBug: [Int32: Bool] = [:]
        func isBug(_ commit: Int32) -> Bool {
            if let known = knownBug[commit] { return known }
            let known = index.bugKnownAt(commit, in: world) != nil
            knownBug[commit] = known
            return known
        }
        var linesOf: [String: [String]] = [:]
        func lines(_ path: String) -> [String] {
            if let cached = linesOf[path] { return cached }
            var result: [String] = []
            if let entry = try? tree.entry(atPath: path), let blob = try? workspace.repository.blob(entry.oid), !blob.isBinary {
                result = String(decoding: blob.bytes, as: UTF8.self).components(separatedBy: "\n")
                if result.last == "" { result.removeLast() }
            }
            linesOf[path] = result
            return result
        }
        var result: [Detail] = []
        for item in files + functions {
            let all = lines(item.path)
            let first = max(1, item.startLine ?? 1)
            let last = min(all.count, item.endLine ?? all.count)
            let end = min(last, first + (item.name == nil ? Self.maxFileLines : Self.maxLines) - 1)
            let shown = first <= end ? Array(all[(first - 1)..<end]) : []
            var fixedLines: [Int] = []
            if let lineOrigins = origins[item.path], first <= end {
                for line in first...end where line <= lineOrigins.count {
                    if let origin = index.timeline.indexOfStoreID[Int64(lineOrigins[line - 1].commit)], isBug(origin) {
                        fixedLines.append(line)
                    }
                }
            }
            var history: ProcessWalk.FileRecord?
            if let id = pathIDs[item.path] {
                if let name = item.name {
                    history = walk.functions[ProcessWalk.FunctionKey(path: id, name: name)]
                } else {
                    history = walk.files[id]
                }
            }
            let story: [StoryEvent] = (history?.commits ?? []).suffix(Self.maxStory).reversed().map { commit in
                let stored = index.commit(commit)
                let kind = index.isFix(commit) ? "fix" : isBug(commit) ? "bug-introducing" : "change"
                return StoryEvent(sha: stored.oid.hex, time: stored.authorTime, author: names[stored.author] ?? "unknown",
                                  subject: stored.subject, kind: kind)
            }
            var authorCounts: [Int32: Int] = [:]
            for commit in history?.commits ?? [] { authorCounts[index.commit(commit).author, default: 0] += 1 }
            let authors = authorCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { names[$0.key] ?? "unknown" }
            result.append(Detail(id: item.id, firstLine: first, lines: shown, fixedLines: fixedLines, story: story,
                                 authors: Array(authors.prefix(10)), truncated: end < last))
        }
        return result
    }
}
