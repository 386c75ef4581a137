import CodeModel

extension PythonParser {
    // MARK: Expression lists

    /// `star_expressions: star_expression (',' star_expression)* [',']`
    mutating func parseStarExpressions(allowYield: Bool) throws -> Expr {
        rule(.star_expressions)
        if allowYield && at(.kwYield) { return try parseYieldExpression() }
        let first = try parseStarExpression()
        guard at(.comma) else { return first }
        var tuple = Expr(.tuple, first.start, first.end, invalidElement: first.invalidTarget)
        while accept(.comma) {
            guard startsExpression(kind) || at(.star) else { break }
            let element = try parseStarExpression()
            if tuple.invalidElement == nil { tuple.invalidElement = element.invalidTarget }
        }
        tuple.end = previousEnd
        return tuple
    }

    /// `star_expression: '*' bitwise_or | expression`
    mutating func parseStarExpression() throws -> Expr {
        rule(.star_expression)
        if at(.star) {
            let start = token.start
            advance()
            let inner = try parseBitwiseOr()
            return Expr(.starred, start, previousEnd, invalidElement: inner.invalidTarget)
        }
        return try parseExpression()
    }

    /// `star_named_expression: '*' bitwise_or | named_expression`
    mutating func parseStarNamedExpression() throws -> Expr {
        if at(.star) { return try parseStarExpression() }
        return try parseNamedExpression()
    }

    /// `named_expression: NAME ':=' expression | expression !':='`
    mutating func parseNamedExpression() throws -> Expr {
        rule(.named_expression)
        if at(.name) && peek() == .colonEqual {
            let start = token.start
            let node = open(.walrus, start)
            advance()
            advance()
            _ = try parseExpression()
            close(node)
            return Expr(.named, start, previousEnd)
        }
        let expression = try parseExpression()
        if at(.colonEqual) {
            throw error("cannot use assignment expressions with \(expression.kind.description)", at: expression.start)
        }
        return expression
    }

    // MARK: Boolean and conditional expressions

    /// `expression: disjunction ['if' disjunction 'else' expression] | lambdef`
    mutating func parseExpression() throws -> Expr {
        rule(.expression)
        try enter()
        defer { leave() }
        if at(.kwLambda) { return try parseLambda() }
        let mark = nodes.count
        let body = try parseDisjunction()
        guard at(.kwIf) else { return body }
        advance()
        _ = try parseDisjunction()
        try expect(.kwElse, "expected 'else' after 'if' expression")
        _ = try parseExpression()
        wrap(from: mark, .ternary, body.start)
        return Expr(.conditional, body.start, previousEnd)
    }

    /// `disjunction: conjunction ('or' conjunction)*`
    mutating func parseDisjunction() throws -> Expr {
        rule(.disjunction)
        return try parseBooleanRun(.kwOr, .booleanOr) { try $0.parseConjunction() }
    }

    /// `conjunction: inversion ('and' inversion)*`
    mutating func parseConjunction() throws -> Expr {
        rule(.conjunction)
        return try parseBooleanRun(.kwAnd, .booleanAnd) { try $0.parseInversion() }
    }

    /// One run of the same boolean operator becomes one node counting its operands, as
    /// CPython's `BoolOp` and the cognitive-complexity rule for operator sequences both see it.
    mutating func parseBooleanRun(_ keyword: TokenKind, _ node: SyntaxKind,
                                  operand: (inout PythonParser) throws -> Expr) throws -> Expr {
        let mark = nodes.count
        let first = try operand(&self)
        guard at(keyword) else { return first }
        var operands: Int32 = 1
        while accept(keyword) {
            _ = try operand(&self)
            operands += 1
        }
        wrap(from: mark, node, first.start, count: operands)
        return Expr(.boolean, first.start, previousEnd)
    }

