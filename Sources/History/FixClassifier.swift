import Foundation

/// Decides from a commit message whether a commit fixes a bug, the label SZZ starts from.
///
/// A message is a fix when a fix word (`fix`, `bug`, `crash`, `regression`, …) or an issue
/// reference (`#123`, `GH-123`, `JIRA-123` after "closes"/"resolves"/"fixes") appears, unless
/// the whole change is about something that cannot carry a bug: typos, docs, lint, formatting,
/// tests only. The subject line decides; the body only adds issue references, because bodies
/// of feature commits mention "bug" in passing far more often than subjects do.
public struct FixClassifier: Sendable {
    /// Words (lower case, matched as whole words or as a word's stem: `fix` matches `fixes`,
    /// `fixed`, `bugfix`) that mark a bug fix.
    public var fixWords: [String] = ["fix", "bug", "crash", "regression", "defect", "fault",
                                     "broken", "incorrect", "wrong", "error", "leak", "deadlock", "segfault",
                                     "fail", "repair"]
    /// Topics that make a "fix" harmless: the commit cannot have removed a bug in code.
    public var harmlessWords: [String] = ["typo", "typos", "docs", "doc", "docstring", "docstrings",
                                          "documentation", "readme", "changelog", "comment", "comments",
                                          "lint", "linter", "flake8", "pylint", "swiftlint", "mypy", "formatting",
                                          "format", "whitespace", "indentation", "style", "spelling", "grammar",
                                          "wording", "test", "tests", "ci", "isort", "black", "pep8", "license",
                                          "copyright", "changelog", "release", "version", "bump"]
    /// Extra patterns (regular expressions, case-insensitive) that mark a fix, from `.prognosis.yml`.
    public var extraPatterns: [String] = []
    /// Commit ids (full hex) that an issue tracker labels as bug fixes, from an exported JSON list.
    public var labelledFixes: Set<String> = []
    /// Author names or e-mails (case-insensitive substrings) of bots.
    public var botPatterns: [String] = ["[bot]", "dependabot", "pre-commit-ci", "renovate", "github-actions",
                                        "greenkeeper", "snyk-bot", "mergify", "imgbot", "allcontributors"]
    /// Leave bots' commits out of fixes (and so out of SZZ).
    public var excludeBots = true

    public init() {}

    public enum Verdict: String, Sendable, Codable {
        case fix, notFix = "not-fix", harmless, bot
    }

    public func classify(message: String, authorName: String = "", authorEmail: String = "",
                         commitID: String? = nil) -> Verdict {
        if excludeBots && isBot(name: authorName, email: authorEmail) { return .bot }
        if let commitID, labelledFixes.contains(commitID.lowercased()) { return .fix }
        let subject = message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first
            .map(String.init) ?? ""
        let subjectWords = Self.words(subject)
        let mentionsFix = Self.compounds(subject).contains(where: isFixCompound) || Self.hasIssueReference(message)
            || matchesExtraPattern(message)
        guard mentionsFix else { return .notFix }
        if isHarmless(subjectWords) { return .harmless }
        return .fix
    }

    public func isFix(message: String, authorName: String = "", authorEmail: String = "") -> Bool {
        classify(message: message, authorName: authorName, authorEmail: authorEmail) == .fix
    }

    public func isBot(name: String, email: String) -> Bool {
        // Bytes, not Foundation's string search: this runs for every commit of a history.
        let haystack = Array((name + " " + email).lowercased().utf8)
        return botPatterns.contains { Self.firstIndex(of: Array($0.lowercased().utf8), in: haystack, from: 0) != nil }
    }

    // MARK: Words

