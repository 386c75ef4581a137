import Foundation
import Testing
@testable import RiskModel

@Suite struct LearnerTests {
    /// Rows where risk rises with feature 0, feature 1 is noise: the learnt model must rank by
    /// feature 0, explain with it, and be identical when trained twice with one seed.
    static func synthetic(_ count: Int, seed: UInt64) -> Dataset {
        var generator = SplitMix(seed: seed)
        var data = Dataset(featureNames: ["signal", "noise"])
        for _ in 0..<count {
            let signal = Float(generator.next() % 1000) / 10
            let noise = Float(generator.next() % 1000) / 10
            let threshold = UInt64(signal * 8)
            data.append([signal, noise], label: generator.next() % 1000 < threshold)
        }
        return data
    }

    static let window = ModelWindow(repositories: ["synthetic"], until: ["0"], untilTime: 0, fromTime: 0, trainedAt: 0)

    @Test func learnsCalibratesAndExplains() throws {
        let data = Self.synthetic(3000, seed: 1)
        let model = try Learner.train(data, level: "test", window: Self.window)
        let scorer = try Scorer(model)
        let test = Self.synthetic(1000, seed: 2)
        let scores = try scorer.score(test.values, rows: test.count)
        let metrics = RankingMetrics(scores: scores.map(\.risk), labels: test.labels, effort: .init(repeating: 1, count: test.count))
        // Near what the true signal itself achieves (the labels are noisy by construction).
        let oracle = RankingMetrics.auc(stride(from: 0, to: test.values.count, by: 2).map { Double(test.values[$0]) }, test.labels)
        #expect(metrics.rocAUC > oracle - 0.03)
        #expect(metrics.rocAUC > 0.7)
        // Calibrated: the mean predicted risk is near the observed rate.
        let meanRisk = scores.map(\.risk).reduce(0, +) / Double(scores.count)
        let rate = Double(test.positives) / Double(test.count)
        #expect(abs(meanRisk - rate) < 0.06)
        for score in scores {
            #expect(score.low <= score.risk && score.risk <= score.high)
            #expect(score.contributions.count == 2)
        }
        // The signal explains more than the noise, on average.
        let signal = scores.map { abs($0.contributions[0]) }.reduce(0, +)
        let noise = scores.map { abs($0.contributions[1]) }.reduce(0, +)
        #expect(signal > 3 * noise)
        // The contributions and the bias add up to the margin (trees' TreeSHAP is exact).
        if model.booster == "gbtree", let first = scores.first {
            let margin = first.contributions.reduce(first.bias, +)
            let raw = 1 / (1 + exp(-margin))
            #expect(abs(model.calibration.apply(raw) - first.risk) < 1e-4)
        }
    }

    @Test func sameSeedSameModel() throws {
        let data = Self.synthetic(1500, seed: 5)
        let first = try Learner.train(data, level: "test", window: Self.window)
        let second = try Learner.train(data, level: "test", window: Self.window)
        #expect(first.boosterJSON == second.boosterJSON)
        #expect(first.calibration == second.calibration)
        // And it survives the archive's round trip.
        let decoded = try TrainedModel.decode(try first.encoded())
        let rows = Array(data.values.prefix(100))
        let a = try Scorer(first).score(rows, rows: 50)
        let b = try Scorer(decoded).score(rows, rows: 50)
        #expect(a.map(\.risk) == b.map(\.risk))
    }

    @Test func refusesTooFewRiskyExamples() {
        var data = Dataset(featureNames: ["x"])
        for index in 0..<200 { data.append([Float(index)], label: index % 50 == 0) }
        #expect(throws: RiskModelError.self) { try Learner.train(data, level: "commit", window: Self.window) }
    }

    @Test func calibrationIsMonotone() {
        var generator = SplitMix(seed: 9)
        let scores = (0..<500).map { _ in Double(generator.next() % 1000) / 1000 }
        let labels = scores.map { Double(generator.next() % 1000) / 1000 < $0 * 0.5 }
        for calibration in [Calibration.isotonic(scores: scores, labels: labels), Calibration.platt(scores: scores, labels: labels)] {
            var previous = -1.0
            for step in 0...100 {
                let value = calibration.apply(Double(step) / 100)
                #expect(value >= previous - 1e-12)
                #expect(value > 0 && value < 1)
                previous = value
            }
        }
    }
}