    /// `inversion: 'not' inversion | comparison`
    mutating func parseInversion() throws -> Expr {
        rule(.inversion)
        guard at(.kwNot) else { return try parseComparison() }
        let start = token.start
        try enter()
        defer { leave() }
        advance()
        let mark = nodes.count
        _ = try parseInversion()
        // `not (a and b)` breaks a sequence of like operators: cognitive complexity needs to see it.
        if mark < nodes.count, nodes[mark].kind == .booleanAnd || nodes[mark].kind == .booleanOr,
           Int(nodes[mark].subtreeEnd) == nodes.count {
            wrap(from: mark, .not, start)
        }
        return Expr(.unary, start, previousEnd)
    }

    /// `comparison: bitwise_or (compare_op bitwise_or)*`
    mutating func parseComparison() throws -> Expr {
        rule(.comparison)
        let first = try parseBitwiseOr()
        var compared = false
        var operands: [PythonFacts.Operand] = []
        var operators: [PythonFacts.Operator] = []
        while true {
            let operatorStart = token.start
            var operatorKind = PythonFacts.Operator.Kind.equal
            switch kind {
            case .equalEqual, .notEqual, .less, .greater, .lessEqual, .greaterEqual, .kwIn:
                switch kind {
                case .notEqual: operatorKind = .notEqual
                case .less: operatorKind = .less
                case .greater: operatorKind = .greater
                case .lessEqual: operatorKind = .lessEqual
                case .greaterEqual: operatorKind = .greaterEqual
                case .kwIn: operatorKind = .in
                default: break
                }
                advance()
            case .kwIs:
                advance()
                operatorKind = accept(.kwNot) ? .isNot : .is
            case .kwNot where peek() == .kwIn:
                advance()
                advance()
                operatorKind = .notIn
            default:
                if compared, facts != nil {
                    facts!.comparisons.append(PythonFacts.Comparison(span: span(first.start, previousEnd), operands: operands,
                                                                     operators: operators))
                }
                return compared ? Expr(.comparison, first.start, previousEnd) : first
            }
            let operatorEnd = previousEnd
            let right = try parseBitwiseOr()
            if facts != nil {
                if !compared { operands.append(first.operand) }
                operators.append(PythonFacts.Operator(kind: operatorKind, span: span(operatorStart, operatorEnd)))
                operands.append(right.operand)
            }
            compared = true
        }
    }

    // MARK: Arithmetic (precedence climbing)

    @inline(__always)
    func binaryPrecedence(_ k: TokenKind) -> Int {
        switch k {
        case .vbar: return 1
        case .circumflex: return 2
        case .amper: return 3
        case .leftShift, .rightShift: return 4
        case .plus, .minus: return 5
        case .star, .slash, .doubleSlash, .percent, .at: return 6
        default: return 0
        }
    }

    /// `bitwise_or` and everything down to `term`, one loop per precedence level.
    mutating func parseBitwiseOr() throws -> Expr {
        rule(.bitwise_or)
        return try parseBinary(1)
    }

    mutating func parseBinary(_ minimum: Int) throws -> Expr {
        var left = try parseFactor()
        while true {
            let precedence = binaryPrecedence(kind)
            if precedence < minimum || precedence == 0 { return left }
            advance()
            _ = try parseBinary(precedence + 1)
            left = Expr(.binary, left.start, previousEnd)
        }
    }

    /// `factor: ('+' | '-' | '~') factor | power`
    mutating func parseFactor() throws -> Expr {
        rule(.factor)
        switch kind {
        case .plus, .minus, .tilde:
            let start = token.start
            try enter()
            defer { leave() }
            advance()
            _ = try parseFactor()
            return Expr(.unary, start, previousEnd)
        default:
            return try parsePower()
        }
    }

    /// `power: await_primary ['**' factor]`
    mutating func parsePower() throws -> Expr {
        rule(.power)
        let base = try parseAwaitPrimary()
        guard accept(.doubleStar) else { return base }
        _ = try parseFactor()
        return Expr(.binary, base.start, previousEnd)
    }

    /// `await_primary: 'await' primary | primary`
    mutating func parseAwaitPrimary() throws -> Expr {
        guard at(.kwAwait) else { return try parsePrimary() }
        rule(.await_primary)
        let start = token.start
        let node = open(.await, start)
        advance()
        _ = try parsePrimary()
        close(node)
        return Expr(.await, start, previousEnd)
    }

