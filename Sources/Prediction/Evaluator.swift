import Features
import Foundation
import RiskModel

/// The time-split back-test: at each cutoff, train with the labels known then, predict at the
/// cutoff, and judge with the fixes of the horizon after it; the baselines are measured on
/// the same rows.
public struct Evaluation: Sendable {
    public var level: Level
    public var cutoffs: [String]
    public var horizonDays: Int
    public var model: RankingMetrics
    public var baselines: [String: RankingMetrics]
    /// Which booster each cutoff's model chose.
    public var boosters: [String]

    public var backtest: Backtest {
        Backtest(horizonDays: horizonDays, cutoffs: cutoffs, model: model, baselines: baselines)
    }
}

public enum Evaluator {
    public static let defaultName = "shipped default model"
    public static let blendName = "blend: own + default"

    /// Cutoffs at 70%, 80% and 90% of the history's commits (for three; evenly between 60% and
    /// 90% for others), on the tip's first-parent chain: every cutoff has most of the history
    /// to learn from and a full horizon after it, however active the recent months were.
    static func cutoffs(_ workspace: Workspace, tip: Int32, count: Int, horizon: Int64) -> [Int32] {
        let index = workspace.index
        let replay = index.replayOrder(index.world(at: tip))
        let end = index.commit(tip).commitTime
        var result: [Int32] = []
        for i in 0..<max(count, 1) {
            let share = count <= 1 ? 0.8 : 0.9 - 0.3 * Double(i) / Double(max(count - 1, 1)) * (count == 3 ? 2.0 / 3.0 : 1)
            let position = min(replay.count - 1, max(0, Int(Double(replay.count) * share)))
            let time = min(index.commit(replay[position]).commitTime, end - horizon)
            if let commit = index.firstParentCommit(from: tip, atOrBefore: time), !result.contains(commit) { result.append(commit) }
        }
        return result
    }

    /// `without`: features blanked (NaN) in training and test rows, to measure what each adds (ablation).
    public static func evaluate(_ workspace: Workspace, level: Level, tip: Int32, cutoffs count: Int, settings: ExampleSettings,
                                learner: Learner.Settings = .init(), without: Set<String> = []) throws -> Evaluation {
        let index = workspace.index
        let cutoffPoints = cutoffs(workspace, tip: tip, count: count, horizon: settings.horizon)
        guard !cutoffPoints.isEmpty else {
            throw PredictionError.tooLittleHistory(level: level.rawValue, detail: "no commit lies a horizon before the tip")
        }
        var modelResults: [RankingMetrics] = [], baselineResults: [String: [RankingMetrics]] = [:], boosters: [String] = []
        var used: [String] = []
        let fullWorld = index.world(at: tip)
        var commitRows: (rows: LabelledRows, commits: [Int32])?
        for cutoff in cutoffPoints {
            let cutoffTime = index.commit(cutoff).commitTime
            let cutoffWorld = index.world(at: cutoff)
            let cutoffPosition = index.position[Int(cutoff)]
            var train: LabelledRows, test: LabelledRows
            switch level {
            case .commit:
                // Features once for the whole history (each uses only what came before its commit);
                // labels differ per cutoff.
                if commitRows == nil {
                    var rows = LabelledRows(level: .commit)
                    var commits: [Int32] = []
                    for example in try workspace.commitExamples(tip: tip) {
                        rows.append(example.values, label: example.bugKnownAt != nil, effort: max(example.effort, 1),
                                    time: index.commit(example.commit).commitTime)
                        commits.append(example.commit)
                    }
                    commitRows = (rows, commits)
                }
                let all = commitRows!
                var trainRows: [Int] = [], testRows: [Int] = []
                for (row, commit) in all.commits.enumerated() {
                    let time = index.commit(commit).commitTime
                    if cutoffWorld[Int(commit)] && time <= cutoffTime - settings.maturity {
                        trainRows.append(row)
                    } else if !cutoffWorld[Int(commit)] && time > cutoffTime && time <= cutoffTime + settings.horizon {
                        testRows.append(row)
                    }
                }
                train = all.rows.subset(trainRows)
                // Known at the cutoff: a fix at or before it, in its world.
                train.data.labels = trainRows.map { row in
                    index.fixesOf[Int(all.commits[row])].contains { cutoffWorld[Int($0)] && index.position[Int($0)] <= cutoffPosition }
                }
                test = all.rows.subset(testRows)
            case .file, .function:
                train = try workspace.snapshotTrainingRows(level: level, before: cutoff, known: cutoffWorld, settings: settings)
                test = try workspace.snapshotRows(level: level, at: cutoff, known: fullWorld, horizon: settings.horizon).rows
            }
            guard test.data.positives > 0, test.data.positives < test.data.count else { continue }
            if !without.isEmpty {
                let names = level.featureNames, width = names.count
                let blanked = names.indices.filter { without.contains(names[$0]) }
                for part in [0, 1] {
                    var values = part == 0 ? train.data.values : test.data.values
                    for row in 0..<(values.count / width) { for column in blanked { values[row * width + column] = .nan } }
                    if part == 0 { train.data.values = values } else { test.data.values = values }
                }
            }
            let model: TrainedModel
            do {
                model = try Learner.train(train.data, level: level.rawValue, window: ModelWindow(
                    repositories: [workspace.repositoryPath], until: [index.commit(cutoff).oid.hex], untilTime: cutoffTime,
                    fromTime: train.times.first ?? cutoffTime, trainedAt: 0), size: learner.sizeBlend ? level.sizeFeature : nil,
                    settings: level.learnerSettings(learner))
            } catch RiskModelError.tooFewExamples {
                continue
            }
            let scores = try Scorer(model).score(test.data.values, rows: test.data.count).map(\.risk)
            modelResults.append(RankingMetrics(scores: scores, labels: test.data.labels, effort: test.effort))
            boosters.append(model.booster)
            // The shipped default model on the same rows, and an even blend of it with this
            // repository's own: the comparison that decides which to trust here.
            if let shipped = DefaultModels.model(level), shipped.featureNames == level.featureNames {
                let defaultScores = try Scorer(shipped).score(test.data.values, rows: test.data.count).map(\.risk)
                baselineResults[Self.defaultName, default: []].append(
                    RankingMetrics(scores: defaultScores, labels: test.data.labels, effort: test.effort))
                baselineResults[Self.blendName, default: []].append(
                    RankingMetrics(scores: zip(scores, defaultScores).map { ($0 + $1) / 2 }, labels: test.data.labels, effort: test.effort))
            }
            for (name, baseline) in test.baselines(level: level, training: train) {
                baselineResults[name, default: []].append(RankingMetrics(scores: baseline, labels: test.data.labels, effort: test.effort))
            }
            used.append(index.commit(cutoff).oid.hex)
        }
        guard let model = RankingMetrics.mean(modelResults) else {
            throw PredictionError.tooLittleHistory(
                level: level.rawValue,
                detail: "no cutoff had enough labelled history before it and both risky and clean items after it")
        }
        return Evaluation(level: level, cutoffs: used, horizonDays: Int(settings.horizon / 86_400), model: model,
                          baselines: baselineResults.compactMapValues { RankingMetrics.mean($0) }, boosters: boosters)
    }
}

