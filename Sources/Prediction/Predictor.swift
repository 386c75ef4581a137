import Features
import Foundation
import GitKit
import RiskModel
import Store

/// One scored commit, file or function.
public struct ScoredItem: Sendable, Codable {
    public var sha: String?
    public var path: String?
    public var name: String?
    public var startLine: Int?
    public var endLine: Int?
    public var isTest: Bool?
    public var risk: Double
    /// The confidence band around `risk` (80%).
    public var low: Double
    public var high: Double
    public var reasons: [Reason]
    /// Feature values by name, only for the names a caller asked for (the report's metrics).
    public var metrics: [String: Double]?
}

/// Which model scored: the repository's own or the shipped default, and how it back-tested.
public struct ModelInfo: Sendable, Codable {
    public var source: String
    public var booster: String
    public var until: [String]
    public var untilTime: Int64
    public var trainedAt: Int64
    public var examples: Int
    public var positives: Int
    public var backtest: Backtest?
    public var note: String?
}

public struct PredictionResult: Sendable {
    public var level: Level
    public var at: String
    public var model: ModelInfo
    public var items: [ScoredItem]
}

/// Which model scores: the repository's own when trusted else the shipped one (auto), or
/// either by force.
public enum ModelChoice: String, CaseIterable, Sendable {
    case auto, repository, `default`
}

public enum Predictor {
    /// The model for `level` as of `at`: the repository's latest model trained at or before it
    /// (on a commit of its world) when it had enough labelled examples, else the default one.
    /// In auto mode a trusted own model gives way to the even blend with the default one, or to
    /// the default alone, when its stored back-test says that ranks better (`preferred`).
    public static func model(_ workspace: Workspace, level: Level, at: Int32, choice: ModelChoice = .auto) throws
        -> (ModelScorer, ModelInfo) {
        let world = workspace.index.world(at: at)
        return try model(store: workspace.store, level: level, choice: choice) { oid in
            workspace.index.index(of: oid).map { world[Int($0)] } ?? false
        }
    }

    /// The stored models' training moments that are in `at`'s world (the gate keeps them, so
    /// it can choose the same model later without the history).
    public static func modelMoments(_ workspace: Workspace, level: Level, at: Int32) -> [OID] {
        let world = workspace.index.world(at: at)
        return ((try? workspace.store.models(level: level.rawValue)) ?? []).map(\.until).filter { oid in
            workspace.index.index(of: oid).map { world[Int($0)] } ?? false
        }
    }

    /// As above, with the world given as "is this training moment in it".
    public static func model(store: Store, level: Level, choice: ModelChoice, inWorld: (OID) -> Bool) throws
        -> (ModelScorer, ModelInfo) {
        var untrusted: TrainedModel?
        var outdated = false
        let shipped = DefaultModels.model(level).flatMap { $0.featureNames == level.featureNames ? $0 : nil }
        if choice != .default {
            for stored in (try? store.models(level: level.rawValue)) ?? [] {
                guard inWorld(stored.until) else { continue }
                let model = try TrainedModel.decode(stored.archive)
                guard model.featureNames == level.featureNames else {
                    outdated = true
                    continue
                }
                let trusted = model.training.positives >= Trainer.trustedPositives && model.training.examples >= Trainer.trustedExamples
                if choice == .repository || trusted {
                    if choice == .auto, let shipped, let backtest = model.backtest {
                        switch preferred(backtest) {
                        case .own:
                            break
                        case .blend(let auc):
                            var result = info(model, source: "repository + default (blend)")
                            result.note = String(format: "blended evenly with the shipped default model: the blend back-tested at ROC-AUC %.3f, "
                                                 + "this repository's model alone at %.3f", auc, backtest.model.rocAUC)
                            return (try ModelScorer([model, shipped]), result)
                        case .shipped(let auc):
                            var result = info(shipped, source: "default")
                            result.note = String(format: "the shipped default model back-tested better on this repository's own history "
                                                 + "(ROC-AUC %.3f) than this repository's model (%.3f) and the blend of both", auc,
                                                 backtest.model.rocAUC)
                            return (try ModelScorer([shipped]), result)
                        }
                    }
                    return (try ModelScorer([model]), info(model, source: "repository"))
                }
                untrusted = untrusted ?? model
            }
            if choice == .repository { throw PredictionError.noModel(level: level.rawValue) }
        }
        if let shipped {
            var result = info(shipped, source: "default")
            if outdated && untrusted == nil {
                result.note = "this repository's stored model was trained by a Prognosis with other features: run `prognosis train` again"
            }
            if let untrusted {
                result.note = "this repository's model learnt from \(untrusted.training.positives) risky of \(untrusted.training.examples) examples, "
                    + "under the \(Trainer.trustedPositives) risky and \(Trainer.trustedExamples) examples it needs to be trusted"
            }
            return (try ModelScorer([shipped]), result)
        }
        if let untrusted { return (try ModelScorer([untrusted]), info(untrusted, source: "repository (few examples)")) }
        throw PredictionError.noModel(level: level.rawValue)
    }

