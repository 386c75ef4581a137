import Configuration
import Features
import Foundation
import GitKit
import History
import Prediction
import ReportModel
import Scanning
import Store

public struct GateSettings: Sendable {
    /// A change whose risk is above this blocks the commit (exit 1).
    public var failAbove = 0.6
    public var warnOnly = false
    public var choice: ModelChoice = .auto
    /// The most commits the gate scans by itself when the store lacks them; beyond it, it asks
    /// for a `prognosis scan` instead of holding up a commit for minutes.
    public var scanLimit = 2_000
    /// The commit message when known (`--message`); a pre-commit hook runs before it is written.
    public var message = ""

    public init() {}
}

public enum Gate {
    /// Opens the store, scanning what the gate needs first when it is missing or behind HEAD
    /// (within `settings.scanLimit` commits); `say` is told once when it scans. nil: not gated.
    public static func store(repository: Repository, settings: GateSettings, say: (String) -> Void) throws -> Store? {
        let location = StoreLocation(gitCommonDirectory: repository.commonDirectory)
        let head = try repository.resolveCommit("HEAD")
        let existing = (try? Store(location: location, create: false)) ?? (try? Store(readingAt: location))
        if let existing, (try? existing.commitID(head)) ?? nil != nil { return existing }
        var missing = 0
        let walk = try RevWalk(repository: repository, order: .time)
        try walk.push(head)
        for oid in walk {
            if let existing, (try? existing.commitID(oid)) ?? nil != nil { break }
            missing += 1
            if missing > settings.scanLimit { break }
        }
        guard missing <= settings.scanLimit else {
            say("prognosis: the store lacks more than \(settings.scanLimit) commits of this history; run `prognosis scan` once "
                + "(the gate does not hold up a commit for a long scan). Not gated.")
            return nil
        }
        say("prognosis: scanning \(missing) commit(s) not yet in the store (.git/prognosis; the work tree is not touched)")
        var options = ScanOptions()
        options.waitForLock = true
        if let configuration = try? ProjectConfiguration.load(repositoryPath: repository.workDirectory ?? repository.gitDirectory) {
            options.classifier = (try? configuration.fixClassifier()) ?? FixClassifier()
        }
        _ = try Scanner.scan(repositoryPath: repository.workDirectory ?? repository.gitDirectory, options: options)
        return try Store(location: location, create: false)
    }

    /// The store as a workspace (the whole history indexed): `--commit` and `--range`.
    public static func workspace(repository: Repository, settings: GateSettings, say: (String) -> Void) throws -> Workspace? {
        guard let store = try store(repository: repository, settings: settings, say: say) else { return nil }
        return try Workspace(repository: repository, store: store)
    }

    /// Scores the staged change against HEAD: from the state the store keeps for HEAD when it
    /// has one, else by replaying the history (and keeping the state for the next time).
    public static func staged(repository: Repository, store: Store, settings: GateSettings) throws -> GateVerdict {
        let clock = PhaseClock()
        let staged = try StagedChange.read(repository, store: store, message: settings.message)
        clock.lap("read the staged change")
        guard !staged.isEmpty else {
            return GateVerdict(change: "staged", risk: nil, low: nil, high: nil, reasons: [], commits: [], touched: [],
                               threshold: settings.failAbove, blocked: false, model: "", notes: ["nothing is staged"])
        }
        let head = try repository.resolveCommit("HEAD")
        let key = GateState.key(models: try store.maxModelID())
        let counts = try store.gateCounts()
        let scored: ScoredItem?, info: ModelInfo
        var from = "replay"
        if ProcessInfo.processInfo.environment["PROGNOSIS_GATE_REPLAY"] == nil,
           let context = try stateContext(repository: repository, store: store, head: head, key: key, counts: counts) {
            clock.lap("read HEAD's state")
            (scored, info) = try fromState(context.context, staged: staged, repository: repository, store: store, settings: settings,
                                           clock: clock)
            from = context.advanced ? "advanced state" : "state"
        } else {
            (scored, info) = try replaying(staged, repository: repository, store: store, head: head, key: key, counts: counts,
                                           settings: settings)
        }
        var notes: [String] = []
        if let note = info.note { notes.append(note) }
        if scored == nil { notes.append("the staged change touches no Python or Swift code: not scored") }
        if settings.message.isEmpty { notes.append("scored without its message (a pre-commit hook runs before it is written)") }
        let touched = touchedRisks(store, staged.touched)
        let blocked = !settings.warnOnly && (scored?.risk ?? 0) > settings.failAbove
        var verdict = GateVerdict(change: "staged", risk: scored?.risk, low: scored?.low, high: scored?.high,
                                  reasons: (scored?.reasons ?? []).map { ReportReason(feature: $0.feature, weight: $0.weight, text: $0.text) },
                                  commits: [], touched: touched, threshold: settings.failAbove, blocked: blocked,
                                  model: describe(info), notes: notes)
        verdict.scoredFrom = from
        clock.lap("the verdict")
        verdict.timings = clock.timings
        return verdict
    }