    /// `primary: atom ('.' NAME | '(' arguments ')' | '[' slices ']')*`
    mutating func parsePrimary() throws -> Expr {
        rule(.primary)
        let mark = nodes.count
        var expression = try parseAtom()
        var calleeName = expression.kind == .name ? expression.token : -1
        while true {
            switch kind {
            case .dot:
                advance()
                guard at(.name) else { throw error("expected an attribute name after '.'") }
                calleeName = t
                advance()
                expression = Expr(.attribute, expression.start, previousEnd)
            case .leftParen:
                // Brackets count as a nesting level, like the expression inside them.
                try enter()
                defer { leave() }
                advance()
                let arguments = try parseArguments()
                let closeParen = token.start
                let trailingComma = t > 0 && tokens[t - 1].kind == .comma
                try expect(.rightParen, "expected ')'")
                if facts != nil {
                    facts!.calls.append(PythonFacts.Call(span: span(expression.start, previousEnd), callee: expression.operand,
                                                         arguments: arguments, closeParen: Int(closeParen),
                                                         trailingComma: trailingComma))
                }
                let name = calleeName >= 0 ? internName(tokens[calleeName].start, tokens[calleeName].end) : -1
                // count 1: the callee is a bare name (`f(x)`, not `a.f(x)`), which recursion checks need.
                wrap(from: mark, .call, expression.start, count: expression.kind == .name ? 1 : 0, name: name)
                expression = Expr(.call, expression.start, previousEnd)
                calleeName = -1
            case .leftBracket:
                try enter()
                defer { leave() }
                advance()
                let indexStart = token.start
                try parseSlices()
                let indexEnd = previousEnd
                try expect(.rightBracket, "expected ']'")
                if facts != nil {
                    facts!.subscripts.append(PythonFacts.Subscript(span: span(expression.start, previousEnd),
                                                                   value: expression.operand, index: span(indexStart, indexEnd)))
                }
                expression = Expr(.subscript, expression.start, previousEnd)
                calleeName = -1
            default:
                return expression
            }
        }
    }

    /// `arguments` of a call or a class's bases: positional, `*x`, `k=v`, `**m`, one bare generator.
    @discardableResult
    mutating func parseArguments(allowGenerator: Bool = true) throws -> [PythonFacts.Argument] {
        rule(.arguments)
        var sawKeyword = false
        var sawDoubleStar = false
        var count = 0
        var arguments: [PythonFacts.Argument] = []
        while !at(.rightParen) {
            count += 1
            if at(.star) {
                advance()
                let value = try parseExpression()
                if facts != nil { arguments.append(PythonFacts.Argument(kind: .star, keyword: nil, value: value.operand)) }
                if sawDoubleStar { throw error("iterable argument unpacking follows keyword argument unpacking") }
            } else if at(.doubleStar) {
                advance()
                let value = try parseExpression()
                if facts != nil { arguments.append(PythonFacts.Argument(kind: .doubleStar, keyword: nil, value: value.operand)) }
                sawDoubleStar = true
            } else if at(.name) && peek() == .equal {
                let keyword = token
                advance()
                advance()
                let value = try parseExpression()
                if facts != nil { arguments.append(PythonFacts.Argument(kind: .keyword, keyword: text(keyword), value: value.operand)) }
                sawKeyword = true
            } else {
                let mark = nodes.count
                let start = token.start
                let argument = try parseNamedExpression()
                if at(.kwFor) || (at(.kwAsync) && peek() == .kwFor) {
                    let clauses = try parseComprehensionClauses()
                    wrap(from: mark, .comprehension, start, count: clauses)
                    // Only `f(x for x in y)` exactly: no other argument, no trailing comma, not in bases.
                    if !allowGenerator { throw invalidSyntax() }
                    if count > 1 || !at(.rightParen) {
                        throw error("Generator expression must be parenthesized", at: start)
                    }
                } else if at(.equal) {
                    throw error("expression cannot contain assignment, perhaps you meant \"==\"?", at: argument.start)
                }
                if sawDoubleStar { throw error("positional argument follows keyword argument unpacking", at: start) }
                if sawKeyword { throw error("positional argument follows keyword argument", at: start) }
                if facts != nil { arguments.append(PythonFacts.Argument(kind: .positional, keyword: nil, value: argument.operand)) }
            }
            if !accept(.comma) { break }
        }
        return arguments
    }