    public enum Preference: Equatable {
        case own
        case blend(Double)
        case shipped(Double)
    }

    /// Which of the repository's model, the even blend with the shipped default and the shipped
    /// default alone ranked best in the repository model's stored back-test (all three on the
    /// same rows). The own model keeps its place unless another beats it by more than 0.01:
    /// back-test windows are small, and the own model is the one whose reasons speak of this
    /// repository.
    public static func preferred(_ backtest: Backtest) -> Preference {
        func known(_ value: Double?) -> Double { value.flatMap { $0.isNaN ? nil : $0 } ?? -1 }
        let own = known(backtest.model.rocAUC)
        let blend = known(backtest.baselines[Evaluator.blendName]?.rocAUC)
        let shipped = known(backtest.baselines[Evaluator.defaultName]?.rocAUC)
        guard max(blend, shipped) > own + 0.01 else { return .own }
        return shipped > blend ? .shipped(shipped) : .blend(blend)
    }

    static func info(_ model: TrainedModel, source: String) -> ModelInfo {
        ModelInfo(source: source, booster: model.booster, until: model.window.until, untilTime: model.window.untilTime,
                  trainedAt: model.window.trainedAt, examples: model.training.examples, positives: model.training.positives,
                  backtest: model.backtest)
    }

    /// Files or functions as they were at `at`, scored with history up to `at` only.
    public static func snapshot(_ workspace: Workspace, level: Level, at: Int32, choice: ModelChoice = .auto,
                                metrics: [String] = []) throws -> PredictionResult {
        precondition(level != .commit)
        let (model, info) = try model(workspace, level: level, at: at, choice: choice)
        let snapshot = try workspace.snapshot(at: at)
        if snapshot.files.isEmpty, let unreadable = workspace.unreadableSnapshots[at] {
            throw PredictionError.nothingReadable(revision: String(workspace.index.commit(at).oid.hex.prefix(10)),
                                                  files: unreadable.total, reason: unreadable.reason)
        }
        let items = level == .file ? snapshot.files : snapshot.functions
        let values = items.flatMap(\.values)
        let scores = try model.score(values, rows: items.count)
        let explainer = Explainer(names: level.featureNames, rows: values)
        let width = level.featureNames.count
        let wanted = metrics.compactMap { name in level.featureNames.firstIndex(of: name).map { (name, $0) } }
        let scored = zip(items, scores).enumerated().map { row, pair in
            let (item, score) = pair
            var measured: [String: Double]?
            if !wanted.isEmpty {
                measured = [:]
                for (name, column) in wanted where !item.values[column].isNaN { measured?[name] = Double(item.values[column]) }
            }
            return ScoredItem(sha: nil, path: item.path, name: item.function, startLine: level == .function ? item.startLine : nil,
                              endLine: level == .function ? item.endLine : nil, isTest: item.isTest, risk: score.risk,
                              low: score.low, high: score.high,
                              reasons: explainer.reasons(values: values[row * width ..< (row + 1) * width], score: score),
                              metrics: measured)
        }
        return PredictionResult(level: level, at: workspace.index.commit(at).oid.hex, model: info, items: sorted(scored))
    }

