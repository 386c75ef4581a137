import Configuration
import Scanning
import Foundation
import Testing

struct ConfigurationTests {
    @Test(arguments: [
        ("Sources/**", "Sources/A/a.swift", true), ("Sources/**", "Tests/a.swift", false),
        ("*.pb.swift", "Sources/A/x.pb.swift", true), ("vendor/", "a/vendor/b.py", true),
        ("vendor/", "vendors/b.py", false), ("**/gen/*.py", "x/y/gen/a.py", true), ("/top.py", "top.py", true),
        ("a/*.py", "a/b/c.py", false), ("a/**/c.py", "a/c.py", true),
    ] as [(String, String, Bool)])
    func globsMatchLikeGitignore(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    @Test func verdictsAndErrors() throws {
        let configuration = try ProjectConfiguration(yaml: "include: [src/**]\nexclude: [src/skip/**]\nvendored: [src/ext/]\n")
        #expect(configuration.verdict(for: "src/a.py") == .included)
        #expect(configuration.verdict(for: "lib/a.py") == .excluded)
        #expect(configuration.verdict(for: "src/skip/a.py") == .excluded)
        #expect(configuration.verdict(for: "src/ext/a.py") == .vendored)
        #expect(configuration.verdict(for: "src/node_modules/a.py") == .vendored)
        #expect(configuration.verdict(for: "src/api_pb2.py") == .generated)
        let noDefaults = try ProjectConfiguration(yaml: "defaults: false\n")
        #expect(noDefaults.verdict(for: "vendor/a.py") == .included)
        #expect(throws: ConfigurationError.self) { try ProjectConfiguration(yaml: "exlude: [a]\n") }
        #expect(throws: ConfigurationError.self) { try ProjectConfiguration(yaml: "- a\n- b\n") }
        #expect(throws: ConfigurationError.self) { try ProjectConfiguration(yaml: "include: [a\n") }
    }

    /// `fixes:` configures the fix classifier; wrong shapes, unknown keys, bad patterns and an
    /// unreadable label file are errors, never ignored.
    @Test func fixesSectionConfiguresTheClassifier() throws {
        let folder = NSTemporaryDirectory() + "prognosis-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(#"[{"sha": "ABCDEF0123456789ABCDEF0123456789ABCDEF01"}, "1111111111111111111111111111111111111111"]"#.utf8)
            .write(to: URL(fileURLWithPath: folder + "/bugs.json"))
        var configuration = try ProjectConfiguration(yaml: """
            fixes:
              patterns: ["^hotpatch:"]
              labels: bugs.json
              bots: [release-robot]
              excludeBots: true
            """)
        configuration.root = folder
        let classifier = try configuration.fixClassifier()
        #expect(classifier.classify(message: "hotpatch: timeouts") == .fix)
        #expect(classifier.classify(message: "Tune timeouts", commitID: "abcdef0123456789abcdef0123456789abcdef01") == .fix)
        #expect(classifier.classify(message: "Tune timeouts", commitID: "1111111111111111111111111111111111111111") == .fix)
        #expect(classifier.classify(message: "Fix crash", authorName: "Release-Robot") == .bot)

        #expect(throws: ConfigurationError.self) { try ProjectConfiguration(yaml: "fixes: [a]\n") }
        #expect(throws: ConfigurationError.self) { try ProjectConfiguration(yaml: "fixes:\n  pattern: [a]\n") }
        #expect(throws: ConfigurationError.self) { try ProjectConfiguration(yaml: "fixes:\n  excludeBots: maybe\n") }
        #expect(throws: ConfigurationError.self) { try ProjectConfiguration(yaml: "fixes:\n  patterns: ['(unclosed']\n").fixClassifier() }
        var missing = try ProjectConfiguration(yaml: "fixes:\n  labels: nowhere.json\n")
        missing.root = folder
        #expect(throws: ConfigurationError.self) { try missing.fixClassifier() }
    }
}
