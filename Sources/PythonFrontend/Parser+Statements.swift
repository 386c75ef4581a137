import CodeModel

extension PythonParser {
    // MARK: Files and blocks

    mutating func parseFile() {
        rule(.file)
        parseStatements(untilDedent: false)
    }

    /// `statements: statement+`, recovering from each broken statement.
    mutating func parseStatements(untilDedent: Bool) {
        while true {
            switch kind {
            case .endOfFile:
                return
            case .dedent:
                if untilDedent { return }
                advance()
                continue
            case .indent:
                record(error("unexpected indent"))
                parseIndentedBlockForRecovery()
                continue
            default:
                break
            }
            let nodeMark = nodes.count
            let start = t
            let depthAtStart = depth
            do {
                try parseStatement()
                if facts != nil { recordStatement(from: start) }
            } catch let failure as ParseError {
                depth = depthAtStart
                record(failure)
                if nodes.count > nodeMark { nodes.removeSubrange(nodeMark...) }
                synchronize()
                if t == start { advance() }
            } catch {
                fatalError("unexpected error \(error)")
            }
        }
    }

    /// A statement of a block, and whether it is a lone string (a docstring where it comes first).
    mutating func recordStatement(from first: Int) {
        var isString = true
        var index = first
        while index < t {
            switch tokens[index].kind {
            case .string: break
            case .newline, .indent, .dedent, .endOfFile: break
            default: isString = false
            }
            index += 1
        }
        facts!.statements.append(PythonFacts.Statement(span: span(tokens[first].start, previousEnd), isString: isString))
    }

    /// `block: NEWLINE INDENT statements DEDENT | simple_stmts`
    mutating func parseBlock(after header: String, line: UInt32) throws {
        rule(.block)
        try enter()
        defer { leave() }
        if accept(.newline) {
            guard accept(.indent) else {
                throw error("expected an indented block after \(header) on line \(lineNumber(of: line))")
            }
            parseStatements(untilDedent: true)
            _ = accept(.dedent)
        } else {
            try parseSimpleStatements()
        }
    }

    /// `':' block` after a compound statement's header.
    mutating func parseSuite(after header: String, line: UInt32) throws {
        try expect(.colon, "expected ':'")
        try parseBlock(after: header, line: line)
    }

    // MARK: Statements

    /// `statement: compound_stmt | simple_stmts`
    mutating func parseStatement() throws {
        rule(.statement)
        switch kind {
        case .kwDef: try parseFunctionDefinition(decoratorsStart: nil, decorators: [], isAsync: false, start: token.start)
        case .kwIf: try parseIf()
        case .kwClass: try parseClassDefinition(decoratorsStart: nil, decorators: [])
        case .kwWith: try parseWith(start: token.start)
        case .kwFor: try parseFor(start: token.start)
        case .kwTry: try parseTry()
        case .kwWhile: try parseWhile()
        case .at: try parseDecorated()
        case .kwAsync: try parseAsync()
        case .name where atSoftKeyword("match"):
            if try !parseMatchIfPresent() { try parseSimpleStatements() }
        default: try parseSimpleStatements()
        }
    }

    /// `simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE`
    mutating func parseSimpleStatements() throws {
        rule(.simple_stmts)
        while true {
            try parseSimpleStatement()
            if accept(.semicolon) {
                if at(.newline) || at(.endOfFile) { break }
                continue
            }
            break
        }
        if !accept(.newline) && !at(.endOfFile) {
            throw invalidSyntax()
        }
    }

    mutating func parseSimpleStatement() throws {
        rule(.simple_stmt)
        let start = token.start
        switch kind {
        case .kwPass: advance()
        case .kwBreak: advance(); leaf(.break, start, previousEnd)
        case .kwContinue: advance(); leaf(.continue, start, previousEnd)
        case .kwReturn: try parseReturn()
        case .kwRaise: try parseRaise()
        case .kwImport: try parseImport()
        case .kwFrom: try parseFromImport()
        case .kwGlobal, .kwNonlocal: try parseGlobal()
        case .kwDel: try parseDel()
        case .kwAssert: try parseAssert()
        case .name where atSoftKeyword("type") && peek() == .name:
            try parseTypeAlias()
        default:
            try parseExpressionStatement()
        }
    }

