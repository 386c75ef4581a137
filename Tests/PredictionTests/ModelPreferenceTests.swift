import Prediction
import RiskModel
import Testing

@Suite struct ModelPreferenceTests {
    static func metrics(_ auc: Double) -> RankingMetrics {
        var result = RankingMetrics(scores: [1, 0], labels: [true, false], effort: [1, 1])
        result.rocAUC = auc
        return result
    }

    static func backtest(own: Double, blend: Double?, shipped: Double?) -> Backtest {
        var baselines: [String: RankingMetrics] = ["LApredict": metrics(0.99)]
        if let blend { baselines[Evaluator.blendName] = metrics(blend) }
        if let shipped { baselines[Evaluator.defaultName] = metrics(shipped) }
        return Backtest(horizonDays: 180, cutoffs: [], model: metrics(own), baselines: baselines)
    }

    /// The own model stays unless the blend or the default beat it by more than 0.01; then the
    /// better of the two. Heuristic baselines never replace a model, however well they rank.
    @Test func ownBlendOrShipped() {
        #expect(Predictor.preferred(Self.backtest(own: 0.80, blend: 0.805, shipped: 0.809)) == .own)
        #expect(Predictor.preferred(Self.backtest(own: 0.80, blend: 0.82, shipped: 0.81)) == .blend(0.82))
        #expect(Predictor.preferred(Self.backtest(own: 0.80, blend: 0.82, shipped: 0.85)) == .shipped(0.85))
        #expect(Predictor.preferred(Self.backtest(own: 0.80, blend: nil, shipped: 0.83)) == .shipped(0.83))
        #expect(Predictor.preferred(Self.backtest(own: 0.80, blend: .nan, shipped: nil)) == .own)
        #expect(Predictor.preferred(Self.backtest(own: .nan, blend: 0.7, shipped: 0.6)) == .blend(0.7))
    }
}
