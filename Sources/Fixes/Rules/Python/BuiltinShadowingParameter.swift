import PythonFrontend

/// A002: a parameter named `list`, `id` or `type` hides the builtin for the whole body, so a
/// later edit that calls the builtin calls the argument instead.
public struct BuiltinShadowingParameter: PythonRule {
    public init() {}

    public let description = RuleDescription(
        id: "builtin-shadowing-parameter", language: .python,
        title: "Parameter shadows a builtin",
        rationale: "A parameter named like a builtin (`list`, `id`, `type`, `input`) hides it in the whole function, so a later edit that means the builtin gets the argument.",
        safetyNote: "Not rewritten: renaming a parameter breaks callers that pass it by keyword.",
        safety: .suggestion, ruffCode: "A002",
        triggering: [
            RuleExample("def find(↓id, ↓type=None, **↓vars):\n    return id\n"),
        ],
        nonTriggering: [
            RuleExample("def find(ident, kind=None):\n    return ident\nf = lambda id: id\n"),
            RuleExample("from typing import override\nclass C(B):\n    @override\n    def m(self, id):\n        return id\n"),
        ])

    public func findings(in file: PythonFile) -> [RuleFinding] {
        var result: [RuleFinding] = []
        for function in file.facts.functions where !function.decorators.contains(where: { $0 == "override" || $0.hasSuffix(".override") }) {
            for parameter in function.parameters where PythonBuiltins.names.contains(parameter.name) {
                result.append(file.finding(description, at: parameter.span.start,
                                           message: "parameter `\(parameter.name)` shadows the builtin `\(parameter.name)`",
                                           sketch: "rename it (`\(parameter.name)_` or a descriptive name) where callers do not pass it by keyword"))
            }
        }
        return result
    }
}