    /// `assignment | star_expressions`: the target kinds are checked once the `=` is seen.
    mutating func parseExpressionStatement() throws {
        rule(.assignment)
        let first = try parseStarExpressions(allowYield: true)
        switch kind {
        case .equal:
            var target = first
            while accept(.equal) {
                try checkTarget(target, "assign to")
                if facts != nil, scopes.isEmpty, target.kind == .name { facts!.moduleNames.insert(text(target.start, target.end)) }
                if at(.kwYield) {
                    target = try parseYieldExpression()
                } else {
                    target = try parseStarExpressions(allowYield: false)
                }
            }
        case .colon:
            // `target: annotation [= value]`
            advance()
            if first.kind == .tuple && !first.parenthesized {
                throw error("only single target (not tuple) can be annotated", at: first.start)
            }
            if first.kind == .list || first.kind == .tuple {
                throw error("only single target (not \(first.kind.description)) can be annotated", at: first.start)
            }
            try checkTarget(first, "assign to")
            _ = try parseExpression()
            if accept(.equal) {
                if at(.kwYield) { _ = try parseYieldExpression() } else { _ = try parseStarExpressions(allowYield: false) }
            }
        default:
            if kind.isAugmentedAssignment {
                if first.kind != .name && first.kind != .attribute && first.kind != .subscript {
                    throw error("'\(first.kind.description)' is an illegal expression for augmented assignment", at: first.start)
                }
                advance()
                if at(.kwYield) { _ = try parseYieldExpression() } else { _ = try parseStarExpressions(allowYield: false) }
                return
            }
            if !at(.newline) && !at(.semicolon) && !at(.endOfFile), first.kind == .name, first.token >= 0 {
                let name = text(tokens[first.token])
                if (name == "print" || name == "exec") && startsExpression(kind) {
                    throw error("Missing parentheses in call to '\(name)'. Did you mean \(name)(...)?", at: first.start)
                }
            }
        }
    }

    mutating func checkTarget(_ target: Expr, _ verb: String) throws {
        if let bad = target.invalidTarget {
            let suffix = bad == .call || bad == .literal ? " here. Maybe you meant '==' instead of '='?" : ""
            throw error("cannot \(verb) \(bad.description)\(suffix)", at: target.start)
        }
    }

    /// Whether a token can begin an expression (for the `print "x"` message).
    func startsExpression(_ k: TokenKind) -> Bool {
        switch k {
        case .name, .number, .string, .fstringStart, .leftParen, .leftBracket, .leftBrace, .minus, .plus, .tilde,
             .kwNot, .kwLambda, .kwAwait, .kwNone, .kwTrue, .kwFalse, .ellipsis:
            return true
        default:
            return false
        }
    }

    mutating func parseReturn() throws {
        rule(.return_stmt)
        let start = token.start
        let node = open(.return, start)
        advance()
        if !at(.newline) && !at(.semicolon) && !at(.endOfFile) {
            _ = try parseStarExpressions(allowYield: false)
        }
        close(node)
    }

    mutating func parseRaise() throws {
        rule(.raise_stmt)
        let start = token.start
        let node = open(.raise, start)
        advance()
        var exception: Expr?
        var hasCause = false
        if !at(.newline) && !at(.semicolon) && !at(.endOfFile) {
            exception = try parseExpression()
            if accept(.kwFrom) {
                hasCause = true
                _ = try parseExpression()
            }
        }
        close(node)
        if facts != nil {
            facts!.raises.append(PythonFacts.Raise(span: span(start, previousEnd), exception: exception?.operand, hasCause: hasCause))
        }
    }

    mutating func parseGlobal() throws {
        rule(.global_stmt)
        let isGlobal = at(.kwGlobal)
        let start = token.start
        advance()
        repeat {
            try expect(.name, "expected a name")
        } while accept(.comma)
        leaf(isGlobal ? .global : .nonlocal, start, previousEnd)
    }

