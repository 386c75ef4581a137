import SwiftSyntax

/// `dict[key]!`, `array.first!` and `array.last!` crash on a missing key or an empty array,
/// states that real data reaches sooner or later.
public struct ForceUnwrapLookup: SwiftRule {
    public init() {}

    public let description = RuleDescription(
        id: "force-unwrap-lookup", language: .swift,
        title: "Force unwrap of a dictionary lookup or first/last",
        rationale: "`dict[key]!`, `.first!` and `.last!` crash on a missing key or an empty collection, states that real data reaches sooner or later.",
        safetyNote: "When the value is there nothing changes; when it is missing, the function now returns early (as its Void or optional result allows) instead of crashing.",
        safety: .safe,
        triggering: [
            RuleExample("func handle(_ routes: [String: Route], _ path: String) {\n    let route = routes[path]↓!\n    route.run()\n}\n",
                        fixed: "func handle(_ routes: [String: Route], _ path: String) {\n    guard let route = routes[path] else { return }\n    route.run()\n}\n"),
            RuleExample("func newest(_ items: [Item]) -> Item? {\n    let item = items.last↓!\n    return item\n}\n",
                        fixed: "func newest(_ items: [Item]) -> Item? {\n    guard let item = items.last else { return nil }\n    return item\n}\n"),
            RuleExample("func first(_ items: [Int]) -> Int {\n    items.first↓! + 1\n}\n"),
        ],
        nonTriggering: [
            RuleExample("func f(_ x: Int?, _ d: [String: Int]) {\n    let a = x!\n    let b = d[\"k\"] ?? 0\n}\n"),
        ])

    public func findings(in file: SwiftFile) -> [RuleFinding] {
        final class Visitor: SyntaxVisitor {
            var found: [ForceUnwrapExprSyntax] = []
            override func visit(_ node: ForceUnwrapExprSyntax) -> SyntaxVisitorContinueKind {
                if node.expression.is(SubscriptCallExprSyntax.self) {
                    found.append(node)
                } else if let member = node.expression.as(MemberAccessExprSyntax.self),
                          ["first", "last"].contains(member.declName.baseName.text) {
                    found.append(node)
                }
                return .visitChildren
            }
        }
        let visitor = Visitor(viewMode: .sourceAccurate)
        visitor.walk(file.tree)
        return visitor.found.map { node in
            let lookup = node.expression.trimmedDescription
            let what = node.expression.is(SubscriptCallExprSyntax.self) ? "a missing key" : "an empty collection"
            if let declaration = GuardableDeclaration(initializedBy: node), let exit = SwiftContext(around: node).earlyExit {
                let range = node.exclamationMark.trimmedRange
                return file.finding(description, at: node.exclamationMark.positionAfterSkippingLeadingTrivia,
                                    message: "`\(lookup)!` crashes on \(what)",
                                    edits: declaration.edits(exit: exit) + [SourceEdit(start: range.start, end: range.end, replacement: "")])
            }
            return file.finding(description, at: node.exclamationMark.positionAfterSkippingLeadingTrivia,
                                message: "`\(lookup)!` crashes on \(what)",
                                sketch: "guard let value = \(lookup) else { /* return, throw or use a default */ }")
        }
    }
}
