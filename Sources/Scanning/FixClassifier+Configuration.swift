import Configuration
import History

extension ProjectConfiguration {
    /// The fix classifier `.prognosis.yml`'s `fixes:` section describes. It lives here, not in
    /// Configuration or Analysis, so that reading settings and parsing code never depend on git.
    public func fixClassifier() throws -> FixClassifier {
        var classifier = FixClassifier()
        classifier.extraPatterns = fixPatterns
        classifier.labelledFixes = try labelledFixes()
        classifier.botPatterns += bots
        classifier.excludeBots = excludeBots
        return classifier
    }
}
