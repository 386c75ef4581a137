@_spi(RawSyntax) import SwiftSyntax

/// Definitions only, for history's function attribution over every blob of a history: the
/// same names and spans as `UnitBuilder`, without the control-flow skeleton, and without walking
/// code that cannot declare anything (most function bodies, top-level expressions).
final class DefinitionVisitor: DeclarationVisitor {
    override var definitionsOnly: Bool { true }

    override func visit(_ node: RawNode) -> Bool {
        switch node.kind {
        case .codeBlockItem:
            if let item = node[Field.codeBlockItem], item.isDeclaration { return false }
            // A statement or expression holds a declaration only inside braces (a block or a closure).
            return !mayDeclare(node)
        case .importDecl:
            return true
        default:
            return super.visit(node)
        }
    }
}
