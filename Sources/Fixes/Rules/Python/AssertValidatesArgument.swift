import PythonFrontend

/// `assert` checks of a public function's arguments vanish under `python -O`, and raise
/// AssertionError, which callers do not expect for a bad argument.
public struct AssertValidatesArgument: PythonRule {
    public init() {}

    public let description = RuleDescription(
        id: "assert-validates-argument", language: .python,
        title: "assert used to validate a public function's arguments",
        rationale: "`python -O` strips asserts, so the check disappears in optimised runs, and AssertionError is not what callers catch for a bad argument.",
        safetyNote: "Not rewritten: the exception type changes (AssertionError to ValueError or TypeError), which tests and callers may rely on.",
        safety: .suggestion,
        triggering: [
            RuleExample("def resize(image, width):\n    ↓assert width > 0, \"width must be positive\"\n    return image\n"),
        ],
        nonTriggering: [
            RuleExample("def _resize(image, width):\n    assert width > 0\n"),
            RuleExample("def resize(image, width):\n    scale = 2\n    assert scale > 0\n"),
        ])

    public func findings(in file: PythonFile) -> [RuleFinding] {
        var result: [RuleFinding] = []
        for check in file.facts.asserts {
            guard let function = file.enclosingFunction(check.span.start), !function.inFunction,
                  !function.name.hasPrefix("_") || (function.name.hasPrefix("__") && function.name.hasSuffix("__")),
                  !function.name.hasPrefix("test") else { continue }
            let parameters = Set(function.parameters.map(\.name)).subtracting(["self", "cls"])
            guard let argument = check.names.first(where: parameters.contains) else { continue }
            let test = file.text(check.test.span)
            result.append(file.finding(description, at: check.span.start, end: check.span.end,
                                       message: "`assert` validates argument `\(argument)` of public `\(function.name)`; it vanishes under -O",
                                       sketch: "if not (\(test)):\n    raise ValueError(...)"))
        }
        return result
    }
}
