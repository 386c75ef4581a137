// OriginBench: issue 5's origin figure — line origins for every tracked line at a revision,
// computed from scratch through the whole history by the scan's own code (the parallel
// whitespace-blind origin deltas of `HistoryMiner.originDelta` and the merge-aware
// `LineOriginTracker`), with no store: no numstat, fix labels, SZZ or SQLite writes, which
// `prognosis scan` adds on top and which `scan_bench.py` times separately.
//
// Usage: OriginBench REPO [--rev REV] [--workers N] [--dump FILE]
//        OriginBench REPO --verify-diff [--limit N]
//   --verify-diff holds `LineDiff` against libgit2's xdiff on every modified file of the
//   history (with and without -w) and prints how many pairs give identical hunks.
//   --dump writes "path<TAB>line<TAB>commit" for every line at REV, so a script can hold the
//   result against `git blame -w` (scan_bench.py does, in the same run).
// Prints one JSON object: commits, files, lines, seconds.
import Foundation
import GitKit
import History
import Scanning

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    let value = arguments[index + 1]
    arguments.removeSubrange(index...index + 1)
    return value
}
let revision = option("--rev") ?? "HEAD"
let workers = option("--workers").flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
let dumpPath = option("--dump")
let verifyLimit = option("--limit").flatMap(Int.init) ?? Int.max
let verify = arguments.contains("--verify-diff")
arguments.removeAll { $0 == "--verify-diff" }
guard let repositoryPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: OriginBench REPO [--rev REV] [--workers N] [--dump FILE] | REPO --verify-diff [--limit N]\n".utf8))
    exit(64)
}

/// Every modified text file of the history against its first parent, both ways.
func verifyDiff(_ repository: Repository, commits: [OID]) throws {
    var pairs = 0, equalPlain = 0, equalBlind = 0, skippedControl = 0
    var shown = 0
    outer: for oid in commits {
        let commit = try repository.commit(oid)
        guard let parent = commit.parentIDs.first else { continue }
        for change in try repository.treeChanges(from: try repository.commit(parent).tree(), to: try commit.tree())
        where change.status == .modified {
            guard let old = try? repository.blob(change.oldOID), let new = try? repository.blob(change.newOID),
                  !old.isBinary, !new.isBinary else { continue }
            // C's isspace (libgit2) counts vertical tab and form feed as whitespace, git's does not.
            let control = [old, new].contains { $0.withUnsafeBytes { $0.contains(0x0B) || $0.contains(0x0C) } }
            pairs += 1
            for blind in [false, true] {
                if blind && control {
                    skippedControl += 1
                    continue
                }
                let ours = LineDiff.hunks(old: old, new: new, options: LineDiffOptions(ignoreWhitespace: blind, indentHeuristic: blind, trimCommonTail: false))
                // libgit2 turns the indent heuristic on only with -w here (as `Repository.hunks` asks).
                let theirs = try repository.hunks(old: old, new: new, ignoringWhitespace: blind)
                if ours == theirs {
                    if blind { equalBlind += 1 } else { equalPlain += 1 }
                } else if shown < 5 {
                    shown += 1
                    print("differs: \(oid) \(change.path) -w=\(blind) ours \(ours.count) hunks, libgit2 \(theirs.count)")
                }
            }
            if pairs >= verifyLimit { break outer }
        }
    }
    print(#"{"pairs": \#(pairs), "equalPlain": \#(equalPlain), "equalIgnoringWhitespace": \#(equalBlind), "withVerticalTabOrFormFeed": \#(skippedControl)}"#)
}

do {
    let start = Date()
    let repository = try Repository(discovering: repositoryPath)
    let tip = try repository.resolveCommit(revision)
    Libgit2.configureCache(maxBytes: 48 << 20, blobLimit: 1 << 20)
    let commits = try CommitPlan.commits(in: repository, tip: tip, alreadyStoredFrontier: [])
    if verify {
        try verifyDiff(repository, commits: commits)
        exit(0)
    }
    let ids = Dictionary(uniqueKeysWithValues: commits.enumerated().map { ($0.element, Int32($0.offset)) })
    var childCounts = try Scanner.childCounts(commits, repository: repository)
    // Keep the tip's state: it is the answer.
    childCounts[tip, default: 0] += 1
    var pathIDs: [String: Int32] = [:]
    let tracker = LineOriginTracker(childCounts: childCounts, loadStored: { _ in [:] })
    let miner = ParallelMiner(repositoryPath: repositoryPath, commits: commits, chunkSize: 256, workers: workers) { miner in
        { try miner.originDelta($0) }
    }
    var index = 0
    try miner.run { deltas in
        for delta in deltas {
            let oid = commits[index]
            index += 1
            _ = try tracker.apply(commit: oid, id: ids[oid]!, parents: delta.parents, delta: delta) { path in
                if let id = pathIDs[path] { return id }
                pathIDs[path] = Int32(pathIDs.count)
                return Int32(pathIDs.count - 1)
            }
        }
    }
    let tipState = try tracker.state(at: tip)
    let seconds = Date().timeIntervalSince(start)
    let lines = tipState.values.reduce(0) { $0 + $1.count }
    if let dumpPath {
        var text = ""
        for path in tipState.keys.sorted() {
            for (number, origin) in tipState[path]!.enumerated() {
                text += "\(path)\t\(number + 1)\t\(commits[Int(origin.commit)])\n"
            }
        }
        try text.write(toFile: dumpPath, atomically: true, encoding: .utf8)
    }
    print(#"{"commits": \#(commits.count), "files": \#(tipState.count), "lines": \#(lines), "seconds": \#(seconds)}"#)
} catch {
    FileHandle.standardError.write(Data("OriginBench: \(error.localizedDescription)\n".utf8))
    exit(1)
}