    /// `slices: slice (',' slice)* [',']` with `slice: [expr] ':' [expr] [':' [expr]] | named_expression`
    mutating func parseSlices() throws {
        rule(.slices)
        if at(.rightBracket) { throw error("expected a slice") }
        repeat {
            if at(.rightBracket) { break }
            if at(.star) {
                _ = try parseStarExpression()
                continue
            }
            if !at(.colon) { _ = try parseNamedExpression() }
            if accept(.colon) {
                if !at(.colon) && !at(.rightBracket) && !at(.comma) { _ = try parseExpression() }
                if accept(.colon) {
                    if !at(.rightBracket) && !at(.comma) { _ = try parseExpression() }
                }
            }
        } while accept(.comma)
    }

    // MARK: Atoms

    mutating func parseAtom() throws -> Expr {
        rule(.atom)
        let start = token.start
        switch kind {
        case .name:
            var expression = Expr(.name, start, token.end)
            expression.token = t
            advance()
            return expression
        case .number:
            advance()
            return Expr(.literal, start, previousEnd)
        case .kwTrue:
            advance()
            return Expr(.constantTrue, start, previousEnd)
        case .kwFalse:
            advance()
            return Expr(.constantFalse, start, previousEnd)
        case .kwNone:
            advance()
            return Expr(.constantNone, start, previousEnd)
        case .ellipsis:
            advance()
            return Expr(.ellipsis, start, previousEnd)
        case .string, .fstringStart:
            return try parseStrings()
        case .leftParen:
            return try parseParenthesized()
        case .leftBracket:
            return try parseList()
        case .leftBrace:
            return try parseDictOrSet()
        case .star:
            throw error("cannot use starred expression here")
        default:
            throw kind == .newline || kind == .endOfFile || kind == .rightParen ? error("expected an expression") : invalidSyntax()
        }
    }

    /// `strings: (STRING | fstring)+`, rejecting a mix of bytes and text.
    mutating func parseStrings() throws -> Expr {
        rule(.strings)
        let start = token.start
        var sawBytes = false
        var sawText = false
        var sawFormat = false
        while true {
            if at(.string) {
                if token.flags & Token.bytesFlag != 0 { sawBytes = true } else { sawText = true }
                advance()
            } else if at(.fstringStart) {
                sawText = true
                sawFormat = true
                try parseFString()
            } else {
                break
            }
        }
        if sawBytes && sawText { throw error("cannot mix bytes and nonbytes literals", at: start) }
        return Expr(sawFormat ? .fstring : .literal, start, previousEnd)
    }

    /// `fstring: FSTRING_START (FSTRING_MIDDLE | replacement_field)* FSTRING_END`
    mutating func parseFString() throws {
        rule(.fstring)
        try enter()
        defer { leave() }
        advance()
        while true {
            switch kind {
            case .fstringMiddle: advance()
            case .leftBrace: try parseReplacementField(specDepth: 0)
            case .fstringEnd: advance(); return
            default: throw error("f-string: expecting '}'")
            }
        }
    }

