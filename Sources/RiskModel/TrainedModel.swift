import Foundation

/// Everything needed to score with a model and to say what it is: the booster as XGBoost's own
/// JSON, the feature list it was trained on, how features were scaled, its calibration, the
/// window it learnt from and how well it back-tested. Stored in the store and shipped as the
/// default model in exactly this form.
public struct TrainedModel: Codable, Sendable {
    public static let formatVersion = 2

    public var formatVersion = TrainedModel.formatVersion
    public var level: String
    /// "gbtree" or "gblinear".
    public var booster: String
    public var boosterJSON: String
    public var rounds: Int
    public var seed: Int
    public var featureNames: [String]
    public var scaling: FeatureScaling
    public var calibration: Calibration
    /// Raw scores and labels of the calibration slice, sorted by score: the evidence behind
    /// each prediction's confidence band.
    public var calibrationScores: [Double]
    public var calibrationLabels: [Bool]
    public var training: TrainingSummary
    public var window: ModelWindow
    public var backtest: Backtest?
    /// The size blend the score goes through; nil (models written before it): the booster alone.
    public var blend: SizeBlend?

    public struct TrainingSummary: Codable, Sendable {
        public var examples: Int
        public var positives: Int
        public var trainRows: Int
        public var validationRows: Int
        public var calibrationRows: Int
        /// ROC-AUC on the validation slice of each booster tried, by name.
        public var validationAUC: [String: Double]
    }

    public init(level: String, booster: String, boosterJSON: String, rounds: Int, seed: Int, featureNames: [String],
                scaling: FeatureScaling, calibration: Calibration, calibrationScores: [Double], calibrationLabels: [Bool],
                training: TrainingSummary, window: ModelWindow, blend: SizeBlend? = nil) {
        self.level = level
        self.booster = booster
        self.boosterJSON = boosterJSON
        self.rounds = rounds
        self.seed = seed
        self.featureNames = featureNames
        self.scaling = scaling
        self.calibration = calibration
        self.calibrationScores = calibrationScores
        self.calibrationLabels = calibrationLabels
        self.training = training
        self.window = window
        self.blend = blend
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> TrainedModel {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            let model = try decoder.decode(TrainedModel.self, from: data)
            guard model.formatVersion <= formatVersion else {
                throw RiskModelError.unreadableArchive("written by a newer Prognosis (format \(model.formatVersion))")
            }
            return model
        } catch let error as RiskModelError {
            throw error
        } catch {
            throw RiskModelError.unreadableArchive("\(error)")
        }
    }
}

/// What a model learnt from: the repositories, the last commit whose labels it knew and the
/// time span of its examples.
public struct ModelWindow: Codable, Sendable, Equatable {
    public var repositories: [String]
    /// The commit (per repository) whose history and labels the model saw; nothing after it.
    public var until: [String]
    public var untilTime: Int64
    public var fromTime: Int64
    public var trainedAt: Int64

    public init(repositories: [String], until: [String], untilTime: Int64, fromTime: Int64, trainedAt: Int64) {
        self.repositories = repositories
        self.until = until
        self.untilTime = untilTime
        self.fromTime = fromTime
        self.trainedAt = trainedAt
    }
}

/// A time-split back-test: the model and each baseline measured on the same rows.
public struct Backtest: Codable, Sendable {
    public var horizonDays: Int
    public var cutoffs: [String]
    public var model: RankingMetrics
    public var baselines: [String: RankingMetrics]

    public init(horizonDays: Int, cutoffs: [String], model: RankingMetrics, baselines: [String: RankingMetrics]) {
        self.horizonDays = horizonDays
        self.cutoffs = cutoffs
        self.model = model
        self.baselines = baselines
    }
}
