import CXGBoost
import Foundation

/// Trains a calibrated model on time-ordered examples: the oldest 70% train, the next 15%
/// choose the booster and the number of rounds (early stopping), the newest 15% calibrate.
public enum Learner {
    public struct Settings: Sendable {
        public var seed = 7
        public var maxRounds = 500
        public var patience = 40
        public var threads = min(4, ProcessInfo.processInfo.activeProcessorCount)
        /// Fewer risky (or clean) examples than this and the level is not learnt at all.
        public var minimumPositives = 10
        /// Whether callers offer the learner a size feature to blend with (`SizeBlend`); off only to measure it.
        public var sizeBlend = true
        /// Tree depth (3: measured best for one repository's history; see `configure`).
        public var maxDepth = 3
        /// The size blend's weight, fixed instead of chosen on held-back rows (to measure the choice).
        public var sizeWeight: Double?

        public init() {}
    }

    /// `size`: the feature the learnt score may be blended with (`SizeBlend`); nil: the booster alone.
    public static func train(_ data: Dataset, level: String, window: ModelWindow, size: String? = nil,
                             settings: Settings = Settings()) throws -> TrainedModel {
        let positives = data.positives
        guard positives >= settings.minimumPositives, data.count - positives >= settings.minimumPositives else {
            throw RiskModelError.tooFewExamples(level: level, examples: data.count, positives: positives,
                                                needed: settings.minimumPositives)
        }
        let n = data.count
        let trainEnd = Int(Double(n) * 0.70), validEnd = Int(Double(n) * 0.85)
        let train = data.slice(0..<trainEnd), valid = data.slice(trainEnd..<validEnd), calibration = data.slice(validEnd..<n)
        let scaling = FeatureScaling(fitting: train)
        let width = data.featureNames.count
        func matrix(_ part: Dataset) throws -> DMatrix {
            let result = try DMatrix(values: scaling.apply(part.values, width: width), rows: part.count, columns: width)
            try result.setLabels(part.labels.map { $0 ? 1 : 0 })
            return result
        }
        let trainMatrix = try matrix(train), validMatrix = try matrix(valid), calibrationMatrix = try matrix(calibration)
        let trainPositives = max(train.positives, 1)
        let imbalance = Double(train.count - trainPositives) / Double(trainPositives)

        var candidates: [(name: String, booster: Booster, rounds: Int, auc: Double)] = []
        let trainRows = train.count
        func configure(_ booster: Booster, _ kind: String) throws {
            try booster.set("objective", "binary:logistic")
            try booster.set("seed", String(settings.seed))
            try booster.set("nthread", String(settings.threads))
            try booster.set("verbosity", "0")
            try booster.set("booster", kind)
            // Class imbalance: risky rows weigh more (square-root damped, so rare labels do not
            // drown the model; calibration restores the probabilities).
            try booster.set("scale_pos_weight", String(max(1, imbalance.squareRoot())))
            if kind == "gbtree" {
                try booster.set("tree_method", "hist")
                try booster.set("eta", "0.05")
                // Shallow, heavily regularised trees: risky rows are rare and noisy (SZZ), and deeper
                // trees fitted them at the cost of the back-test (measured on six histories,
                // Benchmarks/RESULTS.md). Leaves need weight in proportion to the data, within 3...30.
                try booster.set("max_depth", String(settings.maxDepth))
                try booster.set("min_child_weight", String(min(30, max(3, trainRows / 150))))
                try booster.set("subsample", "0.8")
                try booster.set("colsample_bytree", "0.6")
                try booster.set("lambda", "2")
            } else {
                // Coordinate descent is deterministic; the default shotgun updater races threads.
                try booster.set("updater", "coord_descent")
                try booster.set("feature_selector", "cyclic")
                try booster.set("lambda", "1")
                try booster.set("alpha", "0.01")
                try booster.set("eta", "0.3")
            }
        }
        for kind in ["gbtree", "gblinear"] {
            let booster = try Booster(caching: [trainMatrix, validMatrix])
            try configure(booster, kind)
            var best = (auc: -1.0, rounds: 1)
            let validLabels = valid.labels
            let checkable = validLabels.contains(true) && validLabels.contains(false)
            let limit = kind == "gbtree" ? settings.maxRounds : min(settings.maxRounds, 200)
            for iteration in 0..<limit {
                try booster.update(iteration: iteration, trainMatrix)
                guard checkable else { best.rounds = iteration + 1; continue }
                let margins = try booster.predict(validMatrix).map(Double.init)
                let auc = RankingMetrics.auc(margins, validLabels)
                if auc > best.auc + 1e-6 {
                    best = (auc, iteration + 1)
                } else if iteration + 1 - best.rounds >= settings.patience {
                    break
                }
            }
            candidates.append((kind, booster, best.rounds, checkable ? best.auc : .nan))
        }
        // The linear model wins only where it validates better (small histories, mostly).
        let chosen = candidates[1].auc > candidates[0].auc + 0.005 ? candidates[1] : candidates[0]
        let layers = chosen.name == "gbtree" ? chosen.rounds : 0
        // gblinear keeps only its final weights; it is retrained to the chosen round count.
        var booster = chosen.booster
        if chosen.name == "gblinear" {
            booster = try Booster(caching: [trainMatrix])
            try configure(booster, "gblinear")
            for iteration in 0..<chosen.rounds { try booster.update(iteration: iteration, trainMatrix) }
        }
        // The size blend is chosen on every row the booster did not learn from (validation and
        // calibration slices: more rows than either, so a steadier choice); calibration follows it.
        func sizes(_ part: Dataset, _ column: Int) -> [Float] {
            (0..<part.count).map { row in
                let value = part.values[row * width + column]
                return value.isNaN ? .nan : scaling.apply([value], column: column)
            }
        }
        var blend: SizeBlend?
        if let size, let column = data.featureNames.firstIndex(of: size) {
            let held = data.slice(trainEnd..<n)
            let heldMatrix = try matrix(held)
            blend = SizeBlend.choose(
                feature: size, column: column,
                trainMargins: try booster.predict(trainMatrix, layers: layers).map(Double.init), trainSize: sizes(train, column),
                trainLabels: train.labels, heldMargins: try booster.predict(heldMatrix, layers: layers).map(Double.init),
                heldSize: sizes(held, column), heldLabels: held.labels)
            if let fixed = settings.sizeWeight { blend?.weight = fixed }
        }
        let calibrationSizes = blend.map { sizes(calibration, $0.column) }
        let raw = try booster.predict(calibrationMatrix, layers: layers).enumerated().map { row, margin -> Double in
            let blended = blend.map { $0.margin(Double(margin), size: calibrationSizes![row]) } ?? Double(margin)
            return 1 / (1 + exp(-blended))
        }
        let calibrationFit = Calibration.fit(scores: raw, labels: calibration.labels)
        let sorted = raw.indices.sorted { (raw[$0], $0) < (raw[$1], $1) }
        // The booster's JSON holds every round; keeping only the chosen ones makes the archive exact.
        var json = try booster.json()
        if chosen.name == "gbtree" {
            let sliced = try Booster(json: json)
            json = try sliced.sliceJSON(rounds: layers)
        }
        return TrainedModel(
            level: level, booster: chosen.name, boosterJSON: String(decoding: json, as: UTF8.self), rounds: chosen.rounds,
            seed: settings.seed, featureNames: data.featureNames, scaling: scaling, calibration: calibrationFit,
            calibrationScores: sorted.map { raw[$0] }, calibrationLabels: sorted.map { calibration.labels[$0] },
            training: .init(examples: n, positives: positives, trainRows: train.count, validationRows: valid.count,
                            calibrationRows: calibration.count,
                            validationAUC: Dictionary(uniqueKeysWithValues: candidates.map { ($0.name, $0.auc) })),
            window: window, blend: blend)
    }
}

extension Booster {
    /// The first `rounds` boosting rounds as a model of their own.
    func sliceJSON(rounds: Int) throws -> Data {
        var out: BoosterHandle?
        try check(XGBoosterSlice(handle, 0, Int32(rounds), 1, &out), "XGBoosterSlice")
        return try Booster(owning: out!).json()
    }
}
