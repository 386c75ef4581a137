import PythonFrontend

/// E712: `x == True` is neither a truth test nor an identity test: `1 == True` holds, `"yes" ==
/// True` does not. The reader cannot tell which one the author meant.
public struct BoolComparison: PythonRule {
    public init() {}

    public let description = RuleDescription(
        id: "bool-comparison", language: .python,
        title: "Comparison to True or False with == or !=",
        rationale: "`x == True` is true for 1 and 1.0 but false for other truthy values, so it is rarely the test the author meant.",
        safetyNote: "Not rewritten: `if x:` and `x is True` each change the result for some values, so a person picks the meaning.",
        safety: .suggestion, ruffCode: "E712",
        triggering: [
            RuleExample("if ↓flag == True:\n    pass\n"),
            RuleExample("while ↓False != done:\n    pass\n"),
        ],
        nonTriggering: [
            RuleExample("if flag is True or flag:\n    pass\n"),
            RuleExample("if count == 1:\n    pass\n"),
        ])

    public func findings(in file: PythonFile) -> [RuleFinding] {
        var result: [RuleFinding] = []
        for comparison in file.facts.comparisons {
            for (index, op) in comparison.operators.enumerated() where op.kind == .equal || op.kind == .notEqual {
                let left = comparison.operands[index], right = comparison.operands[index + 1]
                let constant = [right, left].first { $0.shape == .true || $0.shape == .false }
                guard let constant else { continue }
                let other = constant == right ? left : right
                let subject = file.text(other.span)
                let truth = (constant.shape == .true) == (op.kind == .equal)
                result.append(file.finding(description, at: comparison.span.start, end: comparison.span.end,
                                           message: "comparison to \(constant.shape == .true ? "True" : "False") with `\(op.kind == .equal ? "==" : "!=")`",
                                           sketch: truth ? "`if \(subject):` (a truth test) or `\(subject) is True`"
                                                         : "`if not \(subject):` (a truth test) or `\(subject) is False`"))
            }
        }
        return result
    }
}
