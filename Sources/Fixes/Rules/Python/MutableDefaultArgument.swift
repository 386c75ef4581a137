import PythonFrontend

/// B006: a mutable default is built once, when `def` runs, and shared by every call that
/// leaves the argument out: one call's append shows up in the next.
public struct MutableDefaultArgument: PythonRule {
    public init() {}

    public let description = RuleDescription(
        id: "mutable-default-argument", language: .python,
        title: "Mutable default argument",
        rationale: "A list, dict or set default is created once and shared by every call that omits the argument, so state leaks from one call into the next.",
        safetyNote: "The default becomes None and the body creates a fresh value when the argument is omitted, exactly what each call expected; callers that pass the argument see no change.",
        safety: .safe, ruffCode: "B006",
        triggering: [
            RuleExample("def add(item, into=↓[]):\n    into.append(item)\n    return into\n",
                        fixed: "def add(item, into=None):\n    if into is None:\n        into = []\n    into.append(item)\n    return into\n"),
            RuleExample("def f(a, b=↓{}, *, c=↓set()):\n    \"\"\"Doc.\"\"\"\n    return a, b, c\n",
                        fixed: "def f(a, b=None, *, c=None):\n    \"\"\"Doc.\"\"\"\n    if b is None:\n        b = {}\n    if c is None:\n        c = set()\n    return a, b, c\n"),
            RuleExample("class C:\n    def m(self, seen=↓[x for x in range(3)]):  # keep this comment\n        return seen\n",
                        fixed: "class C:\n    def m(self, seen=None):  # keep this comment\n        if seen is None:\n            seen = [x for x in range(3)]\n        return seen\n"),
            RuleExample("def g(xs: list = ↓[]):\n    return xs\n"),
        ],
        nonTriggering: [
            RuleExample("def f(a=None, b=(), c=frozenset(), d=1):\n    return a\n"),
            RuleExample("f = lambda x=[]: x\n"),
            RuleExample("def list():\n    pass\ndef g(x=list()):\n    return x\n"),
        ])

    static let mutableCalls: Set<String> = ["list", "dict", "set"]
    static let collectionsCalls: Set<String> = ["Counter", "OrderedDict", "defaultdict", "deque"]

    public func findings(in file: PythonFile) -> [RuleFinding] {
        var result: [RuleFinding] = []
        let shadowed = file.moduleBindings
        let fromCollections = file.importedFrom("collections")
        let importsCollections = file.imports("collections")
        for function in file.facts.functions {
            for parameter in function.parameters {
                guard let value = parameter.defaultValue, isMutable(value, file, shadowed, fromCollections, importsCollections) else { continue }
                let defaultText = file.text(value.span)
                var edits: [SourceEdit] = []
                var sketch: String?
                if parameter.annotation != nil {
                    sketch = "use `\(parameter.name): … | None = None` and create the value in the body"
                } else if !function.blockBody {
                    sketch = "move the body onto its own lines, then default to None"
                } else if let body = file.firstStatement(in: function.span, after: function.nameSpan.end) {
                    edits = initialisation(file: file, function: function, body: body, name: parameter.name,
                                           defaultText: defaultText, value: value)
                }
                result.append(file.finding(description, at: value.span.start, end: value.span.end,
                                           message: "`\(parameter.name)` defaults to a mutable \(defaultText.count > 20 ? "value" : "`\(defaultText)`"), shared by every call",
                                           edits: edits, sketch: sketch))
            }
        }
        return result
    }

    func isMutable(_ value: PythonFacts.Operand, _ file: PythonFile, _ shadowed: Set<String>,
                   _ fromCollections: Set<String>, _ importsCollections: Bool) -> Bool {
        switch value.shape {
        case .list, .dict, .set, .listComprehension, .dictComprehension, .setComprehension:
            return true
        case .call:
            guard let call = file.facts.calls.first(where: { $0.span == value.span }) else { return false }
            let callee = file.text(call.callee.span)
            if call.callee.shape == .name {
                if Self.mutableCalls.contains(callee) { return !shadowed.contains(callee) }
                return fromCollections.contains(callee)
            }
            if call.callee.shape == .attribute, importsCollections, callee.hasPrefix("collections.") {
                return Self.collectionsCalls.contains(String(callee.dropFirst("collections.".count)))
            }
            return false
        default:
            return false
        }
    }

    /// `x=None` in the header, and `if x is None: x = <default>` after the docstring.
    func initialisation(file: PythonFile, function: PythonFacts.Function, body: PythonFacts.Statement, name: String,
                        defaultText: String, value: PythonFacts.Operand) -> [SourceEdit] {
        let newline = file.text.newline
        let indent = file.text.indentation(ofLineAt: body.span.start)
        guard file.text.startsLine(body.span.start) else { return [] }
        let outer = file.text.indentation(ofLineAt: function.span.start)
        var unit = indent.hasPrefix(outer) ? String(indent.dropFirst(outer.count)) : "    "
        if unit.isEmpty { unit = "    " }
        let check = "if \(name) is None:\(newline)\(indent)\(unit)\(name) = \(defaultText)"
        var edits = [SourceEdit(start: value.span.start, end: value.span.end, replacement: "None")]
        if body.isString {
            edits.append(.insert(newline + indent + check, at: body.span.end))
        } else {
            edits.append(.insert(check + newline + indent, at: body.span.start))
        }
        return edits
    }
}
