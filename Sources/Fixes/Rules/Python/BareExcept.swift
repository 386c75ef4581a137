import PythonFrontend

/// E722: a bare `except:` also catches `KeyboardInterrupt` and `SystemExit`, so Ctrl-C and
/// `sys.exit()` get swallowed by code that meant to handle errors.
public struct BareExcept: PythonRule {
    public init() {}

    public let description = RuleDescription(
        id: "bare-except", language: .python,
        title: "Bare except",
        rationale: "A bare `except:` catches KeyboardInterrupt, SystemExit and GeneratorExit too, hiding interrupts and shutdowns behind error handling.",
        safetyNote: "`except Exception:` still catches every error a program raises; only the interpreter's exit signals now pass through, as they should.",
        safety: .safe, ruffCode: "E722",
        triggering: [
            RuleExample("try:\n    run()\n↓except:  # log it\n    log()\n",
                        fixed: "try:\n    run()\nexcept Exception:  # log it\n    log()\n"),
            RuleExample("try:\n    run()\nexcept ValueError:\n    pass\n↓except:\n    if retry():\n        raise\n",
                        fixed: "try:\n    run()\nexcept ValueError:\n    pass\nexcept Exception:\n    if retry():\n        raise\n"),
        ],
        nonTriggering: [
            RuleExample("try:\n    run()\nexcept Exception:\n    pass\n"),
            RuleExample("try:\n    run()\nexcept* ValueError:\n    pass\n"),
            RuleExample("try:\n    run()\nexcept:\n    cleanup()\n    raise\n"),
        ])

    public func findings(in file: PythonFile) -> [RuleFinding] {
        file.facts.handlers.filter { $0.type == nil && !$0.isStar && !reraises($0, file) }.map { handler in
            file.finding(description, at: handler.keyword.start, message: "bare `except:` also catches KeyboardInterrupt and SystemExit",
                         edits: [.insert(" Exception", at: handler.keyword.end)])
        }
    }

    /// A handler whose own statements include a bare `raise` only cleans up and passes the
    /// exception on, interrupts included: pycodestyle and ruff leave it alone, and so do we.
    func reraises(_ handler: PythonFacts.Handler, _ file: PythonFile) -> Bool {
        file.facts.raises.contains { raise in
            guard raise.exception == nil, handler.body.start <= raise.span.start, raise.span.end <= handler.body.end else { return false }
            return !file.facts.statements.contains { statement in
                statement.span.start >= handler.body.start && statement.span.start < raise.span.start && raise.span.end <= statement.span.end
            }
        }
    }
}
