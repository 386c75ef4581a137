import Analysis
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
        #expect(throws: AnalysisError.self) { try ProjectConfiguration(yaml: "exlude: [a]\n") }
        #expect(throws: AnalysisError.self) { try ProjectConfiguration(yaml: "- a\n- b\n") }
        #expect(throws: AnalysisError.self) { try ProjectConfiguration(yaml: "include: [a\n") }
    }
}
