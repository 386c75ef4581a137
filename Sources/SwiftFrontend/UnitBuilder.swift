import CodeModel
@_spi(RawSyntax) import SwiftSyntax

/// The control-flow skeleton of Swift, mapped onto the shared `CodeModel.SyntaxKind`s:
/// `if`/`else if`/`else` become `.if`, `.elseIf`, `.else` siblings (as Python's `elif`);
/// `do`/`catch` become `.try` and `.catch` siblings; `switch` is `.match` with `.case` children
/// and `default:` as an `.else` child; pattern conditions (`if case`, `for case`) add a `.case`
/// leaf; closures are `.lambda`; `throw` is `.raise`.
final class UnitBuilder: DeclarationVisitor {
    override func visit(_ node: RawNode) -> Bool {
        switch node.kind {
        case .ifExpr: visitIf(node)
        case .guardStmt:
            record(.guard, node, header: { walk(node[Field.Loop.guardConditions]) }, body: { walk(node[Field.Loop.guardBody]) })
        case .matchingPatternCondition:
            if let keyword = node[Field.Loop.patternCaseKeyword] { leaf(.case, keyword) }
            return false
        case .forStmt:
            record(.for, node, header: {
                if let keyword = node[Field.Loop.forCaseKeyword] { leaf(.case, keyword) }
                walk(node[Field.Loop.forSequence])
                walk(node[Field.Loop.forWhere])
            }, body: { walk(node[Field.Loop.forBody]) })
        case .whileStmt:
            record(.while, node, header: { walk(node[Field.Loop.whileConditions]) }, body: { walk(node[Field.Loop.whileBody]) })
        case .repeatStmt:
            // `repeat { } while c`: its condition comes last, so it is read as part of the body.
            record(.while, node) {
                walk(node[Field.Loop.repeatBody])
                walk(node[Field.Loop.repeatCondition])
            }
        case .doStmt: visitDo(node)
        case .switchExpr:
            record(.match, node, header: { walk(node[Field.Switch.subject]) }, body: { walk(node[Field.Switch.cases]) })
        case .switchCase:
            let statements = node[Field.Switch.statements]
            if let label = node[Field.Switch.label], label.kind == .switchCaseLabel {
                record(.case, node, header: { walk(label) }, body: { walk(statements) })
            } else {
                record(.else, node) { walk(statements) }
            }
        case .sequenceExpr:
            visitSequence(node)
            return false
        case .unresolvedTernaryExpr:
            record(.ternary, node) { walk(node[Field.Expression.unresolvedThen]) }
        case .ternaryExpr:
            record(.ternary, node, header: { walk(node[Field.Expression.ternaryCondition]) }, body: {
                walk(node[Field.Expression.ternaryThen])
                walk(node[Field.Expression.ternaryElse])
            })
        case .closureExpr:
            record(.lambda, node, header: { walk(node[Field.Closure.signature]) }, body: { walk(node[Field.Closure.statements]) })
        case .functionCallExpr: visitCall(node)
        case .returnStmt: record(.return, node) { walk(node[Field.Statement.returned]) }
        case .throwStmt: record(.raise, node) { walk(node[Field.Statement.thrown]) }
        case .ifConfigDecl:
            // `#if` conditions are decided at compile time, so they are never decisions; every
            // branch is read, as all of it is code someone maintains (lizard reads it the same way).
            for clause in node[Field.Statement.ifConfigClauses]?.children ?? [] {
                walk(clause[Field.Statement.ifConfigElements])
            }
        case .breakStmt:
            // `count` 1: the jump names a label (`break outer`), which cognitive complexity charges.
            leaf(.break, node, count: node[Field.Statement.breakLabel] == nil ? 0 : 1)
        case .continueStmt:
            leaf(.continue, node, count: node[Field.Statement.continueLabel] == nil ? 0 : 1)
        case .awaitExpr: record(.await, node) { walk(node[Field.Expression.awaited]) }
        case .yieldStmt: record(.yield, node) { walk(node[Field.Statement.yielded]) }
        // Types hold no control flow, and leaves and wrappers of leaves hold nothing below them
        // that is: their subtrees are not walked.
        case .identifierType, .memberType, .optionalType, .implicitlyUnwrappedOptionalType, .arrayType,
             .dictionaryType, .functionType, .tupleType, .attributedType, .someOrAnyType, .compositionType,
             .metatypeType, .genericArgumentClause, .genericParameterClause, .genericWhereClause, .inheritanceClause,
             .declReferenceExpr, .integerLiteralExpr, .floatLiteralExpr, .booleanLiteralExpr, .nilLiteralExpr,
             .stringSegment, .declModifierList, .typeAnnotation, .returnClause, .identifierPattern,
             .functionEffectSpecifiers, .binaryOperatorExpr:
            return true
        default:
            return super.visit(node)
        }
        return true
    }

