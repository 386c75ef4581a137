import SwiftSyntax

/// A stored `T!` property crashes on any read before it is set, and the compiler no longer
/// checks that initialisation happens.
public struct ImplicitlyUnwrappedProperty: SwiftRule {
    public init() {}

    public let description = RuleDescription(
        id: "implicitly-unwrapped-property", language: .swift,
        title: "Implicitly unwrapped optional property",
        rationale: "A `T!` property crashes on any read before it is set, and it opts out of the compiler's check that initialisation happened.",
        safetyNote: "Not rewritten: making it `T?` changes every use site, and making it non-optional needs an initial value.",
        safety: .suggestion,
        triggering: [
            RuleExample("final class Session {\n    var token: ↓String!\n}\n"),
        ],
        nonTriggering: [
            RuleExample("final class Controller {\n    @IBOutlet var label: UILabel!\n    var token: String?\n    func f() { var local: Int! = 1 }\n}\n"),
        ])

    public func findings(in file: SwiftFile) -> [RuleFinding] {
        final class Visitor: SyntaxVisitor {
            var found: [(ImplicitlyUnwrappedOptionalTypeSyntax, String)] = []
            override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
                guard node.parent?.is(MemberBlockItemSyntax.self) == true else { return .skipChildren }
                let outlet = node.attributes.contains { $0.as(AttributeSyntax.self)?.attributeName.trimmedDescription.hasPrefix("IB") == true }
                guard !outlet else { return .skipChildren }
                for binding in node.bindings {
                    if let type = binding.typeAnnotation?.type.as(ImplicitlyUnwrappedOptionalTypeSyntax.self),
                       binding.accessorBlock == nil {
                        found.append((type, binding.pattern.trimmedDescription))
                    }
                }
                return .skipChildren
            }
        }
        let visitor = Visitor(viewMode: .sourceAccurate)
        visitor.walk(file.tree)
        return visitor.found.map { type, name in
            file.finding(description, at: type.positionAfterSkippingLeadingTrivia,
                         message: "`\(name): \(type.trimmedDescription)` crashes on a read before it is set",
                         sketch: "var \(name): \(type.wrappedType.trimmedDescription)?  // or a non-optional set in init")
        }
    }
}