    mutating func parseDel() throws {
        rule(.del_stmt)
        let node = open(.delete, token.start)
        advance()
        repeat {
            if at(.newline) || at(.semicolon) { break }
            let target = try parseBitwiseOr()
            if let bad = target.invalidTarget {
                throw error("cannot delete \(bad.description)", at: target.start)
            }
            if target.kind == .starred { throw error("cannot delete starred", at: target.start) }
        } while accept(.comma)
        close(node)
    }

    mutating func parseAssert() throws {
        rule(.assert_stmt)
        let start = token.start
        let node = open(.assert, start)
        advance()
        let testStart = t
        let test = try parseExpression()
        let testEnd = t
        if accept(.comma) { _ = try parseExpression() }
        close(node)
        if facts != nil {
            var names: [String] = []
            for index in testStart..<testEnd where tokens[index].kind == .name { names.append(text(tokens[index])) }
            facts!.asserts.append(PythonFacts.Assert(span: span(start, previousEnd), test: test.operand, names: names))
        }
    }

    /// `type NAME [type_params] = expression` (3.12)
    mutating func parseTypeAlias() throws {
        rule(.type_alias)
        advance()
        try expect(.name)
        if at(.leftBracket) { try parseTypeParameters() }
        try expect(.equal, "expected '='")
        _ = try parseExpression()
    }

    // MARK: Imports

    mutating func parseDottedName() throws -> String {
        rule(.dotted_name)
        var parts: [String] = []
        repeat {
            guard at(.name) else { throw error("expected a module name") }
            parts.append(text(token))
            advance()
        } while accept(.dot)
        return parts.joined(separator: ".")
    }

    mutating func parseImport() throws {
        rule(.import_name)
        let offset = token.start
        advance()
        var found: [RawImport] = []
        repeat {
            let module = try parseDottedName()
            var alias: String?
            if accept(.kwAs) {
                guard at(.name) else { throw error("expected a name after 'as'") }
                alias = text(token)
                advance()
            }
            found.append(RawImport(module: module, level: 0, names: [], alias: alias, offset: offset, scope: scopes.last))
        } while accept(.comma)
        imports.append(contentsOf: found)
    }

    mutating func parseFromImport() throws {
        rule(.import_from)
        let offset = token.start
        advance()
        var level = 0
        while at(.dot) || at(.ellipsis) {
            level += at(.dot) ? 1 : 3
            advance()
        }
        var module = ""
        if !at(.kwImport) { module = try parseDottedName() }
        try expect(.kwImport, "expected 'import'")
        var names: [Import.Name] = []
        if accept(.star) {
            names.append(Import.Name(name: "*"))
        } else {
            let parenthesized = accept(.leftParen)
            repeat {
                if parenthesized && at(.rightParen) && !names.isEmpty { break }
                guard at(.name) else {
                    throw error(names.isEmpty ? "expected one or more names after 'import'" : "trailing comma not allowed without surrounding parentheses")
                }
                var name = Import.Name(name: text(token))
                advance()
                if accept(.kwAs) {
                    guard at(.name) else { throw error("expected a name after 'as'") }
                    name.alias = text(token)
                    advance()
                }
                names.append(name)
            } while accept(.comma)
            if parenthesized { try expect(.rightParen, "expected ')'") }
        }
        imports.append(RawImport(module: module, level: level, names: names, alias: nil, offset: offset, scope: scopes.last))
    }

    // MARK: Compound statements

