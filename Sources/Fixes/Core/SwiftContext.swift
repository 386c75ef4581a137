import SwiftSyntax

/// What the code around a Swift node allows an edit to do: propagate an error (`throws`),
/// leave early (`return` or `return nil`). Only the innermost function, initializer or closure
/// counts: a `return` in a closure leaves the closure, not the function.
struct SwiftContext {
    enum Owner { case function, initializer, closure, accessor, other }

    var owner: Owner = .other
    var throwsErrors = false
    var returnsVoid = false
    var returnsOptional = false
    var insideDefer = false

    init(around node: some SyntaxProtocol) {
        var current = node.parent
        while let candidate = current {
            if candidate.is(DeferStmtSyntax.self) { insideDefer = true }
            if let function = candidate.as(FunctionDeclSyntax.self) {
                owner = .function
                let effects = function.signature.effectSpecifiers
                throwsErrors = effects?.throwsClause?.throwsSpecifier.tokenKind == .keyword(.throws)
                if let returned = function.signature.returnClause?.type {
                    returnsOptional = returned.is(OptionalTypeSyntax.self)
                    let text = returned.trimmedDescription
                    returnsVoid = text == "Void" || text == "()"
                } else {
                    returnsVoid = true
                }
                return
            }
            if let initializer = candidate.as(InitializerDeclSyntax.self) {
                owner = .initializer
                throwsErrors = initializer.signature.effectSpecifiers?.throwsClause?.throwsSpecifier.tokenKind == .keyword(.throws)
                returnsOptional = initializer.optionalMark != nil
                return
            }
            if candidate.is(ClosureExprSyntax.self) { owner = .closure; return }
            if candidate.is(AccessorDeclSyntax.self) || candidate.is(AccessorBlockSyntax.self) || candidate.is(SubscriptDeclSyntax.self) {
                owner = .accessor
                return
            }
            if candidate.is(MemberBlockItemSyntax.self) { return }
            current = candidate.parent
        }
    }

    /// The statement that leaves the function early, where one keeps the function's contract.
    var earlyExit: String? {
        guard !insideDefer else { return nil }
        switch owner {
        case .function: return returnsVoid ? "return" : (returnsOptional ? "return nil" : nil)
        case .initializer: return returnsOptional ? "return nil" : nil
        default: return nil
        }
    }
}

extension SyntaxProtocol {
    /// The byte range of a token or node without its trivia.
    var trimmedRange: (start: Int, end: Int) {
        (positionAfterSkippingLeadingTrivia.utf8Offset, endPositionBeforeTrailingTrivia.utf8Offset)
    }
}

/// `let x = <expr>` as a statement of its own, where `<expr>` is exactly `value`: such a
/// declaration can become `guard let x = … else { return }` with three small edits.
struct GuardableDeclaration {
    var declaration: VariableDeclSyntax
    var name: String

    init?(initializedBy value: some SyntaxProtocol) {
        guard let clause = value.parent?.as(InitializerClauseSyntax.self),
              let binding = clause.parent?.as(PatternBindingSyntax.self), binding.typeAnnotation == nil,
              binding.accessorBlock == nil,
              let pattern = binding.pattern.as(IdentifierPatternSyntax.self),
              let list = binding.parent?.as(PatternBindingListSyntax.self), list.count == 1,
              let declaration = list.parent?.as(VariableDeclSyntax.self),
              declaration.attributes.isEmpty, declaration.modifiers.isEmpty,
              declaration.parent?.is(CodeBlockItemSyntax.self) == true else { return nil }
        self.declaration = declaration
        self.name = pattern.identifier.text
    }

    /// `let` → `guard let`, and ` else { <exit> }` after the value.
    func edits(exit: String) -> [SourceEdit] {
        let keyword = declaration.bindingSpecifier.trimmedRange
        return [SourceEdit(start: keyword.start, end: keyword.start, replacement: "guard "),
                .insert(" else { \(exit) }", at: declaration.endPositionBeforeTrailingTrivia.utf8Offset)]
    }
}
