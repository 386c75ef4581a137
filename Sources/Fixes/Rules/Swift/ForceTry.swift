import SwiftSyntax

/// `try!` turns any error into a crash. In a throwing function the error can simply propagate.
public struct ForceTry: SwiftRule {
    public init() {}

    public let description = RuleDescription(
        id: "force-try", language: .swift,
        title: "try! crashes on any error",
        rationale: "`try!` turns every error the call can throw into a crash at run time, including ones the caller could handle.",
        safetyNote: "The enclosing function already throws, so `try` hands the error to callers that must already handle errors from it; where it does not throw, a do/catch is only suggested.",
        safety: .safe,
        triggering: [
            RuleExample("func load() throws -> Data {\n    let data = ↓try! Data(contentsOf: url)\n    return data\n}\n",
                        fixed: "func load() throws -> Data {\n    let data = try Data(contentsOf: url)\n    return data\n}\n"),
            RuleExample("func load() -> Data {\n    return ↓try! Data(contentsOf: url)\n}\n"),
        ],
        nonTriggering: [
            RuleExample("func load() throws -> Data {\n    let data = try? Data(contentsOf: url)\n    return try Data(contentsOf: url)\n}\n"),
        ])

    public func findings(in file: SwiftFile) -> [RuleFinding] {
        final class Visitor: SyntaxVisitor {
            var found: [TryExprSyntax] = []
            override func visit(_ node: TryExprSyntax) -> SyntaxVisitorContinueKind {
                if node.questionOrExclamationMark?.tokenKind == .exclamationMark { found.append(node) }
                return .visitChildren
            }
        }
        let visitor = Visitor(viewMode: .sourceAccurate)
        visitor.walk(file.tree)
        return visitor.found.map { node in
            let context = SwiftContext(around: node)
            if context.throwsErrors, context.owner == .function || context.owner == .initializer, !context.insideDefer,
               let mark = node.questionOrExclamationMark {
                let range = mark.trimmedRange
                return file.finding(description, at: node.positionAfterSkippingLeadingTrivia,
                                    message: "`try!` crashes on any error; this function throws, so the error can propagate",
                                    edits: [SourceEdit(start: range.start, end: range.end, replacement: "")])
            }
            return file.finding(description, at: node.positionAfterSkippingLeadingTrivia,
                                message: "`try!` crashes on any error",
                                sketch: "do {\n    \(node.trimmedDescription.replacingFirst("try!", with: "try"))\n} catch {\n    // log or recover\n}")
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