    /// Each commit of `commits` scored with the history before it.
    public static func commits(_ workspace: Workspace, _ commits: [Int32], tip: Int32, choice: ModelChoice = .auto) throws
        -> PredictionResult {
        let (model, info) = try model(workspace, level: .commit, at: tip, choice: choice)
        let world = workspace.index.world(at: tip)
        try workspace.measureBlobs(in: world)
        let walk = ProcessWalk(index: workspace.index, world: world, originRows: workspace.originRows)
        let examples = CommitFeatures.examples(walk: walk, measures: { workspace.measure($0) }, only: Set(commits))
        let values = examples.flatMap(\.values)
        let scores = try model.score(values, rows: examples.count)
        let explainer = Explainer(names: Level.commit.featureNames, rows: values)
        let width = Level.commit.featureNames.count
        var scored = zip(examples, scores).enumerated().map { row, pair in
            ScoredItem(sha: workspace.index.commit(pair.0.commit).oid.hex, path: nil, name: nil, startLine: nil, endLine: nil,
                       isTest: nil, risk: pair.1.risk, low: pair.1.low, high: pair.1.high,
                       reasons: explainer.reasons(values: values[row * width ..< (row + 1) * width], score: pair.1))
        }
        // Commits that change no Python or Swift code (or merges) are not scored; they are named.
        let scoredSet = Set(examples.map(\.commit))
        for commit in commits where !scoredSet.contains(commit) {
            scored.append(ScoredItem(sha: workspace.index.commit(commit).oid.hex, risk: 0, low: 0, high: 0, reasons: [
                Reason(feature: "none", value: nil, weight: 0,
                       text: workspace.index.commit(commit).parents.count > 1 ? "a merge: its changes are scored in the commits it merges"
                           : "changes no Python or Swift code"),
            ]))
        }
        return PredictionResult(level: .commit, at: workspace.index.commit(tip).oid.hex, model: info, items: sorted(scored))
    }

    /// A change that is not in the store (the pre-commit gate's staged change), replayed as
    /// commit `commit` of `walk`'s index on top of `tip`, and scored by `tip`'s commit model.
    public static func pending(_ workspace: Workspace, walk: ProcessWalk, commit: Int32, tip: Int32, choice: ModelChoice = .auto)
        throws -> (item: ScoredItem?, model: ModelInfo) {
        let (model, info) = try model(workspace, level: .commit, at: tip, choice: choice)
        let examples = CommitFeatures.examples(walk: walk, measures: { workspace.measure($0) }, only: [commit])
        guard let example = examples.first else { return (nil, info) }
        let score = try model.score(example.values, rows: 1)[0]
        let explainer = Explainer(names: Level.commit.featureNames, rows: example.values)
        return (ScoredItem(sha: nil, risk: score.risk, low: score.low, high: score.high,
                           reasons: explainer.reasons(values: example.values[...], score: score)), info)
    }

    /// One commit's feature values scored and explained (the gate's fast path).
    public static func scoreCommit(_ values: [Float], scorer: ModelScorer) throws -> ScoredItem {
        let score = try scorer.score(values, rows: 1)[0]
        let explainer = Explainer(names: Level.commit.featureNames, rows: values)
        return ScoredItem(sha: nil, risk: score.risk, low: score.low, high: score.high,
                          reasons: explainer.reasons(values: values[...], score: score))
    }

    static func sorted(_ items: [ScoredItem]) -> [ScoredItem] {
        items.enumerated().sorted { a, b in
            a.element.risk != b.element.risk ? a.element.risk > b.element.risk : a.offset < b.offset
        }.map(\.element)
    }
}

extension ScoredItem {
    init(sha: String?, risk: Double, low: Double, high: Double, reasons: [Reason]) {
        self.init(sha: sha, path: nil, name: nil, startLine: nil, endLine: nil, isTest: nil, risk: risk, low: low, high: high,
                  reasons: reasons)
    }
}

/// Scores with one model, or with several averaged evenly (risk, band and contributions alike,
/// so the reasons explain the blended score).
public final class ModelScorer {
    let scorers: [Scorer]

    init(_ models: [TrainedModel]) throws {
        scorers = try models.map(Scorer.init)
    }

    public func score(_ values: [Float], rows: Int) throws -> [Score] {
        let all = try scorers.map { try $0.score(values, rows: rows) }
        guard all.count > 1 else { return all.first ?? [] }
        let n = Double(all.count)
        return (0..<rows).map { row in
            let parts = all.map { $0[row] }
            var contributions = [Double](repeating: 0, count: parts[0].contributions.count)
            for part in parts { for index in contributions.indices { contributions[index] += part.contributions[index] / n } }
            return Score(risk: parts.map(\.risk).reduce(0, +) / n, low: parts.map(\.low).reduce(0, +) / n,
                         high: parts.map(\.high).reduce(0, +) / n, contributions: contributions,
                         bias: parts.map(\.bias).reduce(0, +) / n)
        }
    }
}
