import Features
import Foundation
import GitKit
import RiskModel

/// Trains a level with everything known at `until`, back-tests it, and stores it.
public enum Trainer {
    /// Below this many risky examples (or this many examples) a repository's own model is not
    /// trusted and the shipped default model scores instead.
    public static let trustedPositives = 50
    public static let trustedExamples = 300

    public struct Outcome {
        public var level: Level
        public var model: TrainedModel
        public var storedID: Int64?
        public var trusted: Bool
    }

    public static func train(_ workspace: Workspace, level: Level, until: Int32, settings: ExampleSettings = .init(),
                             backtestCutoffs: Int = 3, learner: Learner.Settings = .init(), store: Bool = true) throws -> Outcome {
        let index = workspace.index
        workspace.progress?("\(level.rawValue): building examples")
        let rows = try workspace.trainingRows(level: level, until: until, settings: settings)
        if rows.data.count == 0 {
            let days = (level == .commit ? settings.maturity : settings.horizon) / 86_400
            throw PredictionError.tooLittleHistory(level: level.rawValue, detail: level == .commit
                ? "every commit that changes code is younger than the \(days) days a label needs to mature"
                : "no snapshot lies a full \(days)-day horizon before the last commit, so none has a complete label")
        }
        workspace.progress?("\(level.rawValue): training on \(rows.data.count) examples (\(rows.data.positives) risky)")
        let record = index.commit(until)
        var model = try Learner.train(rows.data, level: level.rawValue, window: ModelWindow(
            repositories: [workspace.repositoryPath], until: [record.oid.hex], untilTime: record.commitTime,
            fromTime: rows.times.first ?? record.commitTime, trainedAt: Int64(Date().timeIntervalSince1970)), size: learner.sizeBlend ? level.sizeFeature : nil,
            settings: level.learnerSettings(learner))
        if backtestCutoffs > 0 {
            workspace.progress?("\(level.rawValue): back-testing")
            model.backtest = try? Evaluator.evaluate(workspace, level: level, tip: until, cutoffs: backtestCutoffs,
                                                     settings: settings, learner: learner).backtest
        }
        let trusted = rows.data.positives >= trustedPositives && rows.data.count >= trustedExamples
        var id: Int64?
        if store {
            id = try workspace.store.saveModel(level: level.rawValue, until: record.oid, untilTime: record.commitTime,
                                               archive: try model.encoded())
        }
        return Outcome(level: level, model: model, storedID: id, trusted: trusted)
    }
}

/// The model shipped with Prognosis, trained by `make train-default` on public repositories.
public enum DefaultModels {
    /// A folder of `default-<level>.json` to use instead of the shipped ones. It exists for the
    /// back-test of the default model itself: judged on one of its six training repositories, a
    /// default trained on the other five is the honest stand-in (Benchmarks/model_backtest.py).
    public static let overrideVariable = "PROGNOSIS_DEFAULT_MODELS"

    public static func model(_ level: Level) -> TrainedModel? {
        let url: URL?
        if let folder = ProcessInfo.processInfo.environment[overrideVariable], !folder.isEmpty {
            url = URL(fileURLWithPath: folder).appendingPathComponent("default-\(level.rawValue).json")
        } else {
            url = Bundle.module.url(forResource: "default-\(level.rawValue)", withExtension: "json", subdirectory: "Resources")
        }
        guard let url, let data = try? Data(contentsOf: url) else { return nil }
        return try? TrainedModel.decode(data)
    }
}
