import Features
import Foundation
import GitKit
import Prediction
import RiskModel
import Scanning
import Store
import Testing
import TestSupport

/// A generated history with a known truth: every change to `planted` in risky.py is fixed by
/// the next commit, which rewrites the line it wrote; calm.py grows and is never fixed.
@Suite(.serialized) struct TimeTravelTests {
    static let rounds = 45

    static func plantedHistory() throws -> (TestRepository, [String]) {
        let repo = try TestRepository()
        var risky = ["def planted(x):", "    total = 0"]
        var calm = (0..<10).map { ["def steady\($0)(y):", "    acc = 0"] }
        func source(_ lines: [String], _ last: String) -> String { (lines + ["    return \(last)", ""]).joined(separator: "\n") }
        func calmSource() -> String { calm.map { source($0, "acc") }.joined(separator: "\n") }
        try repo.write("pkg/risky.py", source(risky, "total"))
        try repo.write("pkg/calm.py", calmSource())
        try repo.commitAll("start")
        var introducing: [String] = []
        for round in 0..<rounds {
            risky.append("    if x > \(round):\n        total += \(round)")
            try repo.write("pkg/risky.py", source(risky, "total"))
            introducing.append(try repo.commitAll("tweak planted \(round)", author: ("Dev \(round % 3)", "dev\(round % 3)@example.com")))
            // The fix rewrites the line the tweak wrote and an old line, which existed at any earlier moment.
            risky[risky.count - 1] = "        total += \(round) * 2"
            risky[1] = "    total = \(round % 2)"
            try repo.write("pkg/risky.py", source(risky, "total"))
            try repo.commitAll("fix bug in planted for case \(round)")
            calm[round % 10].append("    acc += \(round)")
            try repo.write("pkg/calm.py", calmSource())
            try repo.commitAll("extend steady \(round)", author: ("Dev \(round % 3)", "dev\(round % 3)@example.com"))
        }
        return (repo, introducing)
    }

    static func workspace(_ path: String) throws -> Workspace {
        _ = try Scanner.scan(repositoryPath: path)
        let repository = try Repository(discovering: path)
        return try Workspace(repository: repository, store: Store(location: StoreLocation(gitCommonDirectory: repository.commonDirectory),
                                                                  create: false))
    }

    static var settings: ExampleSettings {
        var settings = ExampleSettings()
        settings.maturity = 0
        settings.step = 6 * 3600
        settings.horizon = 12 * 3600
        settings.snapshots = 16
        return settings
    }

    /// No feature of a commit counts the fix that comes after it.
    @Test func featuresUseOnlyThePast() throws {
        let (repo, introducing) = try Self.plantedHistory()
        let workspace = try Self.workspace(repo.path)
        let index = workspace.index
        let walk = workspace.walk(at: try workspace.commit("HEAD"))
        let examples = CommitFeatures.examples(walk: walk, measures: { workspace.measure($0) })
        let priorFixes = CommitFeatures.names.firstIndex(of: "function_prior_fixes")!
        let priorBugs = CommitFeatures.names.firstIndex(of: "function_prior_bugs")!
        for (round, sha) in introducing.enumerated() {
            let commit = index.index(of: OID(hex: sha)!)!
            let example = try #require(examples.first { $0.commit == commit })
            // Round k follows k fixes of `planted`, never its own (which comes next). Known as
            // bug-introducing by then: the k earlier tweaks and the k − 1 fixes whose line a later
            // fix rewrote, but not fix k − 1 (its rewrite comes after this round).
            #expect(example.values[priorFixes] == Float(round), "round \(round)")
            #expect(example.values[priorBugs] == Float(max(0, 2 * round - 1)), "round \(round)")
            #expect(example.bugKnownAt != nil)
            #expect(example.bugKnownAt! > example.position)
        }
    }

    /// The model ranks the planted risks first, and a snapshot shows `planted` as riskiest.
    @Test func plantedRisksRankFirst() throws {
        let (repo, introducing) = try Self.plantedHistory()
        let workspace = try Self.workspace(repo.path)
        let evaluation = try Evaluator.evaluate(workspace, level: .commit, tip: try workspace.commit("HEAD"), cutoffs: 2,
                                                settings: Self.settings)
        #expect(evaluation.model.rocAUC > 0.95)
        let trained = try Trainer.train(workspace, level: .function, until: try workspace.commit("HEAD"), settings: Self.settings,
                                        backtestCutoffs: 0)
        let result = try Predictor.snapshot(workspace, level: .function, at: try workspace.commit("HEAD"), choice: .repository)
        #expect(result.items.first?.name == "planted")
        #expect(result.items.first?.reasons.isEmpty == false)
        #expect(trained.model.featureNames == SnapshotFeatures.functionNames)
        // Each of the last rounds' tweaks (which the next commit fixes) scores above every
        // change to calm.py, with the commit model trained on this history.
        let head = try workspace.commit("HEAD")
        _ = try Trainer.train(workspace, level: .commit, until: head, settings: Self.settings, backtestCutoffs: 0)
        let recent = Array(workspace.index.replayOrder(workspace.index.world(at: head)).suffix(9))
        let scored = try Predictor.commits(workspace, recent, tip: head, choice: .repository)
        let risk = Dictionary(uniqueKeysWithValues: scored.items.map { ($0.sha!, $0.risk) })
        let tweaks = introducing.suffix(3).compactMap { risk[$0] }
        let calm = recent.map { workspace.index.commit($0) }.filter { $0.subject.hasPrefix("extend steady") }.compactMap { risk[$0.oid.hex] }
        #expect(tweaks.count == 3 && calm.count == 3)
        #expect(tweaks.min()! > calm.max()!, "tweaks \(tweaks), calm \(calm)")
    }

