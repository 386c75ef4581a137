import Foundation

/// One scored row: the calibrated probability, a confidence band around it, and each
/// feature's signed contribution to the log-odds (exact TreeSHAP for trees, weight × value for
/// the linear booster), in feature order.
public struct Score: Sendable, Equatable {
    public init(risk: Double, low: Double, high: Double, contributions: [Double], bias: Double) {
        self.risk = risk
        self.low = low
        self.high = high
        self.contributions = contributions
        self.bias = bias
    }

    public var risk: Double
    public var low: Double
    public var high: Double
    public var contributions: [Double]
    public var bias: Double
}

/// A stored model made ready to score: the booster is loaded once.
public final class Scorer {
    public let model: TrainedModel
    private let booster: Booster

    public init(_ model: TrainedModel) throws {
        self.model = model
        booster = try Booster(json: Data(model.boosterJSON.utf8))
        try booster.set("nthread", "1")
    }

    /// `values` row-major in `model.featureNames` order.
    public func score(_ values: [Float], rows: Int) throws -> [Score] {
        guard rows > 0 else { return [] }
        let width = model.featureNames.count
        let scaled = model.scaling.apply(values, width: width)
        let matrix = try DMatrix(values: scaled, rows: rows, columns: width)
        let margins = try booster.predict(matrix)
        let contributions = try booster.predict(matrix, contributions: true)
        let stride = contributions.count / rows
        return (0..<rows).map { row in
            var margin = Double(margins[row])
            var parts = contributions[row * stride ..< (row + 1) * stride].map(Double.init)
            if let blend = model.blend {
                // Every SHAP value takes the booster's share; the size term goes to the size
                // feature; the bias absorbs the centring. The parts still sum to the margin.
                let size = scaled[row * width + blend.column]
                margin = blend.margin(margin, size: size)
                let share = blend.weight / blend.marginDeviation
                for index in parts.indices { parts[index] *= share }
                parts[blend.column] += (1 - blend.weight) * blend.sign * SizeBlend.sizeTerm(size)
                if parts.count > width { parts[width] -= blend.weight * blend.marginMean / blend.marginDeviation }
            }
            let raw = 1 / (1 + exp(-margin))
            let band = confidenceBand(raw: raw)
            // Isotonic steps map many raw scores to one value; a vanishing share of the raw score
            // keeps the order the booster found among them (the step's value is unchanged to 6 digits).
            let risk = min(1, model.calibration.apply(raw) + 1e-7 * raw)
            return Score(risk: risk, low: min(band.low, risk), high: max(band.high, risk),
                         contributions: Array(parts.prefix(width)), bias: parts.count > width ? parts[width] : 0)
        }
    }

    /// The share of risky examples among the calibration rows scored most like this one (the
    /// nearest tenth, at least 30), as an 80% Wilson interval: narrow where the model has seen
    /// much evidence at this score, wide where it has not.
    func confidenceBand(raw: Double) -> (low: Double, high: Double) {
        let scores = model.calibrationScores, labels = model.calibrationLabels
        guard !scores.isEmpty else { return (0, 1) }
        let k = min(scores.count, max(30, scores.count / 10))
        // The window of k neighbours centred on the score's insertion point.
        var low = 0, high = scores.count
        while low < high {
            let middle = (low + high) / 2
            if scores[middle] < raw { low = middle + 1 } else { high = middle }
        }
        let start = max(0, min(scores.count - k, low - k / 2))
        let hits = Double(labels[start ..< start + k].lazy.filter { $0 }.count)
        return Self.wilson(successes: hits, trials: Double(k), z: 1.2816)
    }

    static func wilson(successes: Double, trials: Double, z: Double) -> (low: Double, high: Double) {
        let p = successes / trials, z2 = z * z
        let centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
        let half = z * ((p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot()) / (1 + z2 / trials)
        return (max(0, centre - half), min(1, centre + half))
    }
}
