import CodeModel
import SwiftSyntax

/// The control-flow skeleton of Swift, mapped onto the shared `CodeModel.SyntaxKind`s:
/// `if`/`else if`/`else` become `.if`, `.elseIf`, `.else` siblings (as Python's `elif`);
/// `do`/`catch` become `.try` and `.catch` siblings; `switch` is `.match` with `.case` children
/// and `default:` as an `.else` child; pattern conditions (`if case`, `for case`) add a `.case`
/// leaf; closures are `.lambda`; `throw` is `.raise`.
final class UnitBuilder: DeclarationVisitor {
    override func visit(_ node: IfExprSyntax) -> SyntaxVisitorContinueKind {
        var current = node
        var kind = CodeModel.SyntaxKind.if
        while true {
            let clause = current
            record(kind, kind == .if ? Syntax(clause) : Syntax(clause.ifKeyword), end: Syntax(clause.body),
                   header: { walk(clause.conditions) }, body: { walk(clause.body) })
            switch clause.elseBody {
            case .ifExpr(let next)?:
                current = next
                kind = .elseIf
            case .codeBlock(let block)?:
                record(.else, clause.elseKeyword ?? block.leftBrace, end: Syntax(block)) { walk(block) }
                return .skipChildren
            case nil:
                return .skipChildren
            }
        }
    }

    override func visit(_ node: GuardStmtSyntax) -> SyntaxVisitorContinueKind {
        record(.guard, node, header: { walk(node.conditions) }, body: { walk(node.body) })
        return .skipChildren
    }

    override func visit(_ node: MatchingPatternConditionSyntax) -> SyntaxVisitorContinueKind {
        leaf(.case, node.caseKeyword)
        return .visitChildren
    }

    override func visit(_ node: ForStmtSyntax) -> SyntaxVisitorContinueKind {
        record(.for, node, header: {
            if let caseKeyword = node.caseKeyword { leaf(.case, caseKeyword) }
            walk(node.sequence)
            walkIfAny(node.whereClause)
        }, body: { walk(node.body) })
        return .skipChildren
    }

    override func visit(_ node: WhileStmtSyntax) -> SyntaxVisitorContinueKind {
        record(.while, node, header: { walk(node.conditions) }, body: { walk(node.body) })
        return .skipChildren
    }

    /// `repeat { } while c`: its condition comes last, so it is read as part of the body.
    override func visit(_ node: RepeatStmtSyntax) -> SyntaxVisitorContinueKind {
        record(.while, node) {
            walk(node.body)
            walk(node.condition)
        }
        return .skipChildren
    }

    override func visit(_ node: DoStmtSyntax) -> SyntaxVisitorContinueKind {
        record(.try, node, end: Syntax(node.body)) { walk(node.body) }
        for clause in node.catchClauses {
            record(.catch, clause, header: { walk(clause.catchItems) }, body: { walk(clause.body) })
        }
        return .skipChildren
    }

    override func visit(_ node: SwitchExprSyntax) -> SyntaxVisitorContinueKind {
        record(.match, node, header: { walk(node.subject) }, body: { walk(node.cases) })
        return .skipChildren
    }

    override func visit(_ node: SwitchCaseSyntax) -> SyntaxVisitorContinueKind {
        switch node.label {
        case .case(let label):
            record(.case, node, header: { walk(label) }, body: { walk(node.statements) })
        case .default:
            record(.else, node) { walk(node.statements) }
        }
        return .skipChildren
    }

    /// The parser leaves operator sequences unfolded (folding needs SwiftOperators): `&&` and `||`
    /// are elements of a `SequenceExprSyntax`. Each run of the same logical operator is one
    /// boolean node whose `count` is its operands, recorded before the sequence's other nodes.
    override func visit(_ node: SequenceExprSyntax) -> SyntaxVisitorContinueKind {
        var runOperator: String?
        var runLength: Int32 = 0
        var runStart: ExprSyntax?
        func flush() {
            if let op = runOperator, let start = runStart {
                leaf(op == "&&" ? .booleanAnd : .booleanOr, start, count: runLength + 1)
            }
            runOperator = nil
            runLength = 0
        }
        for element in node.elements {
            guard let binary = element.as(BinaryOperatorExprSyntax.self) else { continue }
            let text = binary.operator.text
            guard text == "&&" || text == "||" else { continue }
            if text != runOperator {
                flush()
                runOperator = text
                runStart = element
            }
            runLength += 1
        }
        flush()
        return .visitChildren
    }