    /// `predict --at X` on the full store equals `predict` on a clone whose history ends at X:
    /// same examples, same labels, same model, same scores.
    @Test func fullStoreAtRevisionEqualsTruncatedClone() throws {
        let (repo, introducing) = try Self.plantedHistory()
        let cut = introducing[30]
        try repo.git(["branch", "cut", cut])
        let clonePath = NSTemporaryDirectory() + "prognosis-clone-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: clonePath) }
        try run("git", ["clone", "-q", "--single-branch", "-b", "cut", repo.path, clonePath])
        let full = try Self.workspace(repo.path), clone = try Self.workspace(clonePath)
        let atFull = try full.commit(cut), atClone = try clone.commit("HEAD")
        for level in [Level.commit, .file, .function] {
            let a = try full.trainingRows(level: level, until: atFull, settings: Self.settings)
            let b = try clone.trainingRows(level: level, until: atClone, settings: Self.settings)
            #expect(a.data.labels == b.data.labels, "\(level)")
            #expect(a.data.values.elementsEqual(b.data.values) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(level)")
        }
        let snapshotFull = try full.snapshot(at: atFull), snapshotClone = try clone.snapshot(at: atClone)
        #expect(snapshotFull.functions.map(\.function) == snapshotClone.functions.map(\.function))
        #expect(snapshotFull.functions.flatMap(\.values).elementsEqual(snapshotClone.functions.flatMap(\.values)) {
            $0 == $1 || ($0.isNaN && $1.isNaN)
        })
        let modelFull = try Trainer.train(full, level: .commit, until: atFull, settings: Self.settings, backtestCutoffs: 0, store: false)
        let modelClone = try Trainer.train(clone, level: .commit, until: atClone, settings: Self.settings, backtestCutoffs: 0, store: false)
        #expect(modelFull.model.boosterJSON == modelClone.model.boosterJSON)
        // The size blend is fitted on the same held-back rows, so it too must be the same.
        #expect(modelFull.model.blend == modelClone.model.blend)
        #expect(modelFull.model.calibration == modelClone.model.calibration)
    }
}

/// Which model scores: the trusted own model, blended with the default or replaced by it only
/// where its stored back-test says that ranks better; the default when the own one learnt from
/// too little.
@Suite struct ModelChoiceTests {
    @Test func blendOnlyWhereItBacktestsBetter() throws {
        let (repo, _) = try TimeTravelTests.plantedHistory()
        let workspace = try TimeTravelTests.workspace(repo.path)
        let head = try workspace.commit("HEAD")
        var model = try Trainer.train(workspace, level: .commit, until: head, settings: TimeTravelTests.settings,
                                      backtestCutoffs: 0, store: false).model
        // As learnt: too few examples to be trusted, so the shipped default scores.
        try save(model, workspace, head)
        #expect(try Predictor.model(workspace, level: .commit, at: head).1.source == "default")
        #expect(try Predictor.model(workspace, level: .commit, at: head, choice: .repository).1.source == "repository")
        // Trusted, and its back-test says the blend is better: blended.
        model.training.examples = 1000
        model.training.positives = 100
        let metrics = { (auc: Double) in
            var m = RankingMetrics(scores: [1, 0], labels: [true, false], effort: [1, 1])
            m.rocAUC = auc
            return m
        }
        model.backtest = Backtest(horizonDays: 1, cutoffs: [], model: metrics(0.70),
                                  baselines: [Evaluator.blendName: metrics(0.80), Evaluator.defaultName: metrics(0.75)])
        try save(model, workspace, head)
        let blended = try Predictor.model(workspace, level: .commit, at: head)
        #expect(blended.1.source.contains("blend"))
        // Where the default alone back-tested best, the default alone, and it says why.
        model.backtest?.baselines[Evaluator.blendName] = metrics(0.69)
        try save(model, workspace, head)
        let shipped = try Predictor.model(workspace, level: .commit, at: head).1
        #expect(shipped.source == "default")
        #expect(shipped.note?.contains("back-tested better") == true)
        // Where neither beats it by more than 0.01, the own model alone.
        model.backtest?.baselines[Evaluator.defaultName] = metrics(0.705)
        try save(model, workspace, head)
        #expect(try Predictor.model(workspace, level: .commit, at: head).1.source == "repository")
    }

    func save(_ model: TrainedModel, _ workspace: Workspace, _ at: Int32) throws {
        let commit = workspace.index.commit(at)
        _ = try workspace.store.saveModel(level: "commit", until: commit.oid, untilTime: commit.commitTime, archive: try model.encoded())
    }
}