    /// `'{' (yield_expr | star_expressions) ['='] ['!' NAME] [':' format_spec*] '}'`
    mutating func parseReplacementField(specDepth: Int) throws {
        rule(.fstring_replacement_field)
        if specDepth >= 2 { throw error("f-string: expressions nested too deeply") }
        advance()
        if at(.rightBrace) || at(.exclamation) || at(.colon) || at(.equal) {
            throw error("f-string: valid expression required before '\(text(token))'")
        }
        let value = try parseStarExpressions(allowYield: true)
        if value.kind == .starred { throw error("f-string: cannot use starred expression here", at: value.start) }
        _ = accept(.equal)
        if accept(.exclamation) {
            guard at(.name), case let conversion = text(token), ["s", "r", "a"].contains(conversion) else {
                throw error("f-string: invalid conversion character")
            }
            advance()
        }
        if accept(.colon) {
            while true {
                if at(.fstringMiddle) {
                    advance()
                } else if at(.leftBrace) {
                    try parseReplacementField(specDepth: specDepth + 1)
                } else {
                    break
                }
            }
        }
        try expect(.rightBrace, "f-string: expecting '}'")
    }

    /// `(…)`: a group, a tuple, a generator expression or a parenthesized yield.
    mutating func parseParenthesized() throws -> Expr {
        rule(.group_or_tuple)
        let start = token.start
        try enter()
        defer { leave() }
        advance()
        if accept(.rightParen) { return Expr(.tuple, start, previousEnd) }
        if at(.kwYield) {
            var inner = try parseYieldExpression()
            try expect(.rightParen, "expected ')'")
            inner.parenthesized = true
            return inner
        }
        let mark = nodes.count
        let first = try parseStarNamedExpression()
        if at(.kwFor) || (at(.kwAsync) && peek() == .kwFor) {
            try rejectUnpacking(first)
            let clauses = try parseComprehensionClauses()
            wrap(from: mark, .comprehension, start, count: clauses)
            try expect(.rightParen, "expected ')'")
            return Expr(.generator, start, previousEnd)
        }
        if at(.comma) {
            var tuple = Expr(.tuple, start, start, invalidElement: first.invalidTarget)
            while accept(.comma) {
                if at(.rightParen) { break }
                let element = try parseStarNamedExpression()
                if tuple.invalidElement == nil { tuple.invalidElement = element.invalidTarget }
            }
            try expect(.rightParen, "expected ')'")
            tuple.end = previousEnd
            tuple.parenthesized = true
            return tuple
        }
        let message = at(.colon) || at(.equal) ? "invalid syntax" : "expected ')'"
        try expect(.rightParen, message)
        var group = first
        if group.kind == .starred { throw error("cannot use starred expression here", at: first.start) }
        group.parenthesized = true
        group.start = start
        group.end = previousEnd
        return group
    }

    /// `[…]`: a list display or a list comprehension.
    mutating func parseList() throws -> Expr {
        rule(.list)
        let start = token.start
        try enter()
        defer { leave() }
        advance()
        if accept(.rightBracket) { return Expr(.list, start, previousEnd) }
        let mark = nodes.count
        let first = try parseStarNamedExpression()
        if at(.kwFor) || (at(.kwAsync) && peek() == .kwFor) {
            try rejectUnpacking(first)
            let clauses = try parseComprehensionClauses()
            wrap(from: mark, .comprehension, start, count: clauses)
            try expect(.rightBracket, "expected ']'")
            return Expr(.listComprehension, start, previousEnd)
        }
        var list = Expr(.list, start, start, invalidElement: first.invalidTarget)
        while accept(.comma) {
            if at(.rightBracket) { break }
            let element = try parseStarNamedExpression()
            if list.invalidElement == nil { list.invalidElement = element.invalidTarget }
        }
        try expect(.rightBracket, "expected ']'")
        list.end = previousEnd
        return list
    }

