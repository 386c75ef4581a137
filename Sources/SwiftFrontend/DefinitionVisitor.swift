import SwiftSyntax

/// Definitions only, for history's function attribution over every blob of a history: the
/// same names and spans as `UnitBuilder`, without the control-flow skeleton, and without walking
/// code that cannot declare anything (most function bodies, top-level expressions).
final class DefinitionVisitor: DeclarationVisitor {
    override var definitionsOnly: Bool { true }

    override func visit(_ node: CodeBlockItemSyntax) -> SyntaxVisitorContinueKind {
        if case .decl = node.item { return .visitChildren }
        // A statement or expression holds a declaration only inside braces (a block or a closure).
        return mayDeclare(node) ? .visitChildren : .skipChildren
    }

    override func visit(_ node: ImportDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
}
