import SwiftSyntax

/// `fatalError` in a function that could throw or return nil stops the whole process for a
/// failure its caller was equipped to handle.
public struct FatalErrorInRecoverablePath: SwiftRule {
    public init() {}

    public let description = RuleDescription(
        id: "fatal-error-recoverable", language: .swift,
        title: "fatalError where the error could be thrown or returned",
        rationale: "`fatalError` ends the process even though this function throws, returns an optional or sits in a `catch`: its caller could have handled the failure.",
        safetyNote: "Not rewritten: which error to throw, or what nil means to callers, is a design decision.",
        safety: .suggestion,
        triggering: [
            RuleExample("func parse(_ s: String) throws -> Int {\n    guard let n = Int(s) else { ↓fatalError(\"bad\") }\n    return n\n}\n"),
            RuleExample("do {\n    try run()\n} catch {\n    ↓fatalError(\"\\(error)\")\n}\n"),
        ],
        nonTriggering: [
            RuleExample("func parse(_ s: String) -> Int {\n    guard let n = Int(s) else { fatalError(\"bad\") }\n    return n\n}\n"),
        ])

    public func findings(in file: SwiftFile) -> [RuleFinding] {
        final class Visitor: SyntaxVisitor {
            var found: [(FunctionCallExprSyntax, String)] = []
            override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
                guard node.calledExpression.as(DeclReferenceExprSyntax.self)?.baseName.text == "fatalError" else { return .visitChildren }
                var current = node.parent
                while let candidate = current {
                    if candidate.is(CatchClauseSyntax.self) { found.append((node, "a `catch` block")); break }
                    if candidate.is(ClosureExprSyntax.self) { break }
                    if candidate.is(FunctionDeclSyntax.self) || candidate.is(InitializerDeclSyntax.self) {
                        let context = SwiftContext(around: node)
                        if context.throwsErrors { found.append((node, "a throwing function")) }
                        else if context.returnsOptional { found.append((node, "a function that returns an optional")) }
                        break
                    }
                    current = candidate.parent
                }
                return .visitChildren
            }
        }
        let visitor = Visitor(viewMode: .sourceAccurate)
        visitor.walk(file.tree)
        return visitor.found.map { node, place in
            file.finding(description, at: node.positionAfterSkippingLeadingTrivia,
                         message: "`fatalError` in \(place): the failure could be handed to the caller",
                         sketch: place == "a function that returns an optional" ? "return nil" : "throw SomeError(...)")
        }
    }
}