    override func visit(_ node: UnresolvedTernaryExprSyntax) -> SyntaxVisitorContinueKind {
        record(.ternary, node) { walk(node.thenExpression) }
        return .skipChildren
    }

    override func visit(_ node: TernaryExprSyntax) -> SyntaxVisitorContinueKind {
        record(.ternary, node, header: { walk(node.condition) }, body: {
            walk(node.thenExpression)
            walk(node.elseExpression)
        })
        return .skipChildren
    }

    override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind {
        record(.lambda, node, header: { walkIfAny(node.signature) }, body: { walk(node.statements) })
        return .skipChildren
    }

    override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
        var name: Int32 = -1
        var bare: Int32 = 0
        if let reference = node.calledExpression.as(DeclReferenceExprSyntax.self) {
            name = intern(reference.baseName.text)
            bare = 1
        } else if let member = node.calledExpression.as(MemberAccessExprSyntax.self) {
            name = intern(member.declName.baseName.text)
        }
        record(.call, node, count: bare, name: name) {
            walk(node.calledExpression)
            walk(node.arguments)
            walkIfAny(node.trailingClosure)
            walk(node.additionalTrailingClosures)
        }
        return .skipChildren
    }

    override func visit(_ node: ReturnStmtSyntax) -> SyntaxVisitorContinueKind {
        record(.return, node) { walkIfAny(node.expression) }
        return .skipChildren
    }

    override func visit(_ node: ThrowStmtSyntax) -> SyntaxVisitorContinueKind {
        record(.raise, node) { walk(node.expression) }
        return .skipChildren
    }

    /// `#if` conditions are decided at compile time, so they are never decisions; every branch
    /// is read, as all of it is code someone maintains (lizard reads it the same way).
    override func visit(_ node: IfConfigDeclSyntax) -> SyntaxVisitorContinueKind {
        for clause in node.clauses { walkIfAny(clause.elements) }
        return .skipChildren
    }

    /// `count` 1: the jump names a label (`break outer`), which cognitive complexity charges.
    override func visit(_ node: BreakStmtSyntax) -> SyntaxVisitorContinueKind {
        leaf(.break, node, count: node.label == nil ? 0 : 1)
        return .skipChildren
    }

    override func visit(_ node: ContinueStmtSyntax) -> SyntaxVisitorContinueKind {
        leaf(.continue, node, count: node.label == nil ? 0 : 1)
        return .skipChildren
    }

    override func visit(_ node: AwaitExprSyntax) -> SyntaxVisitorContinueKind {
        record(.await, node) { walk(node.expression) }
        return .skipChildren
    }

    override func visit(_ node: YieldStmtSyntax) -> SyntaxVisitorContinueKind {
        record(.yield, node) { walk(node.yieldedExpressions) }
        return .skipChildren
    }

    // MARK: Types hold no control flow: their subtrees are not walked.

    override func visit(_ node: IdentifierTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: MemberTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: OptionalTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ImplicitlyUnwrappedOptionalTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ArrayTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: DictionaryTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: FunctionTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: TupleTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: AttributedTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: SomeOrAnyTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: CompositionTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: MetatypeTypeSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: GenericArgumentClauseSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: GenericParameterClauseSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: GenericWhereClauseSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: InheritanceClauseSyntax) -> SyntaxVisitorContinueKind { .skipChildren }

    // Leaves and wrappers of leaves: nothing below them is control flow, so their tokens are
    // not visited one by one.
    override func visit(_ node: DeclReferenceExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: IntegerLiteralExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: FloatLiteralExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: BooleanLiteralExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: NilLiteralExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: StringSegmentSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: DeclModifierListSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: TypeAnnotationSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ReturnClauseSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: IdentifierPatternSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: FunctionEffectSpecifiersSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: BinaryOperatorExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
}
