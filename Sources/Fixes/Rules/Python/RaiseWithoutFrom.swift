import PythonFrontend

/// B904: raising a new exception inside `except` without `from` reports it as "During handling
/// of the above exception, another exception occurred": a crash in the handler, not a
/// deliberate translation, and the cause is easy to lose.
public struct RaiseWithoutFrom: PythonRule {
    public init() {}

    public let description = RuleDescription(
        id: "raise-without-from", language: .python,
        title: "raise without from inside except",
        rationale: "A new exception raised in an `except` block without `from` looks like a bug in the handler in every traceback, and the original error's role is unclear.",
        safetyNote: "`from err` only sets `__cause__`: the same exception is raised at the same place, and its traceback now states the cause.",
        safety: .safe, ruffCode: "B904",
        triggering: [
            RuleExample("try:\n    v = d[k]\nexcept KeyError as err:\n    ↓raise ValueError(k)\n",
                        fixed: "try:\n    v = d[k]\nexcept KeyError as err:\n    raise ValueError(k) from err\n"),
            RuleExample("try:\n    v = d[k]\nexcept KeyError:\n    ↓raise ValueError(k)\n"),
        ],
        nonTriggering: [
            RuleExample("try:\n    v = d[k]\nexcept KeyError as e:\n    raise\n"),
            RuleExample("try:\n    v = d[k]\nexcept KeyError as e:\n    raise e\n"),
            RuleExample("try:\n    v = d[k]\nexcept KeyError as e:\n    raise ValueError(k) from None\n"),
            RuleExample("try:\n    v = d[k]\nexcept KeyError:\n    def later():\n        raise ValueError(k)\n"),
            RuleExample("try:\n    v = d[k]\nexcept KeyError:\n    for x in xs:\n        pass\n    else:\n        raise ValueError(k)\n    try:\n        raise ValueError(k)\n    finally:\n        pass\n"),
        ])

    public func findings(in file: PythonFile) -> [RuleFinding] {
        var result: [RuleFinding] = []
        // ruff's B904 looks at the handler's own statements, loops and branches, but not into
        // definitions, nested `try` bodies (with their else and finally) or a loop's `else`.
        let scopes = file.facts.functions.map(\.span) + file.facts.classes + file.facts.tryBlocks + file.facts.loopElses
        for raise in file.facts.raises where !raise.hasCause {
            guard let exception = raise.exception else { continue }
            // The innermost handler whose body holds the raise, with no def or class in between.
            var handler: PythonFacts.Handler?
            for candidate in file.facts.handlers where candidate.body.start <= raise.span.start && raise.span.end <= candidate.body.end {
                if handler == nil || candidate.body.start > handler!.body.start { handler = candidate }
            }
            guard let handler else { continue }
            if scopes.contains(where: { $0.start > handler.body.start && $0.start < raise.span.start && raise.span.end <= $0.end }) {
                continue
            }
            if exception.shape == .name, let name = handler.name, file.text(exception.span) == name { continue }
            if let name = handler.name {
                result.append(file.finding(description, at: raise.span.start, end: raise.span.end,
                                           message: "raises a new exception inside `except` without `from \(name)`",
                                           edits: [.insert(" from \(name)", at: raise.span.end)]))
            } else {
                result.append(file.finding(description, at: raise.span.start, end: raise.span.end,
                                           message: "raises a new exception inside `except` without `from`",
                                           sketch: "name the caught exception (`except … as err:`) and `raise … from err`, or `from None` to hide it"))
            }
        }
        return result
    }
}
