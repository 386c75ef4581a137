import Foundation

/// What can go wrong while learning or scoring. XGBoost's own message is kept with the name of
/// the failing call, as GitError does for libgit2.
public enum RiskModelError: Error, LocalizedError, Equatable {
    case xgboost(call: String, message: String)
    case tooFewExamples(level: String, examples: Int, positives: Int, needed: Int)
    case featureMismatch(expected: [String], found: [String])
    case unreadableArchive(String)

    public var errorDescription: String? {
        switch self {
        case .xgboost(let call, let message):
            return "XGBoost failed in \(call): \(message)"
        case .tooFewExamples(let level, let examples, let positives, let needed):
            return "too little history to learn the \(level) level: \(examples) examples, \(positives) of them "
                + "labelled risky (at least \(needed) of each are needed)"
        case .featureMismatch(let expected, let found):
            return "the model expects \(expected.count) features but \(found.count) were computed; retrain with `prognosis train`"
        case .unreadableArchive(let reason):
            return "the stored model cannot be read: \(reason)"
        }
    }
}