    /// Lower-case words of letters and digits; `bugfix`, `fix:` and `fix(parser):` all yield
    /// their words, and CamelCase is not split (identifiers are not prose).
    static func words(_ text: String) -> [Substring] {
        let lower = text.lowercased()
        if lower.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (nearly every subject): split bytes, without Unicode property look-ups.
            return lower.utf8.split { !isASCIIAlphanumeric($0) }.map { Substring($0) }
        }
        return lower.split { !($0.isLetter || $0.isNumber) }
    }

    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Words joined by hyphens or underscores stay together (`bug-introducing`, `--fix-up`,
    /// `fix_crash`): a compound names a fix only when every part is a fix word (`bug-fix`), so
    /// an option or identifier that merely contains one (`--bug-introducing`) does not.
    static func compounds(_ text: String) -> [Substring] {
        let lower = text.lowercased()
        if lower.utf8.allSatisfy({ $0 < 0x80 }) {
            return lower.utf8.split { !(isASCIIAlphanumeric($0) || $0 == 0x2D || $0 == 0x5F) }
                .map { Substring($0).drop { $0 == "-" || $0 == "_" } }
                .filter { !$0.isEmpty }
        }
        return lower.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            .map { $0.drop { $0 == "-" || $0 == "_" } }
            .filter { !$0.isEmpty }
    }

    func isFixCompound(_ compound: Substring) -> Bool {
        let parts = compound.split { $0 == "-" || $0 == "_" }
        return !parts.isEmpty && parts.allSatisfy(isFixWord)
    }

    func isFixWord(_ word: Substring) -> Bool {
        for stem in fixWords where word.hasPrefix(stem) {
            // Inflections: fixes, fixed, fixing, bugs, crashes, crashed, failing, failure.
            if Self.inflections.contains(String(word.dropFirst(stem.count))) { return true }
        }
        // Compounds: bugfix, hotfixes, quickfix — but not prefix, suffix, affix, postfix.
        for ending in ["fix", "fixes", "fixed"] where word.hasSuffix(ending) {
            return !["pre", "suf", "af", "post", "in", "trans"].contains(String(word.dropLast(ending.count)))
        }
        return false
    }

    static let inflections: Set<String> = ["", "s", "es", "ed", "d", "ing", "ure", "ures", "gy"]

    /// "Fixes #12", "closes GH-3", "resolves ABC-123", "(#456)" after a fix word is counted by
    /// the words; a bare issue number on its own does not make a fix (merges cite PRs).
    static func hasIssueReference(_ message: String) -> Bool {
        // Bytes, not String searches: this runs for every commit of a history.
        let text = Array(message.lowercased().utf8)
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80 }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        for verb in issueVerbs {
            var start = 0
            while start + verb.count <= text.count {
                guard let hit = firstIndex(of: verb, in: text, from: start) else { break }
                start = hit + 1
                if hit > 0 && isLetter(text[hit - 1]) { continue }
                var cursor = hit + verb.count
                while cursor < text.count && (text[cursor] == 0x20 || text[cursor] == 0x3A) { cursor += 1 }
                guard cursor < text.count else { continue }
                if text[cursor] == 0x23 {  // #123
                    if cursor + 1 < text.count && isDigit(text[cursor + 1]) { return true }
                } else if isLetter(text[cursor]) {
                    // PROJ-123, GH-123 or owner/repo#123: a token ending in -digits or #digits.
                    var end = cursor
                    while end < text.count && !(text[end] == 0x20 || text[end] == 0x0A || text[end] == 0x2C
                                                || text[end] == 0x2E || text[end] == 0x29) { end += 1 }
                    var digits = end
                    while digits > cursor && isDigit(text[digits - 1]) { digits -= 1 }
                    if digits < end && digits > cursor && (text[digits - 1] == 0x2D || text[digits - 1] == 0x23) { return true }
                }
            }
        }
        return false
    }

    static let issueVerbs: [[UInt8]] = ["fixes", "fixed", "fix", "closes", "closed", "close", "resolves", "resolved", "resolve"]
        .map { Array($0.utf8) }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == first {
                var k = 1
                while k < needle.count && haystack[index + k] == needle[k] { k += 1 }
                if k == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    func isHarmless(_ subjectWords: [Substring]) -> Bool {
        // "fix typo in parser" is harmless; "fix crash in test runner" is not: a strong fix word
        // beside a harmless topic keeps the fix.
        let strong: Set<Substring> = ["crash", "crashes", "regression", "leak", "deadlock", "segfault"]
        if subjectWords.contains(where: { strong.contains($0) }) { return false }
        let harmless = Set(harmlessWords.map { Substring($0) })
        return subjectWords.contains { harmless.contains($0) }
    }

    func matchesExtraPattern(_ message: String) -> Bool {
        for pattern in extraPatterns {
            if message.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil { return true }
        }
        return false
    }
}
