import Foundation
import PythonFrontend

/// `if key not in d: … d[key]` reads the very entry the guard just proved missing: a KeyError
/// every time that branch runs, usually a swapped condition.
public struct DictLookupWrongGuard: PythonRule {
    public init() {}

    public let description = RuleDescription(
        id: "dict-lookup-wrong-guard", language: .python,
        title: "dict[key] read where the guard says the key is missing",
        rationale: "A lookup `d[k]` inside `if k not in d:` (or in the `else` of `if k in d:`) raises KeyError whenever that branch runs: the guard is the wrong way round.",
        safetyNote: "Not rewritten: whether the condition or the lookup is wrong needs a person.",
        safety: .suggestion,
        triggering: [
            RuleExample("if name not in cache:\n    return ↓cache[name]\n"),
            RuleExample("if k in d:\n    pass\nelse:\n    v = ↓d[k]\n"),
        ],
        nonTriggering: [
            RuleExample("if name not in cache:\n    cache[name] = load(name)\nreturn cache[name]\n"),
            RuleExample("if k in d:\n    v = d[k]\nif k not in d:\n    d[k] += 1\n"),
        ])

    public func findings(in file: PythonFile) -> [RuleFinding] {
        var result: [RuleFinding] = []
        for branch in file.facts.branches {
            guard let comparison = file.facts.comparisons.first(where: { $0.span == branch.test.span }),
                  comparison.operators.count == 1 else { continue }
            let op = comparison.operators[0].kind
            guard op == .in || op == .notIn else { continue }
            let key = normalized(file.text(comparison.operands[0].span))
            let container = normalized(file.text(comparison.operands[1].span))
            let region = op == .notIn ? branch.body : branch.orElse
            guard let region else { continue }
            for lookup in file.facts.subscripts where region.start <= lookup.span.start && lookup.span.end <= region.end {
                guard normalized(file.text(lookup.value.span)) == container, normalized(file.text(lookup.index)) == key,
                      !isStoreOrDelete(lookup, file) else { continue }
                result.append(file.finding(description, at: lookup.span.start, end: lookup.span.end,
                                           message: "`\(file.text(lookup.span))` is read where `\(file.text(branch.test.span))` \(op == .notIn ? "holds" : "does not hold")",
                                           sketch: "swap the guard (`in` / `not in`), or use `\(file.text(lookup.value.span)).get(\(file.text(lookup.index)))`"))
            }
        }
        return result
    }

    func normalized(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    /// `d[k] = v`, `d[k] += 1` and `del d[k]` write the entry; only reads fail.
    func isStoreOrDelete(_ lookup: PythonFacts.Subscript, _ file: PythonFile) -> Bool {
        let bytes = file.text.bytes
        let after = file.text.skipBlanks(from: lookup.span.end)
        if after < bytes.count {
            let next = bytes[after], following = after + 1 < bytes.count ? bytes[after + 1] : 0
            if next == UInt8(ascii: "=") && following != UInt8(ascii: "=") { return true }
            if following == UInt8(ascii: "=") && "+-*/%&|^@".utf8.contains(next) { return true }
        }
        let lineStart = file.text.lineStart(of: lookup.span.start)
        let before = file.text.text(lineStart, lookup.span.start).trimmingCharacters(in: .whitespaces)
        return before == "del" || before.hasSuffix(" del")
    }
}