    /// `{…}`: dict or set display, or their comprehensions.
    mutating func parseDictOrSet() throws -> Expr {
        rule(.dict_or_set)
        let start = token.start
        try enter()
        defer { leave() }
        advance()
        if accept(.rightBrace) { return Expr(.dict, start, previousEnd) }
        let mark = nodes.count
        var isDict: Bool
        if accept(.doubleStar) {
            _ = try parseBitwiseOr()
            isDict = true
            if at(.kwFor) || (at(.kwAsync) && peek() == .kwFor) {
                throw error("dict unpacking cannot be used in dict comprehension", at: start)
            }
        } else {
            let first = try parseStarNamedExpression()
            if at(.kwFor) || (at(.kwAsync) && peek() == .kwFor) { try rejectUnpacking(first) }
            isDict = accept(.colon)
            if isDict { _ = try parseExpression() }
            if at(.kwFor) || (at(.kwAsync) && peek() == .kwFor) {
                let clauses = try parseComprehensionClauses()
                wrap(from: mark, .comprehension, start, count: clauses)
                try expect(.rightBrace, "expected '}'")
                return Expr(isDict ? .dictComprehension : .setComprehension, start, previousEnd)
            }
        }
        while accept(.comma) {
            if at(.rightBrace) { break }
            if isDict {
                if accept(.doubleStar) {
                    _ = try parseBitwiseOr()
                } else {
                    _ = try parseExpression()
                    try expect(.colon, "expected ':'")
                    _ = try parseExpression()
                }
            } else {
                _ = try parseStarNamedExpression()
            }
        }
        try expect(.rightBrace, "expected '}'")
        return Expr(isDict ? .dict : .set, start, previousEnd)
    }

    func rejectUnpacking(_ element: Expr) throws {
        if element.kind == .starred {
            throw error("iterable unpacking cannot be used in comprehension", at: element.start)
        }
    }

    /// `for_if_clauses: (['async'] 'for' star_targets 'in' disjunction ('if' disjunction)*)+`
    mutating func parseComprehensionClauses() throws -> Int32 {
        rule(.for_if_clauses)
        var clauses: Int32 = 0
        while at(.kwFor) || (at(.kwAsync) && peek() == .kwFor) {
            let node = open(.comprehensionFor, token.start)
            if at(.kwAsync) { advance() }
            advance()
            let target = try parseStarTargets()
            try checkTarget(target, "assign to")
            try expect(.kwIn, "expected 'in'")
            _ = try parseDisjunction()
            close(node)
            while at(.kwIf) {
                let condition = open(.comprehensionIf, token.start)
                advance()
                _ = try parseDisjunction()
                close(condition)
            }
            clauses += 1
        }
        return clauses
    }

    /// `lambdef: 'lambda' [params] ':' expression`
    mutating func parseLambda() throws -> Expr {
        rule(.lambdef)
        let start = token.start
        let node = open(.lambda, start)
        advance()
        _ = try parseParameters(closing: .colon)
        try expect(.colon, "expected ':'")
        _ = try parseExpression()
        close(node)
        return Expr(.lambda, start, previousEnd)
    }

    /// `yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]`
    mutating func parseYieldExpression() throws -> Expr {
        rule(.yield_expr)
        let start = token.start
        let node = open(.yield, start)
        advance()
        if accept(.kwFrom) {
            _ = try parseExpression()
        } else if startsExpression(kind) || at(.star) {
            _ = try parseStarExpressions(allowYield: false)
        }
        close(node)
        return Expr(.yield, start, previousEnd)
    }

    // MARK: Targets

    /// `star_targets: star_target (',' star_target)* [',']` — stops before `in` and `=`.
    mutating func parseStarTargets() throws -> Expr {
        rule(.star_targets)
        let first = try parseStarTarget()
        guard at(.comma) else { return first }
        var tuple = Expr(.tuple, first.start, first.end, invalidElement: first.invalidTarget)
        while accept(.comma) {
            guard startsExpression(kind) || at(.star) else { break }
            let element = try parseStarTarget()
            if tuple.invalidElement == nil { tuple.invalidElement = element.invalidTarget }
        }
        tuple.end = previousEnd
        return tuple
    }

    /// `star_target: ['*'] target_primary`
    mutating func parseStarTarget() throws -> Expr {
        rule(.star_target)
        if at(.star) {
            let start = token.start
            advance()
            if at(.star) { throw error("cannot use double starred expression here") }
            let inner = try parseStarTarget()
            return Expr(.starred, start, previousEnd, invalidElement: inner.invalidTarget)
        }
        return try parsePrimary()
    }
}
