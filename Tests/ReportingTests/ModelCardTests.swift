import ReportModel
import Testing
@testable import Reporting

/// The report's model card must not say the own model is untrusted when it was set aside for
/// back-testing worse than the shipped default: the note says why, the headline stays neutral.
@Suite struct ModelCardTests {
    static func summary(source: String, note: String?) -> ModelSummary {
        ModelSummary(level: "commit", source: source, booster: "gbtree", examples: 100, positives: 10, trainedUntil: nil,
                     note: note, backtest: [])
    }

    @Test func headlineFollowsWhyTheDefaultScored() {
        let none = HTMLReportFormatter.model(Self.summary(source: "default", note: nil))
        #expect(none["sourceText"] as? String == "The shipped default model (this repository has no model of its own yet)")
        let worse = HTMLReportFormatter.model(Self.summary(source: "default", note: "the shipped default model back-tested better"))
        #expect(worse["sourceText"] as? String == "The shipped default model")
        #expect(worse["note"] as? String == "the shipped default model back-tested better")
        #expect(HTMLReportFormatter.model(Self.summary(source: "repository", note: nil))["sourceText"] as? String
            == "This repository's own model")
    }
}
