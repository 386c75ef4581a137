import Testing
@testable import RiskModel

@Suite struct RankingMetricsTests {
    @Test func perfectAndReversedRankings() {
        let labels = [true, true, false, false, false]
        let effort = [10.0, 10, 10, 10, 10]
        let perfect = RankingMetrics(scores: [0.9, 0.8, 0.3, 0.2, 0.1], labels: labels, effort: effort)
        #expect(perfect.rocAUC == 1)
        #expect(perfect.prAUC == 1)
        #expect(perfect.ifa == 0)
        #expect(abs(perfect.popt - 1) < 1e-9)
        let reversed = RankingMetrics(scores: [0.1, 0.2, 0.3, 0.8, 0.9], labels: labels, effort: effort)
        #expect(reversed.rocAUC == 0)
        #expect(reversed.ifa == 3)
        #expect(abs(reversed.popt) < 1e-9)
    }

    /// A constant score must earn nothing: ties are broken against the ranker.
    @Test func tiesAreNotRewarded() {
        let labels = [false, true, false, true]
        let metrics = RankingMetrics(scores: [1, 1, 1, 1], labels: labels, effort: [1, 1, 1, 1])
        #expect(metrics.rocAUC == 0.5)
        #expect(metrics.ifa == 2)
        #expect(metrics.recallAt20Effort == 0)
    }

    /// Against a direct count of the pairs the AUC orders correctly.
    @Test func aucMatchesPairCounting() {
        var generator = SplitMix(seed: 3)
        let scores = (0..<300).map { _ in Double(generator.next() % 50) }
        let labels = (0..<300).map { _ in generator.next() % 3 == 0 }
        var wins = 0.0, pairs = 0.0
        for i in scores.indices where labels[i] {
            for j in scores.indices where !labels[j] {
                pairs += 1
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0
            }
        }
        #expect(abs(RankingMetrics.auc(scores, labels) - wins / pairs) < 1e-12)
    }

    @Test func effortMeasures() {
        // Ranked: a(risky, 10 lines), b(clean, 10), c(risky, 80): 20% of 100 lines is a and b.
        let metrics = RankingMetrics(scores: [3, 2, 1], labels: [true, false, true], effort: [10, 10, 80])
        #expect(metrics.recallAt20Effort == 0.5)
        #expect(abs(metrics.effortAt20Recall - 0.1) < 1e-12)
    }

    /// Effort-aware figures read items by risk per line: a large item with the highest risk
    /// waits behind small ones whose risk per line is higher; ROC-AUC keeps the score's order.
    @Test func effortAwareOrderIsRiskPerLine() {
        let metrics = RankingMetrics(scores: [0.5, 0.4, 0.1], labels: [false, true, true], effort: [80, 10, 10])
        // Per line: b 0.04, c 0.01, a 0.006; 20 of 100 lines read b and c, both risky.
        #expect(metrics.recallAt20Effort == 1)
        #expect(metrics.ifa == 0)
        #expect(abs(metrics.effortAt20Recall - 0.1) < 1e-12)
        // By the raw score the clean 80-line item comes first: ROC-AUC judges that order.
        #expect(metrics.rocAUC == 0)
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
