import Analysis
import CodeModel
import Foundation
import Metrics
import TestSupport
import Testing

/// Each class of difference from the oracles that remains, shown on the smallest example and
/// checked against the oracle itself, so the explanation cannot go stale.
struct KnownDifferenceTests {
    static let venv = Corpora.venvPython()

    struct Case: CustomTestStringConvertible, Sendable {
        var why: String
        var tool: String
        var file: String
        var source: String
        var oracle: Int
        var ours: Int
        var testDescription: String { why }
    }

    static let cases: [Case] = [
        Case(why: "complexipy does not look inside binary operators, subscripts, attributes, keyword arguments, await or yield",
             tool: "complexipy", file: "a.py", source: "def f(a, b):\n    return 'x' + (a if b else 'y')\n", oracle: 0, ours: 1),
        Case(why: "complexipy skips conditional expressions in keyword arguments",
             tool: "complexipy", file: "b.py", source: "def f(a, b):\n    return g(key=a if b else None)\n", oracle: 0, ours: 1),
        Case(why: "lizard counts the cases of an enum declared inside a function",
             tool: "lizard", file: "c.swift", source: "func f() {\n    enum E { case a, b }\n    print(E.a)\n}\n", oracle: 2, ours: 1),
        Case(why: "lizard counts an argument label spelled like a keyword (`for request:`)",
             tool: "lizard", file: "d.swift", source: "func encode(for request: Int) -> Int {\n    return request\n}\n", oracle: 2, ours: 1),
        Case(why: "lizard gives a one-line nested def's tokens to its parent",
             tool: "lizard", file: "e.py", source: "def outer(xs):\n    def inner(x): return x if x else 0\n    return [inner(x) for x in xs]\n", oracle: 3, ours: 2),
    ]

    @Test(.enabled(if: venv != nil, "skipped: needs .venv with lizard and complexipy (make venv)"), arguments: cases)
    func differenceIsStillTheOracles(_ example: Case) throws {
        let python = try #require(Self.venv)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prognosis-known-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(example.file).path
        try example.source.write(toFile: path, atomically: true, encoding: .utf8)
        let output = try run(python, [Corpora.packageRoot + "/Tests/Oracles/metrics_oracle.py", example.tool, "--jobs", "1"],
                             input: Data(path.utf8), timeout: 120)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let functions = try #require(record["functions"] as? [[Any]])
        let oracleValue = try #require(functions.first?[3] as? Int)
        #expect(oracleValue == example.oracle, "the oracle changed: \(example.why)")

        let bytes = Array(example.source.utf8)
        let unit = Frontends().parse(bytes, path: path, language: try #require(Language(path: path)))
        let metrics = try #require(MetricsCalculator.measure(unit, source: bytes).functions.first)
        #expect((example.tool == "lizard" ? metrics.cyclomatic : metrics.cognitive) == example.ours)
    }
}
