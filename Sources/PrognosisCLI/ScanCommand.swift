import ArgumentParser
import Store
import FixBranches
import Dispatch
import Configuration
import Foundation
import Analysis
import Scanning

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mine every commit reachable from a revision into the store (incremental, resumable).")

    @OptionGroup var repository: RepositoryOption

    @Option(help: "Scan the commits reachable from this revision.")
    var rev = "HEAD"

    @Option(help: "Mining threads (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Commits per store transaction: the most a killed scan has to redo.")
    var batchSize = 256

    @Flag(name: .customLong("no-code-analysis"),
          help: "Do not parse changed files: no function history and no SZZ links for the commits this scan adds (line origins and fix labels are still stored).")
    var noCodeAnalysis = false

    @Flag(help: "Wait for another running scan to finish instead of failing.")
    var wait = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print details: timings, workers, missing objects.")
    var verbose = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    func run() throws {
        try reportingErrors {
            var options = ScanOptions()
            options.revision = rev
            options.waitForLock = wait
            options.batchSize = batchSize
            options.analyzeCode = !noCodeAnalysis
            options.classifier = try ProjectConfiguration.load(repositoryPath: repository.path).fixClassifier()
            if let jobs { options.workers = jobs }
            let stop = StopFlag.installed()
            let bar = ProgressBar(label: "scanning", enabled: !quiet)
            defer { bar.finish() }
            let result = try Scanner.scan(repositoryPath: repository.path, options: options,
                                          stopRequested: { stop.isSet }) { progress in
                bar.update(done: progress.done, total: progress.total, elapsed: progress.elapsed)
            }
            bar.finish()
            if let old = result.storeUpgradedFrom, result.storeHistoryCleared {
                let why = old < 2 ? "to add line origins, fix labels and SZZ links" : "because it had merged file names that are not UTF-8"
                printError("prognosis: note: the store was upgraded from schema \(old); its history was mined again \(why)")
            }
            if result.completedAfterFetch > 0 {
                printError("prognosis: note: blobs that were missing have been fetched: \(result.completedAfterFetch) commit(s) mined again, now complete")
            }
            if result.missingBlobs > 0 {
                printError("prognosis: warning: \(result.missingBlobs) blob(s) are missing from this clone (partial clone?); their files are stored without line counts")
            }
            if result.shallowBoundaries > 0 {
                printError("prognosis: warning: shallow clone: \(result.shallowBoundaries) commit(s) have absent parents and were diffed against an empty tree")
            }
            // Fix branches merged into the main line since the last run are accepted, those
            // deleted unmerged rejected: each rule's record learns from what the team did.
            let settled = (try? settleFixBranches()) ?? []
            guard !quiet else { return }
            for change in settled {
                say("\(change.branch): \(change.accepted ? "merged, counted as accepted" : "deleted unmerged, counted as rejected") for \(change.rule)")
            }
            if result.commitsPlanned == 0 {
                say("Up to date: \(result.tip.hex.prefix(12)) and its history are already scanned.")
            } else {
                let rate = result.elapsed > 0 ? Int(Double(result.commitsStored) / result.elapsed) : 0
                say("Scanned \(result.commitsStored) new commit(s) in \(String(format: "%.2f", result.elapsed)) s (\(rate)/s): \(result.fixCommits) bug fix(es), \(result.szzLinks) line(s) traced to bug-introducing commits.")
            }
            if verbose {
                say("  tip: \(result.tip.hex)")
                say("  workers: \(options.workers), batch: \(options.batchSize) commits per transaction")
                say("  store: \(result.storePath)")
                say("  shallow clone: \(result.isShallow ? "yes" : "no"), missing blobs: \(result.missingBlobs)")
            }
        }
    }

    func settleFixBranches() throws -> [FeedbackLedger.Change] {
        let repo = try repository.open()
        let store = try Store(location: StoreLocation(gitCommonDirectory: repo.commonDirectory), create: false)
        return try FeedbackLedger.reconcile(repository: repo, store: store)
    }
}

/// Set by the first SIGINT/SIGTERM: the scan stops after its current batch and keeps what it
/// stored. A second signal kills at once (the store stays valid either way).
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    private var sources: [DispatchSourceSignal] = []

    var isSet: Bool { lock.withLock { value } }

    static func installed() -> StopFlag {
        let flag = StopFlag()
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                flag.lock.withLock { flag.value = true }
                signal(sig, SIG_DFL)
            }
            source.resume()
            flag.sources.append(source)
        }
        return flag
    }

}