    mutating func parseIf() throws {
        rule(.if_stmt)
        let line = token.start
        var node = open(.if, token.start)
        advance()
        let test = try parseNamedExpression()
        endHeader(node)
        try expect(.colon, "expected ':'")
        let bodyStart = token.start
        try parseBlock(after: "'if' statement", line: line)
        close(node)
        let branch = facts != nil ? facts!.branches.count : 0
        if facts != nil {
            facts!.branches.append(PythonFacts.Branch(keyword: span(line, line + 2), test: test.operand,
                                                      body: span(bodyStart, previousEnd), orElse: nil))
        }
        var sawElif = false
        while at(.kwElif) {
            rule(.elif_stmt)
            sawElif = true
            let elifStart = token.start
            node = open(.elseIf, elifStart)
            advance()
            let elifTest = try parseNamedExpression()
            endHeader(node)
            try expect(.colon, "expected ':'")
            let elifBody = token.start
            try parseBlock(after: "'elif' statement", line: line)
            close(node)
            if facts != nil {
                facts!.branches.append(PythonFacts.Branch(keyword: span(elifStart, elifStart + 4), test: elifTest.operand,
                                                          body: span(elifBody, previousEnd), orElse: nil))
            }
        }
        let elseStart = token.start
        let hasElse = at(.kwElse)
        try parseElse(after: "'else' statement")
        if facts != nil, hasElse, !sawElif {
            facts!.branches[branch].orElse = span(elseStart, previousEnd)
        }
    }

    /// The `else:` block, if any; returns its span (from `else`) for the facts.
    @discardableResult
    mutating func parseElse(after header: String) throws -> PythonFacts.Span? {
        guard at(.kwElse) else { return nil }
        rule(.else_block)
        let node = open(.else, token.start)
        let line = token.start
        advance()
        try parseSuite(after: header, line: line)
        close(node)
        return span(line, previousEnd)
    }

    mutating func parseWhile() throws {
        rule(.while_stmt)
        let line = token.start
        let node = open(.while, token.start)
        advance()
        _ = try parseNamedExpression()
        endHeader(node)
        try parseSuite(after: "'while' statement", line: line)
        close(node)
        if let orElse = try parseElse(after: "'else' statement"), facts != nil { facts!.loopElses.append(orElse) }
    }

    mutating func parseFor(start: UInt32) throws {
        rule(.for_stmt)
        let node = open(.for, start)
        advance()
        let target = try parseStarTargets()
        try checkTarget(target, "assign to")
        try expect(.kwIn, "expected 'in'")
        _ = try parseStarExpressions(allowYield: false)
        endHeader(node)
        try parseSuite(after: "'for' statement", line: start)
        close(node)
        if let orElse = try parseElse(after: "'else' statement"), facts != nil { facts!.loopElses.append(orElse) }
    }

    mutating func parseWith(start: UInt32) throws {
        rule(.with_stmt)
        let node = open(.with, start)
        advance()
        // `with (a as b, c as d):` (3.9) looks like a tuple until the `as`: try it first.
        var parsedParenthesized = false
        if at(.leftParen) {
            let saved = checkpoint()
            do {
                advance()
                repeat {
                    if at(.rightParen) { break }
                    try parseWithItem()
                } while accept(.comma)
                try expect(.rightParen)
                guard at(.colon) else { throw invalidSyntax() }
                parsedParenthesized = true
            } catch {
                restore(saved)
            }
        }
        if !parsedParenthesized {
            repeat { try parseWithItem() } while accept(.comma)
        }
        endHeader(node)
        try parseSuite(after: "'with' statement", line: start)
        close(node)
    }

    /// `with_item: expression ['as' star_target]`
    mutating func parseWithItem() throws {
        rule(.with_item)
        _ = try parseExpression()
        if accept(.kwAs) {
            let target = try parseStarTarget()
            try checkTarget(target, "assign to")
        }
    }

