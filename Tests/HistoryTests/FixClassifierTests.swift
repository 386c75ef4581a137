import History
import Testing

/// The fix classifier both ways: subjects that are fixes, and subjects that only look like one.
@Suite struct FixClassifierTests {
    let classifier = FixClassifier()

    @Test(arguments: [
        "Fix crash when the response has no body",
        "fix: handle empty selectors (#4521)",
        "BUG: parse dates with time zones",
        "Fixes #1234",
        "Resolve race in the downloader\n\nCloses GH-77",
        "bugfix for the retry middleware",
        "Don't fail on invalid UTF-8 in headers",
        "Correct wrong offset in pagination",
        "Handle regression in 2.3 cookies",
        "fix(parser): off-by-one in line numbers",
        "Memory leak in the scheduler",
        "Fix crash in test runner",
        "bug-fix: retry on reset connections",
    ])
    func fixes(_ message: String) {
        #expect(classifier.classify(message: message) == .fix, "\(message)")
    }

    @Test(arguments: [
        "Add support for HTTP/2",
        "Refactor the middleware manager",
        "Bump version to 2.11.0",
        "Merge pull request #5555 from user/branch",
        "Improve prefix handling in selectors",
        "Update changelog",
        "history --bug-introducing lists SZZ links",
        "Add a fix_suggestions table",
    ])
    func notFixes(_ message: String) {
        #expect(classifier.classify(message: message) == .notFix, "\(message)")
    }

    @Test(arguments: [
        "Fix typo in the tutorial",
        "fix docs build",
        "Fix flake8 warnings",
        "fix formatting",
        "Fix tests on Windows",
        "fix spelling in comments",
    ])
    func harmlessFixes(_ message: String) {
        #expect(classifier.classify(message: message) == .harmless, "\(message)")
    }

    @Test func botsAreRecognisedAndExcludedOnRequest() {
        #expect(classifier.classify(message: "Fix vulnerable dependency", authorName: "dependabot[bot]",
                                    authorEmail: "49699333+dependabot[bot]@users.noreply.github.com") == .bot)
        #expect(classifier.classify(message: "[pre-commit.ci] auto fixes", authorName: "pre-commit-ci[bot]") == .bot)
        var keepBots = classifier
        keepBots.excludeBots = false
        #expect(keepBots.classify(message: "Fix crash in parser", authorName: "dependabot[bot]") == .fix)
    }

    @Test func configuredPatternsAndTrackerLabelsAddFixes() {
        var configured = classifier
        configured.extraPatterns = ["^hotpatch:"]
        configured.labelledFixes = ["0123456789abcdef0123456789abcdef01234567"]
        #expect(configured.classify(message: "hotpatch: tune timeouts") == .fix)
        #expect(configured.classify(message: "Tune timeouts", commitID: "0123456789abcdef0123456789abcdef01234567") == .fix)
        #expect(configured.classify(message: "Tune timeouts", commitID: "1123456789abcdef0123456789abcdef01234567") == .notFix)
    }
}
