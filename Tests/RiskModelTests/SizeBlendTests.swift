import Foundation
import Testing
@testable import RiskModel

@Suite struct SizeBlendTests {
    /// Held-back rows that size orders perfectly and the booster not at all: the weight moves to
    /// size (down to the largest share that still ranks perfectly; ties favour the booster);
    /// the reverse: the booster alone.
    @Test func choosesTheWeightThatRanksBest() {
        var generator = SplitMix(seed: 11)
        let labels = (0..<400).map { _ in generator.next() % 4 == 0 }
        let noise = labels.map { _ in Double(generator.next() % 1000) / 100 }
        let separating = labels.map { $0 ? Float(2) : Float(-1) }
        let sizeWins = SizeBlend.choose(feature: "lines", column: 0, trainMargins: noise, trainSize: separating, trainLabels: labels,
                                        heldMargins: noise, heldSize: separating, heldLabels: labels)
        #expect(sizeWins.weight <= 0.25)
        #expect(sizeWins.tried["0.00"] == 1 && sizeWins.tried["1.00"]! < 0.6)
        #expect(sizeWins.sign == 1)
        #expect(sizeWins.tried.count == SizeBlend.weights.count)
        let margins = labels.map { $0 ? 3.0 : -3.0 }
        let noisySize = noise.map { Float($0) }
        let boosterWins = SizeBlend.choose(feature: "lines", column: 0, trainMargins: margins, trainSize: noisySize,
                                           trainLabels: labels, heldMargins: margins, heldSize: noisySize, heldLabels: labels)
        #expect(boosterWins.weight == 1)
        // Smaller-is-riskier size gets a negative sign, so the blend still ranks it the right way.
        let reversed = SizeBlend.choose(feature: "lines", column: 0, trainMargins: noise, trainSize: separating.map { -$0 },
                                        trainLabels: labels, heldMargins: noise, heldSize: separating.map { -$0 }, heldLabels: labels)
        #expect(reversed.sign == -1)
        #expect(reversed.weight <= 0.25)
    }

    /// A model trained with a size feature keeps its blend through the archive, and each
    /// score's contributions still add up to the (blended) margin behind its risk.
    @Test func blendedScoresStayAdditive() throws {
        var generator = SplitMix(seed: 4)
        var data = Dataset(featureNames: ["lines", "noise"])
        for _ in 0..<3000 {
            let lines = Float(generator.next() % 500 + 1)
            let noise = Float(generator.next() % 1000) / 10
            data.append([lines, noise], label: generator.next() % 1000 < UInt64(lines))
        }
        let model = try Learner.train(data, level: "test", window: LearnerTests.window, size: "lines")
        let blend = try #require(model.blend)
        #expect(blend.column == 0 && blend.sign == 1)
        #expect((0...1).contains(blend.weight))
        let decoded = try TrainedModel.decode(try model.encoded())
        #expect(decoded.blend == blend)
        let scores = try Scorer(decoded).score(Array(data.values.prefix(200)), rows: 100)
        for score in scores {
            let margin = score.contributions.reduce(score.bias, +)
            let raw = 1 / (1 + exp(-margin))
            #expect(abs(min(1, decoded.calibration.apply(raw) + 1e-7 * raw) - score.risk) < 1e-4)
        }
        // Without a size feature offered there is no blend, as before.
        #expect(try Learner.train(data, level: "test", window: LearnerTests.window).blend == nil)
    }
}