    mutating func parseTry() throws {
        rule(.try_stmt)
        let line = token.start
        let node = open(.try, token.start)
        advance()
        try parseSuite(after: "'try' statement", line: line)
        close(node)
        if facts != nil { facts!.tryBlocks.append(span(line, previousEnd)) }
        var handlers = 0
        var sawStar = false
        var sawPlain = false
        while at(.kwExcept) {
            rule(.except_block)
            let handler = open(.catch, token.start)
            let handlerLine = token.start
            let keywordEnd = token.end
            advance()
            var isStar = false
            var type: Expr?
            var boundName: String?
            if accept(.star) {
                isStar = true
                sawStar = true
                if at(.colon) { throw error("expected one or more exception types") }
            } else {
                sawPlain = true
            }
            if sawStar && sawPlain {
                throw error("cannot have both 'except' and 'except*' on the same 'try'", at: handlerLine)
            }
            if !at(.colon) {
                let first = try parseExpression()
                type = first
                if at(.comma) {
                    throw error("multiple exception types must be parenthesized")
                }
                if accept(.kwAs) {
                    if at(.name) { boundName = text(token) }
                    try expect(.name, "expected a name after 'as'")
                }
            }
            endHeader(handler)
            let headerEnd = previousEnd
            try expect(.colon, "expected ':'")
            let bodyStart = token.start
            try parseBlock(after: "'except' statement", line: handlerLine)
            close(handler)
            if facts != nil {
                facts!.handlers.append(PythonFacts.Handler(keyword: span(handlerLine, keywordEnd), isStar: isStar,
                                                           type: type?.operand, name: boundName, headerEnd: Int(headerEnd),
                                                           body: span(bodyStart, previousEnd)))
            }
            handlers += 1
        }
        if handlers > 0, let orElse = try parseElse(after: "'else' statement"), facts != nil { facts!.tryBlocks.append(orElse) }
        if at(.kwFinally) {
            rule(.finally_block)
            let finallyNode = open(.finally, token.start)
            let finallyLine = token.start
            advance()
            try parseSuite(after: "'finally' statement", line: finallyLine)
            close(finallyNode)
            if facts != nil { facts!.tryBlocks.append(span(finallyLine, previousEnd)) }
        } else if handlers == 0 {
            throw error("expected 'except' or 'finally' block")
        }
    }

    mutating func parseAsync() throws {
        let start = token.start
        switch peek() {
        case .kwDef:
            advance()
            try parseFunctionDefinition(decoratorsStart: nil, decorators: [], isAsync: true, start: start)
        case .kwWith:
            advance()
            try parseWith(start: start)
        case .kwFor:
            advance()
            try parseFor(start: start)
        default:
            advance()
            throw invalidSyntax()
        }
    }

    // MARK: Definitions

    /// `decorators: ('@' named_expression NEWLINE)+` then a function or class.
    mutating func parseDecorated() throws {
        rule(.decorators)
        let decoratorsStart = token.start
        var decorators: [String] = []
        while at(.at) {
            advance()
            let expression = try parseNamedExpression()
            decorators.append(text(expression.start, expression.end))
            try expect(.newline, "expected a newline after the decorator")
        }
        switch kind {
        case .kwDef:
            try parseFunctionDefinition(decoratorsStart: decoratorsStart, decorators: decorators, isAsync: false, start: token.start)
        case .kwAsync where peek() == .kwDef:
            let start = token.start
            advance()
            try parseFunctionDefinition(decoratorsStart: decoratorsStart, decorators: decorators, isAsync: true, start: start)
        case .kwClass:
            try parseClassDefinition(decoratorsStart: decoratorsStart, decorators: decorators)
        default:
            throw error("expected a function or class after the decorators")
        }
    }

    /// Registers a definition and makes it the current scope.
    mutating func beginDefinition(_ kind: Definition.Kind, name: String, start: UInt32, decoratorsStart: UInt32?,
                                  decorators: [String], isAsync: Bool) -> Int {
        var definitionKind = kind
        var qualifiedName = name
        if let parent = scopes.last {
            let outer = definitions[parent]
            if outer.kind == .class {
                qualifiedName = outer.qualifiedName + "." + name
                if kind == .function { definitionKind = .method }
            } else {
                qualifiedName = outer.qualifiedName + ".<locals>." + name
            }
        }
        definitions.append(RawDefinition(kind: definitionKind, name: name, qualifiedName: qualifiedName, start: start, end: start,
                                         decoratorsStart: decoratorsStart, parent: scopes.last, parameters: [],
                                         decorators: decorators, isAsync: isAsync))
        return definitions.count - 1
    }

