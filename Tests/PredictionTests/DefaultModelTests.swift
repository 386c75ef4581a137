import Features
import Prediction
import RiskModel
import Testing

/// The shipped default models: present for every level, trained on the six named repositories
/// and no other, on today's feature list, with their back-test and provenance.
@Suite struct DefaultModelTests {
    @Test(arguments: Level.allCases) func shippedModel(level: Level) throws {
        let model = try #require(DefaultModels.model(level), "Sources/Prediction/Resources/default-\(level.rawValue).json")
        #expect(model.featureNames == level.featureNames, "retrain with make train-default: the features changed")
        #expect(Set(model.window.repositories) == ["requests", "flask", "rich", "Alamofire", "swift-nio", "vapor"])
        #expect(model.window.until.count == 6)
        #expect(model.backtest != nil)
        #expect(model.training.positives >= Trainer.trustedPositives)
        // It scores: a row of zeros gets a probability and a band.
        let scores = try Scorer(model).score([Float](repeating: 0, count: model.featureNames.count), rows: 1)
        #expect(scores[0].risk > 0 && scores[0].risk < 1)
        #expect(scores[0].low <= scores[0].risk && scores[0].risk <= scores[0].high)
    }
}
