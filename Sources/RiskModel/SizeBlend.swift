import Foundation

/// The learnt score mixed with one size feature (lines added for a commit, lines for a file or
/// a function). Size is most of the signal in defect data and the hardest baseline to beat
/// (Benchmarks/RESULTS.md, ../shared/RESEARCH.md); where the booster alone ranks the held-back
/// rows worse than this mix, the mix is what scores. Both parts are z-scores, so the weight
/// reads as a share, and the blend stays additive: each feature's contribution is its share of
/// the booster's SHAP value, plus the size term on the size feature.
public struct SizeBlend: Codable, Sendable, Equatable {
    /// The size feature, by name and column.
    public var feature: String
    public var column: Int
    /// The booster's share, 0...1 (1: the booster alone).
    public var weight: Double
    /// +1 when larger means riskier on the training rows, −1 otherwise.
    public var sign: Double
    /// The booster's margins on the training rows: mean and deviation, to put them on the size
    /// feature's (already z-scored) scale.
    public var marginMean: Double
    public var marginDeviation: Double
    /// ROC-AUC on the held-back rows for each weight tried, by weight (the evidence for the choice).
    public var tried: [String: Double]

    /// The blended margin of one row: `margin` the booster's, `size` the scaled size feature.
    public func margin(_ margin: Double, size: Float) -> Double {
        weight * (margin - marginMean) / marginDeviation + (1 - weight) * sign * Self.sizeTerm(size)
    }

    static func sizeTerm(_ size: Float) -> Double { size.isNaN ? 0 : Double(size) }

    /// The weights tried, the booster alone first: a mix is kept only where it ranks better.
    static let weights = [1.0, 0.75, 0.5, 0.25, 0.0]

    /// Chooses the weight on held-back rows. `trainMargins` and `trainSize` fix the scales and
    /// the size feature's direction; `heldMargins`, `heldSize` and `heldLabels` judge.
    static func choose(feature: String, column: Int, trainMargins: [Double], trainSize: [Float], trainLabels: [Bool],
                       heldMargins: [Double], heldSize: [Float], heldLabels: [Bool]) -> SizeBlend {
        let mean = trainMargins.reduce(0, +) / Double(max(trainMargins.count, 1))
        let variance = trainMargins.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(trainMargins.count, 1))
        let deviation = variance > 1e-12 ? variance.squareRoot() : 1
        let sign = RankingMetrics.auc(trainSize.map(Self.sizeTerm), trainLabels) < 0.5 ? -1.0 : 1.0
        var blend = SizeBlend(feature: feature, column: column, weight: 1, sign: sign, marginMean: mean,
                              marginDeviation: deviation, tried: [:])
        guard heldLabels.contains(true), heldLabels.contains(false) else { return blend }
        var best = -1.0, bestWeight = 1.0
        for weight in weights {
            blend.weight = weight
            let auc = RankingMetrics.auc(zip(heldMargins, heldSize).map { blend.margin($0, size: $1) }, heldLabels)
            blend.tried[String(format: "%.2f", weight)] = auc
            // Ties go to the larger booster share: it explains more than size does.
            if auc > best + 0.002 { best = auc; bestWeight = weight }
        }
        blend.weight = bestWeight
        return blend
    }
}
