import Foundation
@testable import PythonFrontend
import TestSupport
import Testing

/// Ties `Grammars/python.peg` to the parser: the rule lists are equal, every rule has examples,
/// and every example is valid Python that reaches the parse function of its rule.
struct GrammarTieTests {
    struct Rule {
        var name: String
        var examples: [String]
    }

    static func grammar() throws -> [Rule] {
        let text = try String(contentsOfFile: Corpora.packageRoot + "/Grammars/python.peg", encoding: .utf8)
        var rules: [Rule] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let colon = line.firstIndex(of: ":"), line.first?.isLetter == true,
               line[..<colon].allSatisfy({ $0.isLetter || $0 == "_" }) {
                rules.append(Rule(name: String(line[..<colon]), examples: []))
            } else if line.hasPrefix("# e.g. "), !rules.isEmpty {
                let example = line.dropFirst("# e.g. ".count).replacingOccurrences(of: "\\n", with: "\n")
                rules[rules.count - 1].examples.append(example + "\n")
            }
        }
        return rules
    }

    @Test func grammarRulesAreExactlyTheParserRules() throws {
        let names = try Self.grammar().map(\.name)
        #expect(names.count == Set(names).count, "a rule is defined twice")
        #expect(Set(names) == Set(GrammarRule.allCases.map(\.rawValue)),
                "only in the grammar: \(Set(names).subtracting(GrammarRule.allCases.map(\.rawValue))); only in the parser: \(Set(GrammarRule.allCases.map(\.rawValue)).subtracting(names))")
    }

    @Test func everyExampleIsValidAndReachesItsRule() throws {
        let frontend = PythonFrontend()
        for rule in try Self.grammar() {
            #expect(!rule.examples.isEmpty, "rule \(rule.name) has no example")
            guard let grammarRule = GrammarRule(rawValue: rule.name) else { continue }
            for example in rule.examples {
                let (unit, entered) = frontend.parse(Array(example.utf8), path: "example.py", tracing: true)
                #expect(unit.diagnostics.isEmpty, "\(rule.name): \(example.debugDescription) → \(unit.diagnostics)")
                #expect(entered.contains(grammarRule), "\(rule.name): \(example.debugDescription) never entered the rule")
            }
        }
    }
}
