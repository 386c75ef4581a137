import PythonFrontend

/// E711: `== None` calls `__eq__`, which a class may override (NumPy arrays, ORMs, proxies):
/// `is None` asks the only question meant.
public struct NoneComparison: PythonRule {
    public init() {}

    public let description = RuleDescription(
        id: "none-comparison", language: .python,
        title: "Comparison to None with == or !=",
        rationale: "`x == None` runs x's `__eq__`, which may be overridden to return anything (arrays, ORM columns, proxies); the identity test is what the code means.",
        safetyNote: "None is a singleton: `is None` gives the same answer as `== None` for every object whose `__eq__` is not overridden, and the intended answer for the rest.",
        safety: .safe, ruffCode: "E711",
        triggering: [
            RuleExample("if x == ↓None:\n    pass\n", fixed: "if x is None:\n    pass\n"),
            RuleExample("ok = ↓None != value and y\n", fixed: "ok = None is not value and y\n"),
            RuleExample("same = a == b == ↓None\n", fixed: "same = a == b is None\n"),
        ],
        nonTriggering: [
            RuleExample("if x is None or y is not None:\n    pass\n"),
            RuleExample("if x == 0 or x in (None,):\n    pass\n"),
        ])

    public func findings(in file: PythonFile) -> [RuleFinding] {
        var result: [RuleFinding] = []
        for comparison in file.facts.comparisons {
            for (index, op) in comparison.operators.enumerated() where op.kind == .equal || op.kind == .notEqual {
                let left = comparison.operands[index], right = comparison.operands[index + 1]
                let none = right.shape == .none ? right : (left.shape == .none ? left : nil)
                guard let none else { continue }
                let replacement = op.kind == .equal ? "is" : "is not"
                result.append(file.finding(description, at: none.span.start,
                                           message: "comparison to None with `\(op.kind == .equal ? "==" : "!=")`: use `\(replacement)`",
                                           edits: [SourceEdit(start: op.span.start, end: op.span.end, replacement: replacement)]))
            }
        }
        return result
    }
}
