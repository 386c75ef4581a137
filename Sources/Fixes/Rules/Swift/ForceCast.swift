import SwiftSyntax

/// `as!` crashes when the value has another type, which a changed API or payload makes happen
/// far from the cast.
public struct ForceCast: SwiftRule {
    public init() {}

    public let description = RuleDescription(
        id: "force-cast", language: .swift,
        title: "as! crashes on a type mismatch",
        rationale: "`as!` crashes as soon as the value has another type, which a changed API, payload or subclass makes happen far from the cast.",
        safetyNote: "When the cast succeeds nothing changes; when it fails, the function now returns early (as its Void or optional result allows) instead of crashing.",
        safety: .safe,
        triggering: [
            RuleExample("func show(_ any: Any) {\n    let view = any ↓as! UIView // cell\n    view.layout()\n}\n",
                        fixed: "func show(_ any: Any) {\n    guard let view = any as? UIView else { return } // cell\n    view.layout()\n}\n"),
            RuleExample("func name(_ any: Any) -> String? {\n    let user = any ↓as! User\n    return user.name\n}\n",
                        fixed: "func name(_ any: Any) -> String? {\n    guard let user = any as? User else { return nil }\n    return user.name\n}\n"),
            RuleExample("func count(_ any: Any) -> Int {\n    return (any ↓as! [Int]).count\n}\n"),
        ],
        nonTriggering: [
            RuleExample("func show(_ any: Any) {\n    guard let view = any as? UIView else { return }\n    let base = view as UIResponder\n}\n"),
        ])

    public func findings(in file: SwiftFile) -> [RuleFinding] {
        final class Visitor: SyntaxVisitor {
            /// The parser leaves `a as! T` unfolded: a sequence of the value, the `as!` and the type.
            var found: [(cast: UnresolvedAsExprSyntax, sequence: SequenceExprSyntax)] = []
            override func visit(_ node: UnresolvedAsExprSyntax) -> SyntaxVisitorContinueKind {
                if node.questionOrExclamationMark?.tokenKind == .exclamationMark,
                   let sequence = node.parent?.parent?.as(SequenceExprSyntax.self) {
                    found.append((node, sequence))
                }
                return .visitChildren
            }
        }
        let visitor = Visitor(viewMode: .sourceAccurate)
        visitor.walk(file.tree)
        return visitor.found.map { node, sequence in
            let elements = Array(sequence.elements)
            let position = elements.firstIndex { $0.id == Syntax(node).id } ?? 0
            let type = position + 1 < elements.count ? elements[position + 1].trimmedDescription : "the type"
            let value = elements[..<position].map(\.trimmedDescription).joined(separator: " ")
            // Only `let x = value as! T` exactly: anything after the type would change meaning.
            if elements.count == 3, position == 1, let declaration = GuardableDeclaration(initializedBy: sequence),
               let exit = SwiftContext(around: node).earlyExit, let mark = node.questionOrExclamationMark {
                let range = mark.trimmedRange
                return file.finding(description, at: node.asKeyword.positionAfterSkippingLeadingTrivia,
                                    message: "`as! \(type)` crashes when the value is not a \(type)",
                                    edits: declaration.edits(exit: exit) + [SourceEdit(start: range.start, end: range.end, replacement: "?")])
            }
            return file.finding(description, at: node.asKeyword.positionAfterSkippingLeadingTrivia,
                                message: "`as! \(type)` crashes when the value is not a \(type)",
                                sketch: "guard let value = \(value) as? \(type) else { /* return or throw */ }")
        }
    }
}