    /// `function_def: 'def' NAME [type_params] '(' [params] ')' ['->' expression] ':' block`
    mutating func parseFunctionDefinition(decoratorsStart: UInt32?, decorators: [String], isAsync: Bool, start: UInt32) throws {
        rule(.function_def)
        advance()
        guard at(.name) else { throw error("expected a function name after 'def'") }
        let nameToken = token
        let name = text(nameToken)
        advance()
        let index = beginDefinition(.function, name: name, start: start, decoratorsStart: decoratorsStart,
                                    decorators: decorators, isAsync: isAsync)
        let node = open(.function, start, name: internName(nameToken.start, nameToken.end))
        let enclosing = scopes.last.map { definitions[$0].kind }
        scopes.append(index)
        defer { scopes.removeLast() }
        var functionFact = -1
        do {
            if at(.leftBracket) { try parseTypeParameters() }
            try expect(.leftParen, "expected '('")
            definitions[index].parameters = try parseParameters(closing: .rightParen)
            try expect(.rightParen, "expected ')'")
            if accept(.arrow) { _ = try parseExpression() }
            try expect(.colon, "expected ':'")
            endHeader(node)
            if facts != nil {
                functionFact = facts!.functions.count
                facts!.functions.append(PythonFacts.Function(
                    name: name, span: span(start, start), nameSpan: span(nameToken.start, nameToken.end),
                    parameters: parameterFacts, decorators: decorators, blockBody: at(.newline),
                    inClass: enclosing == .class, inFunction: enclosing != nil && enclosing != .class))
            }
        } catch let failure as ParseError {
            // A broken header: keep the function, and still read its body for nested definitions.
            record(failure)
            synchronize()
            close(node)
            definitions[index].end = previousEnd
            return
        }
        try parseBlock(after: "function definition", line: start)
        close(node)
        definitions[index].end = previousEnd
        if functionFact >= 0 { facts!.functions[functionFact].span.end = Int(previousEnd) }
    }

    /// `class_def: 'class' NAME [type_params] ['(' [arguments] ')'] ':' block`
    mutating func parseClassDefinition(decoratorsStart: UInt32?, decorators: [String]) throws {
        rule(.class_def)
        let start = token.start
        advance()
        guard at(.name) else { throw error("expected a class name after 'class'") }
        let nameToken = token
        advance()
        let index = beginDefinition(.class, name: text(nameToken), start: start, decoratorsStart: decoratorsStart,
                                    decorators: decorators, isAsync: false)
        let node = open(.class, start, name: internName(nameToken.start, nameToken.end))
        do {
            if at(.leftBracket) { try parseTypeParameters() }
            if accept(.leftParen) {
                try parseArguments(allowGenerator: false)
                try expect(.rightParen, "expected ')'")
            }
            try expect(.colon, "expected ':'")
            endHeader(node)
        } catch let failure as ParseError {
            record(failure)
            scopes.append(index)
            synchronize()
            scopes.removeLast()
            close(node)
            definitions[index].end = previousEnd
            return
        }
        scopes.append(index)
        defer { scopes.removeLast() }
        try parseBlock(after: "class definition", line: start)
        close(node)
        definitions[index].end = previousEnd
        if facts != nil { facts!.classes.append(span(start, previousEnd)) }
    }

    /// `type_params: '[' type_param (',' type_param)* [','] ']'` (PEP 695, defaults from PEP 696)
    mutating func parseTypeParameters() throws {
        rule(.type_params)
        try expect(.leftBracket)
        repeat {
            if at(.rightBracket) { break }
            let starred = accept(.star) || accept(.doubleStar)
            try expect(.name, "expected a type parameter name")
            if accept(.colon) {
                if starred { throw error("cannot use bound with a variadic type parameter") }
                _ = try parseExpression()
            }
            if accept(.equal) {
                if at(.star) { advance() }
                _ = try parseExpression()
            }
        } while accept(.comma)
        try expect(.rightBracket, "expected ']'")
    }

