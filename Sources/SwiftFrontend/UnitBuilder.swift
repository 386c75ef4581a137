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
            let index = open(kind, kind == .if ? Syntax(current) : Syntax(current.ifKeyword))
            walk(current.conditions)
            endHeader(index)
            walk(current.body)
            close(index, current.body)
            switch current.elseBody {
            case .ifExpr(let next)?:
                current = next
                kind = .elseIf
            case .codeBlock(let block)?:
                let elseIndex = open(.else, current.elseKeyword ?? block.leftBrace)
                walk(block)
                close(elseIndex, block)
                return .skipChildren
            case nil:
                return .skipChildren
            }
        }
    }

    override func visit(_ node: GuardStmtSyntax) -> SyntaxVisitorContinueKind {
        let index = open(.guard, node)
        walk(node.conditions)
        endHeader(index)
        walk(node.body)
        close(index, node)
        return .skipChildren
    }

    override func visit(_ node: MatchingPatternConditionSyntax) -> SyntaxVisitorContinueKind {
        leaf(.case, node.caseKeyword)
        return .visitChildren
    }

    override func visit(_ node: ForStmtSyntax) -> SyntaxVisitorContinueKind {
        let index = open(.for, node)
        if let caseKeyword = node.caseKeyword { leaf(.case, caseKeyword) }
        walk(node.sequence)
        walkIfAny(node.whereClause)
        endHeader(index)
        walk(node.body)
        close(index, node)
        return .skipChildren
    }

    override func visit(_ node: WhileStmtSyntax) -> SyntaxVisitorContinueKind {
        let index = open(.while, node)
        walk(node.conditions)
        endHeader(index)
        walk(node.body)
        close(index, node)
        return .skipChildren
    }

    /// `repeat { } while c`: its condition comes last, so it has no header.
    override func visit(_ node: RepeatStmtSyntax) -> SyntaxVisitorContinueKind {
        let index = open(.while, node)
        walk(node.body)
        walk(node.condition)
        close(index, node)
        return .skipChildren
    }

    override func visit(_ node: DoStmtSyntax) -> SyntaxVisitorContinueKind {
        let index = open(.try, node)
        walk(node.body)
        close(index, node.body)
        for clause in node.catchClauses {
            let handler = open(.catch, clause)
            walk(clause.catchItems)
            endHeader(handler)
            walk(clause.body)
            close(handler, clause)
        }
        return .skipChildren
    }

    override func visit(_ node: SwitchExprSyntax) -> SyntaxVisitorContinueKind {
        let index = open(.match, node)
        walk(node.subject)
        endHeader(index)
        walk(node.cases)
        close(index, node)
        return .skipChildren
    }

    override func visit(_ node: SwitchCaseSyntax) -> SyntaxVisitorContinueKind {
        switch node.label {
        case .case(let label):
            let index = open(.case, node)
            walk(label)
            endHeader(index)
            walk(node.statements)
            close(index, node)
        case .default:
            let index = open(.else, node)
            walk(node.statements)
            close(index, node)
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
        let index = open(.ternary, node)
        walk(node.thenExpression)
        close(index, node)
        return .skipChildren
    }

    override func visit(_ node: TernaryExprSyntax) -> SyntaxVisitorContinueKind {
        let index = open(.ternary, node)
        walk(node.condition)
        endHeader(index)
        walk(node.thenExpression)
        walk(node.elseExpression)
        close(index, node)
        return .skipChildren
    }

    override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind {
        let index = open(.lambda, node)
        walkIfAny(node.signature)
        endHeader(index)
        walk(node.statements)
        close(index, node)
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
        let index = open(.call, node, count: bare, name: name)
        walk(node.calledExpression)
        walk(node.arguments)
        walkIfAny(node.trailingClosure)
        walk(node.additionalTrailingClosures)
        close(index, node)
        return .skipChildren
    }

    override func visit(_ node: ReturnStmtSyntax) -> SyntaxVisitorContinueKind {
        let index = open(.return, node)
        walkIfAny(node.expression)
        close(index, node)
        return .skipChildren
    }

    override func visit(_ node: ThrowStmtSyntax) -> SyntaxVisitorContinueKind {
        let index = open(.raise, node)
        walk(node.expression)
        close(index, node)
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
        let index = open(.await, node)
        walk(node.expression)
        close(index, node)
        return .skipChildren
    }

    override func visit(_ node: YieldStmtSyntax) -> SyntaxVisitorContinueKind {
        let index = open(.yield, node)
        walk(node.yieldedExpressions)
        close(index, node)
        return .skipChildren
    }
}
