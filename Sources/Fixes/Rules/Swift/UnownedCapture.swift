import SwiftSyntax

/// An `unowned` capture crashes when the closure runs after its owner is gone: an escaping
/// completion handler, a timer, a notification observer.
public struct UnownedCapture: SwiftRule {
    public init() {}

    public let description = RuleDescription(
        id: "unowned-capture", language: .swift,
        title: "unowned capture that can outlive its owner",
        rationale: "An `unowned` capture crashes if the closure runs after the captured object is freed, which escaping closures (completion handlers, timers, observers) make possible.",
        safetyNote: "While the object lives nothing changes; once it is gone the closure now returns instead of crashing. Only closures that return nothing are rewritten.",
        safety: .safe,
        triggering: [
            RuleExample("client.fetch { [↓unowned self] result in\n    self.show(result)\n    self.done = true\n}\n",
                        fixed: "client.fetch { [weak self] result in\n    guard let self else { return }\n    self.show(result)\n    self.done = true\n}\n"),
            RuleExample("let f = { [↓unowned self] in self.value }\n"),
        ],
        nonTriggering: [
            RuleExample("client.fetch { [weak self] result in\n    self?.show(result)\n}\n"),
        ])

    public func findings(in file: SwiftFile) -> [RuleFinding] {
        final class Visitor: SyntaxVisitor {
            var found: [(ClosureCaptureSyntax, ClosureExprSyntax)] = []
            override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind {
                for capture in node.signature?.capture?.items ?? [] where capture.specifier?.specifier.tokenKind == .keyword(.unowned) {
                    found.append((capture, node))
                }
                return .visitChildren
            }
        }
        let visitor = Visitor(viewMode: .sourceAccurate)
        visitor.walk(file.tree)
        return visitor.found.map { capture, closure in
            let name = capture.name.text
            let specifier = capture.specifier!
            if capture.initializer == nil, returnsNothing(closure), let first = closure.statements.first {
                let range = specifier.trimmedRange
                let statementStart = first.positionAfterSkippingLeadingTrivia.utf8Offset
                let insertion: String
                if file.text.startsLine(statementStart) {
                    insertion = "guard let \(name) else { return }\(file.text.newline)\(file.text.indentation(ofLineAt: statementStart))"
                } else {
                    insertion = "guard let \(name) else { return }; "
                }
                return file.finding(description, at: specifier.positionAfterSkippingLeadingTrivia,
                                    message: "`unowned \(name)` crashes if the closure runs after `\(name)` is freed",
                                    edits: [SourceEdit(start: range.start, end: range.end, replacement: "weak"),
                                            .insert(insertion, at: statementStart)])
            }
            return file.finding(description, at: specifier.positionAfterSkippingLeadingTrivia,
                                message: "`unowned \(name)` crashes if the closure runs after `\(name)` is freed",
                                sketch: "[weak \(name)] and `guard let \(name) else { return … }` at the closure's start")
        }
    }

    /// A closure of several statements with no `return <value>` of its own: adding a `guard`
    /// cannot change its type. A single expression is its closure's value, so it is left alone.
    func returnsNothing(_ closure: ClosureExprSyntax) -> Bool {
        if let output = closure.signature?.returnClause?.type.trimmedDescription, output != "Void", output != "()" { return false }
        if closure.statements.count == 1, let only = closure.statements.first, only.item.is(ExprSyntax.self) { return false }
        final class Returns: SyntaxVisitor {
            var valued = false
            override func visit(_ node: ReturnStmtSyntax) -> SyntaxVisitorContinueKind {
                if node.expression != nil { valued = true }
                return .skipChildren
            }
            override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
            override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
        }
        let returns = Returns(viewMode: .sourceAccurate)
        returns.walk(closure.statements)
        return !returns.valued && !closure.statements.isEmpty
    }
}