/// How far the features can go when time is ignored: commits with the labels known at the tip
/// (the last horizon left out, its labels being immature), in five folds drawn at random, each
/// scored by a model trained on the other four — later commits and later fixes included. This
/// is not a back-test (the future leaks in on purpose); it bounds what a time-split back-test
/// with these features and this learner can reach.
public struct Ceiling: Sendable {
    public var examples: Int
    public var positives: Int
    public var model: Double
    public var lapredict: Double
}

extension Evaluator {
    public static func ceiling(_ workspace: Workspace, tip: Int32, settings: ExampleSettings, learner: Learner.Settings = .init())
        throws -> Ceiling {
        let index = workspace.index
        let end = index.commit(tip).commitTime - settings.horizon
        let rows = try workspace.commitRows(tip: tip, include: { index.commit($0.commit).commitTime <= end },
                                            label: { $0.bugKnownAt != nil })
        let folds = 5
        // A fixed shuffle (SplitMix over the row number), so the ceiling is reproducible.
        func fold(_ row: Int) -> Int {
            var z = UInt64(row) &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(folds))
        }
        var scores = [Double](repeating: 0, count: rows.data.count)
        for part in 0..<folds {
            let trainRows = (0..<rows.data.count).filter { fold($0) != part }
            let testRows = (0..<rows.data.count).filter { fold($0) == part }
            let train = rows.subset(trainRows), test = rows.subset(testRows)
            let model = try Learner.train(train.data, level: Level.commit.rawValue, window: ModelWindow(
                repositories: [workspace.repositoryPath], until: [], untilTime: end, fromTime: 0, trainedAt: 0),
                size: learner.sizeBlend ? Level.commit.sizeFeature : nil, settings: learner)
            for (row, score) in zip(testRows, try Scorer(model).score(test.data.values, rows: test.data.count)) {
                scores[row] = score.risk
            }
        }
        let la = rows.column("la")
        return Ceiling(examples: rows.data.count, positives: rows.data.positives,
                       model: RankingMetrics.auc(scores, rows.data.labels), lapredict: RankingMetrics.auc(la, rows.data.labels))
    }
}