    private func visitIf(_ node: RawNode) {
        var clause = node
        var kind = CodeModel.SyntaxKind.if
        while true {
            let body = clause[Field.If.body]
            let current = clause
            record(kind, kind == .if ? clause : (clause[Field.If.keyword] ?? clause), end: body,
                   header: { walk(current[Field.If.conditions]) }, body: { walk(body) })
            guard let elseBody = clause[Field.If.elseBody] else { return }
            if elseBody.kind == .ifExpr {
                clause = elseBody
                kind = .elseIf
            } else {
                let start = clause[Field.If.elseKeyword] ?? elseBody[Field.codeBlockLeftBrace] ?? elseBody
                record(.else, start, end: elseBody) { walk(elseBody) }
                return
            }
        }
    }

    private func visitDo(_ node: RawNode) {
        let body = node[Field.Do.body]
        record(.try, node, end: body) { walk(body) }
        for clause in node[Field.Do.catchClauses]?.children ?? [] {
            record(.catch, clause, header: { walk(clause[Field.Do.catchItems]) }, body: { walk(clause[Field.Do.catchBody]) })
        }
    }

    /// The parser leaves operator sequences unfolded (folding needs SwiftOperators): `&&` and `||`
    /// are elements of a `SequenceExprSyntax`. Each run of the same logical operator is one
    /// boolean node whose `count` is its operands, recorded before the sequence's other nodes.
    private func visitSequence(_ node: RawNode) {
        var runOperator: SyntaxText?
        var runLength: Int32 = 0
        var runStart: RawNode?
        func flush() {
            if let op = runOperator, let start = runStart {
                leaf(op == "&&" ? .booleanAnd : .booleanOr, start, count: runLength + 1)
            }
            runOperator = nil
            runLength = 0
        }
        node[Field.Expression.sequenceElements]?.forEachChild { element in
            guard element.kind == .binaryOperatorExpr else { return }
            let text = element[Field.Expression.binaryOperator]?.tokenBytes ?? ""
            guard text == "&&" || text == "||" else { return }
            if text != runOperator {
                flush()
                runOperator = text
                runStart = element
            }
            runLength += 1
        }
        flush()
    }

    private func visitCall(_ node: RawNode) {
        var name: Int32 = -1
        var bare: Int32 = 0
        let called = node[Field.Expression.called]
        if let called, called.kind == .declReferenceExpr {
            name = intern(called[Field.Expression.referenceBaseName]?.tokenBytes ?? "")
            bare = 1
        } else if let called, called.kind == .memberAccessExpr {
            name = intern(called[Field.Expression.memberName]?[Field.Expression.referenceBaseName]?.tokenBytes ?? "")
        }
        record(.call, node, count: bare, name: name) {
            walk(called)
            walk(node[Field.Expression.arguments])
            walk(node[Field.Expression.trailingClosure])
            walk(node[Field.Expression.additionalTrailingClosures])
        }
    }
}
