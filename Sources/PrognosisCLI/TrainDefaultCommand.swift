import ArgumentParser
import Foundation
import GitKit
import Prediction
import RiskModel
import Store

/// `make train-default`: the shipped default model, pooled over several scanned repositories.
struct TrainDefault: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-default",
        abstract: "Train the shipped default model over several scanned repositories (make train-default).",
        discussion: """
            Each repository's history up to one horizon before its HEAD trains the model (examples pooled in time \
            order); the horizon after that cutoff is held out and back-tests it. The archive records the \
            repositories, their commits and the date.
            """,
        shouldDisplay: false)

    @Argument(help: "Scanned repositories.") var repositories: [String]
    @Option(help: "Folder to write default-<level>.json into.") var out = "Sources/Prediction/Resources"
    @Option(help: "commit, file, function or all.") var level: LevelChoice = .all
    @Option(help: "Held-out horizon (e.g. 180d).") var horizon = "180d"
    @Option(help: .hidden) var maxDepth = 3

    func run() throws {
        try reportingErrors {
            var settings = ExampleSettings()
            settings.horizon = try parseDuration(horizon)
            let workspaces = try repositories.map { path -> Workspace in
                var option = RepositoryOption()
                option.repo = path
                return try openWorkspace(option, writable: true)
            }
            var learner = Learner.Settings()
            learner.maxDepth = maxDepth
            for level in level.levels {
                var parts: [LabelledRows] = [], tests: [(LabelledRows, String)] = [], until: [String] = []
                var untilTime: Int64 = 0
                for (workspace, path) in zip(workspaces, repositories) {
                    let head = try workspace.commit("HEAD")
                    let headTime = workspace.index.commit(head).commitTime
                    guard let cutoff = workspace.index.firstParentCommit(from: head, atOrBefore: headTime - settings.horizon) else { continue }
                    parts.append(try workspace.trainingRows(level: level, until: cutoff, settings: settings))
                    tests.append((try workspace.heldOutRows(level: level, cutoff: cutoff, tip: head, settings: settings), path))
                    until.append("\(URL(fileURLWithPath: path).lastPathComponent)@\(workspace.index.commit(cutoff).oid.hex)")
                    untilTime = max(untilTime, workspace.index.commit(cutoff).commitTime)
                }
                let pooled = LabelledRows.pooled(parts, level: level)
                var model = try Learner.train(pooled.data, level: level.rawValue, window: ModelWindow(
                    repositories: repositories.map { URL(fileURLWithPath: $0).lastPathComponent }, until: until, untilTime: untilTime,
                    fromTime: pooled.times.first ?? 0, trainedAt: Int64(Date().timeIntervalSince1970)),
                    size: level.sizeFeature, settings: level.learnerSettings(learner))
                let scorer = try Scorer(model)
                var perRepository: [String] = []
                var modelResults: [RankingMetrics] = [], baselineResults: [String: [RankingMetrics]] = [:]
                for (test, path) in tests where test.data.positives > 0 && test.data.positives < test.data.count {
                    let scores = try scorer.score(test.data.values, rows: test.data.count).map(\.risk)
                    let metrics = RankingMetrics(scores: scores, labels: test.data.labels, effort: test.effort)
                    modelResults.append(metrics)
                    var line = "\(URL(fileURLWithPath: path).lastPathComponent): model \(percent(metrics.rocAUC))"
                    for (name, baseline) in test.baselines(level: level, training: nil).sorted(by: { $0.key < $1.key }) {
                        let result = RankingMetrics(scores: baseline, labels: test.data.labels, effort: test.effort)
                        baselineResults[name, default: []].append(result)
                        line += ", \(name) \(percent(result.rocAUC))"
                    }
                    perRepository.append(line)
                }
                if let mean = RankingMetrics.mean(modelResults) {
                    model.backtest = Backtest(horizonDays: Int(settings.horizon / 86_400), cutoffs: until, model: mean,
                                              baselines: baselineResults.compactMapValues { RankingMetrics.mean($0) })
                }
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try model.encoded().write(to: URL(fileURLWithPath: out + "/default-\(level.rawValue).json"))
                say("\(level.rawValue): \(model.booster), \(model.training.examples) examples (\(model.training.positives) risky)")
                for line in perRepository { say("  " + line) }
                if let backtest = model.backtest { say(backtestTable(level, backtest)) }
            }
        }
    }
}