    /// HEAD's state: the stored one when it is HEAD's as the store is now, or the stored one
    /// moved forward over the few commits HEAD added since (when they all came after it in time
    /// and the store changed in no other way). nil: replay.
    static func stateContext(repository: Repository, store: Store, head: OID, key: String, counts: [Int64]) throws
        -> (context: GateContext, advanced: Bool)? {
        guard let (tip, header) = try store.gateState(key: key), let context = GateContext(header: header) else { return nil }
        if tip == head { return context.counts == counts ? (context, false) : nil }
        let walk = try RevWalk(repository: repository, order: [.topological, .time, .reverse])
        try walk.push(head)
        try walk.hide(tip)
        var added: [OID] = []
        for oid in walk {
            added.append(oid)
            if added.count > maxAdvance { return nil }
        }
        guard !added.isEmpty, var rows = try store.gateCommitRows(added) else { return nil }
        // Replay order is commit time (ties: store order); the state's world must all come first.
        rows.sort { ($0.commitTime, $0.storeID) < ($1.commitTime, $1.storeID) }
        guard let first = rows.first, first.commitTime >= context.latestCommitTime else { return nil }
        let update = try context.advance(over: rows, store: store)
        guard let advanced = GateContext(header: update.header), advanced.counts == counts else { return nil }
        try? store.advanceGateState(tip: head, key: key, header: update.header, records: update.records)
        // Records are read from the store by key, so a read-only store keeps the old ones: replay then.
        guard (try? store.gateState(key: key))??.tip == head else { return nil }
        return (advanced, true)
    }

    /// The most commits the gate moves its stored state over; more, and it replays.
    static let maxAdvance = 200

    /// The fast path: a few keyed reads of the stored state, no replay.
    static func fromState(_ context: GateContext, staged: StagedChange, repository: Repository, store: Store,
                          settings: GateSettings, clock: PhaseClock) throws -> (ScoredItem?, ModelInfo) {
        var moments = Set<OID>()
        var remaining = context.extra[...]
        while remaining.count >= 20 {
            if let oid = OID(bytes: remaining.prefix(20)) { moments.insert(oid) }
            remaining = remaining.dropFirst(20)
        }
        let (scorer, info) = try Predictor.model(store: store, level: .commit, choice: settings.choice) { moments.contains($0) }
        clock.lap("load the model")
        let commit = Int32(context.commitCount)
        context.paths = staged.names
        context.pending = ProcessWalk.PendingEdits(commit: commit, storeID: context.freshStoreID, edits: staged.edits)
        let paths = staged.changes.map(\.path) + staged.renames.map(\.old)
        try context.load(from: store, paths: paths,
                         functions: staged.touches.map { ProcessWalk.FunctionKey(path: $0.path, name: $0.name) }, author: staged.author)
        clock.lap("read the touched history")
        let measures = BlobMeasures.of(old: staged.oldBlobs, new: staged.newBlobs, names: staged, store: store,
                                       repositoryPath: repository.workDirectory ?? repository.commonDirectory)
        let record = staged.record(parent: 0, parentTime: 0)
        guard let values = CommitFeatures.features(commit: commit, record: record, changes: staged.changes, touches: staged.touches,
                                                   renames: staged.renames, position: .max, context: context,
                                                   measures: { measures[$0] }) else { return (nil, info) }
        clock.lap("measure the blobs and compute the features")
        let scored = try Predictor.scoreCommit(values, scorer: scorer)
        clock.lap("score and explain")
        return (scored, info)
    }