    /// `params` of `def` (closing `)`) and of `lambda` (closing `:`), with CPython's order rules:
    /// positional-only before `/`, no non-default after a default, names required after a bare `*`.
    mutating func parseParameters(closing: TokenKind) throws -> [Parameter] {
        rule(.parameters)
        let isLambda = closing == .colon
        var parameters: [Parameter] = []
        var sawDefault = false
        var sawSlash = false
        var sawStar = false
        var bareStarAt: UInt32?
        var sawDoubleStar = false
        let recording = facts != nil && !isLambda
        if recording { parameterFacts = [] }
        while !at(closing) {
            if sawDoubleStar { throw error("arguments cannot follow var-keyword argument") }
            if at(.slash) {
                if sawSlash { throw error("/ may appear only once") }
                if sawStar { throw error("/ must be ahead of *") }
                if parameters.isEmpty { throw error("at least one argument must precede /") }
                sawSlash = true
                advance()
                for index in parameters.indices { parameters[index].kind = .positionalOnly }
            } else if at(.star) {
                if sawStar { throw error("* argument may appear only once") }
                sawStar = true
                let starAt = token.start
                advance()
                if at(.comma) || at(closing) {
                    bareStarAt = starAt
                } else {
                    guard at(.name) else { throw error("expected a parameter name after '*'") }
                    var parameter = Parameter(name: text(token), kind: .variadic)
                    let nameSpan = span(token.start, token.end)
                    advance()
                    var annotationSpan: PythonFacts.Span?
                    if !isLambda && accept(.colon) {
                        // `*args: *Ts` (PEP 646)
                        let annotationStart = token.start
                        if accept(.star) { _ = try parseBitwiseOr() } else { _ = try parseExpression() }
                        parameter.annotation = text(annotationStart, previousEnd)
                        annotationSpan = span(annotationStart, previousEnd)
                    }
                    if recording {
                        parameterFacts.append(PythonFacts.Parameter(name: parameter.name, span: nameSpan, kind: .variadic,
                                                                    annotation: annotationSpan, defaultValue: nil))
                    }
                    if at(.equal) { throw error("var-positional argument cannot have default value") }
                    parameters.append(parameter)
                }
            } else if at(.doubleStar) {
                advance()
                guard at(.name) else { throw error("expected a parameter name after '**'") }
                var parameter = Parameter(name: text(token), kind: .variadicKeyword)
                let nameSpan = span(token.start, token.end)
                advance()
                var annotationSpan: PythonFacts.Span?
                if !isLambda && accept(.colon) {
                    let annotationStart = token.start
                    _ = try parseExpression()
                    parameter.annotation = text(annotationStart, previousEnd)
                    annotationSpan = span(annotationStart, previousEnd)
                }
                if recording {
                    parameterFacts.append(PythonFacts.Parameter(name: parameter.name, span: nameSpan, kind: .variadicKeyword,
                                                                annotation: annotationSpan, defaultValue: nil))
                }
                if at(.equal) { throw error("var-keyword argument cannot have default value") }
                parameters.append(parameter)
                sawDoubleStar = true
            } else if at(.name) {
                var parameter = Parameter(name: text(token), kind: sawStar ? .keywordOnly : .regular)
                let nameSpan = span(token.start, token.end)
                advance()
                var annotationSpan: PythonFacts.Span?
                if !isLambda && accept(.colon) {
                    let annotationStart = token.start
                    _ = try parseExpression()
                    parameter.annotation = text(annotationStart, previousEnd)
                    annotationSpan = span(annotationStart, previousEnd)
                }
                var defaultValue: Expr?
                defer {
                    if recording {
                        parameterFacts.append(PythonFacts.Parameter(name: parameter.name, span: nameSpan,
                                                                    kind: sawStar ? .keywordOnly : .regular,
                                                                    annotation: annotationSpan, defaultValue: defaultValue?.operand))
                    }
                }
                if accept(.equal) {
                    defaultValue = try parseExpression()
                    parameter.hasDefault = true
                    if !sawStar { sawDefault = true }
                } else if sawDefault && !sawStar {
                    throw error("non-default argument follows default argument")
                }
                parameters.append(parameter)
                bareStarAt = nil
            } else if at(.leftParen) {
                throw error(isLambda ? "Lambda expression parameters cannot be parenthesized" : "Function parameters cannot be parenthesized")
            } else {
                throw invalidSyntax()
            }
            if !accept(.comma) { break }
        }
        // Duplicate names are the compiler's error (symtable), not the parser's: CPython's `ast` accepts them.
        if let bareStarAt { throw error("named arguments must follow bare *", at: bareStarAt) }
        return parameters
    }
}
