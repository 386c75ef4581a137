import Analysis
import CodeModel
import Foundation
import Metrics
import TestSupport
import Testing

/// `Grammars/metrics.md` documents every metric rule by examples; this test makes each example
/// true. A fenced block's info string names the language and the expected numbers of the first
/// function in the block.
struct MetricRuleExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var language: Language
        var expected: [String: Int]
        var source: String
        var line: Int
        var testDescription: String { "metrics.md:\(line) (\(language.rawValue))" }
    }

    static let examples: [Example] = {
        let path = Corpora.packageRoot + "/Grammars/metrics.md"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var result: [Example] = []
        var current: Example?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if var example = current {
                if line == "```" {
                    result.append(example)
                    current = nil
                } else {
                    example.source += line + "\n"
                    current = example
                }
                continue
            }
            guard line.hasPrefix("```python ") || line.hasPrefix("```swift ") else { continue }
            let words = line.dropFirst(3).split(separator: " ")
            var expected: [String: Int] = [:]
            for word in words.dropFirst() {
                let pair = word.split(separator: "=")
                if pair.count == 2, let value = Int(pair[1]) { expected[String(pair[0])] = value }
            }
            current = Example(language: words[0] == "python" ? .python : .swift, expected: expected, source: "",
                              line: number + 1)
        }
        return result
    }()

    @Test func theDocumentHasExamplesForEveryMetric() {
        #expect(Self.examples.count >= 20)
        let keys = Set(Self.examples.flatMap { $0.expected.keys })
        #expect(keys == ["cyclomatic", "cognitive", "nesting", "lines", "parameters", "returns"])
        #expect(Set(Self.examples.map(\.language)) == [.python, .swift])
    }

    @Test(arguments: examples)
    func example(_ example: Example) throws {
        let bytes = Array(example.source.utf8)
        let unit = Frontends().parse(bytes, path: "example", language: example.language)
        #expect(unit.isValid, "\(unit.diagnostics)")
        let file = MetricsCalculator.measure(unit, source: bytes)
        let function = try #require(file.functions.first)
        let actual: [String: Int] = [
            "cyclomatic": function.cyclomatic, "cognitive": function.cognitive, "nesting": function.maxNesting,
            "lines": function.lines, "parameters": function.parameters, "returns": function.returns,
        ]
        for (key, value) in example.expected.sorted(by: { $0.key < $1.key }) {
            #expect(actual[key] == value, "\(key) of \(function.qualifiedName)")
        }
    }
}
