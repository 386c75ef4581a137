import RiskModel

/// The three things a model can score.
public enum Level: String, CaseIterable, Sendable, Codable {
    case commit, file, function

    public var featureNames: [String] {
        switch self {
        case .commit: return CommitFeaturesNames.all
        case .file: return SnapshotNames.file
        case .function: return SnapshotNames.function
        }
    }

    /// The size blend's weight where it is fixed rather than chosen on held-back rows: at file
    /// level a quarter booster, three quarters size — on the six training repositories of the
    /// default model it back-tested at a mean ROC-AUC of 0.752 against 0.728 for the chosen
    /// weight (Benchmarks/RESULTS.md); at commit and function level the choice did better.
    public var fixedSizeWeight: Double? { self == .file ? 0.25 : nil }

    /// `settings` with this level's fixed size weight, unless one is already set.
    public func learnerSettings(_ settings: Learner.Settings) -> Learner.Settings {
        var result = settings
        if result.sizeWeight == nil { result.sizeWeight = fixedSizeWeight }
        return result
    }

    /// The size feature a model may blend with (`SizeBlend`): lines added, or lines of code.
    public var sizeFeature: String {
        switch self {
        case .commit: return "la"
        case .file: return "code_lines"
        case .function: return "lines"
        }
    }
}