    /// The slow path: the whole history replayed with the change on top; then the state of
    /// HEAD is kept (when the store is writable) for the fast path.
    static func replaying(_ staged: StagedChange, repository: Repository, store: Store, head: OID, key: String, counts: [Int64],
                          settings: GateSettings) throws -> (ScoredItem?, ModelInfo) {
        let workspace = try Workspace(repository: repository, store: store)
        let tip = try workspace.commit("HEAD")
        try workspace.measureBlobs(in: workspace.index.world(at: tip))
        let pending = PendingCommit.replay(staged, workspace: workspace, tip: tip)
        let result = try Predictor.pending(workspace, walk: pending.walk, commit: pending.commit, tip: tip, choice: settings.choice)
        let walk = workspace.replay(at: tip)
        var moments = Data()
        for oid in Predictor.modelMoments(workspace, level: .commit, at: tip) { moments.append(contentsOf: oid.bytes) }
        let state = GateState.encode(walk: walk, extra: moments, counts: counts)
        try? store.saveGateState(tip: head, key: key, header: state.header, records: state.records)
        return result
    }

    /// Scores stored commits (`--commit`, `--range`), each with the history before it.
    public static func commits(_ workspace: Workspace, _ commits: [Int32], tip: Int32, label: String, settings: GateSettings)
        throws -> GateVerdict {
        let result = try Predictor.commits(workspace, commits, tip: tip, choice: settings.choice)
        let store = workspace.store
        let names = (try? workspace.store.personNames()) ?? [:]
        var risks: [CommitRisk] = []
        for item in result.items where item.reasons.first?.feature != "none" {
            guard let sha = item.sha, let oid = OID(hex: sha), let index = workspace.index.index(of: oid) else { continue }
            let record = workspace.index.commit(index)
            risks.append(CommitRisk(sha: sha, time: record.authorTime, author: names[record.author] ?? "unknown",
                                    subject: record.subject, risk: item.risk, low: item.low, high: item.high,
                                    reasons: item.reasons.map { ReportReason(feature: $0.feature, weight: $0.weight, text: $0.text) }))
        }
        let top = risks.max { $0.risk < $1.risk }
        var paths = Set<String>(), touched: [(String, String)] = []
        for commit in commits {
            for touch in workspace.index.timeline.functionTouches[Int(commit)] {
                guard let path = workspace.index.timeline.paths[touch.path] else { continue }
                paths.insert(path)
                touched.append((path, touch.name))
            }
        }
        var notes: [String] = []
        if let note = result.model.note { notes.append(note) }
        if risks.isEmpty { notes.append("no commit here changes Python or Swift code: nothing scored") }
        return GateVerdict(change: label, risk: top?.risk, low: top?.low, high: top?.high, reasons: top?.reasons ?? [],
                           commits: risks, touched: touchedRisks(store, touched.map { (path: $0.0, name: $0.1) }),
                           threshold: settings.failAbove, blocked: !settings.warnOnly && (top?.risk ?? 0) > settings.failAbove,
                           model: describe(result.model), notes: notes)
    }

    static func touchedRisks(_ store: Store, _ touched: [(path: String, name: String)]) -> [TouchedFunction] {
        var seen = Set<String>()
        let unique = touched.filter { seen.insert($0.path + "\u{0}" + $0.name).inserted }
        let stored = (try? store.functionRisks(paths: Array(Set(unique.map(\.path))))) ?? nil
        var riskOf: [String: Double] = [:]
        if let stored {
            for risk in stored.risks { riskOf[risk.path + "\u{0}" + risk.name] = max(riskOf[risk.path + "\u{0}" + risk.name] ?? 0, risk.risk) }
        }
        return unique.map { TouchedFunction(path: $0.path, name: $0.name, risk: riskOf[$0.path + "\u{0}" + $0.name]) }
            .sorted { ($0.risk ?? -1) > ($1.risk ?? -1) }
    }

    static func describe(_ info: ModelInfo) -> String {
        var text = "\(info.source) model"
        if let backtest = info.backtest { text += String(format: ", back-test ROC-AUC %.2f", backtest.model.rocAUC) }
        return text
    }
}

/// Phase times of a staged check, kept only when PROGNOSIS_TIMINGS is set: the benchmark's
/// evidence for where the gate's milliseconds go, without a profiler.
final class PhaseClock {
    private(set) var timings: [GateVerdict.Timing]?
    private var last = DispatchTime.now().uptimeNanoseconds

    init() {
        timings = ProcessInfo.processInfo.environment["PROGNOSIS_TIMINGS"] == nil ? nil : []
    }

    func lap(_ phase: String) {
        guard timings != nil else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        timings?.append(.init(phase: phase, milliseconds: Double(now - last) / 1e6))
        last = now
    }
}
