import CodeModel

extension PythonParser {
    /// `match` is a soft keyword: this is a match statement only if `match subject ':' NEWLINE`
    /// parses; otherwise the caller reads the line as an ordinary statement (`match = 1`).
    mutating func parseMatchIfPresent() throws -> Bool {
        let next = peek()
        guard startsExpression(next) || next == .star else { return false }
        let saved = checkpoint()
        let start = token.start
        let node = open(.match, start)
        advance()
        do {
            _ = try parseSubject()
            guard at(.colon), peek() == .newline else { throw invalidSyntax() }
            endHeader(node)
        } catch {
            restore(saved)
            return false
        }
        rule(.match_stmt)
        advance()
        advance()
        guard accept(.indent) else { throw error("expected an indented block after 'match' statement") }
        var cases = 0
        while atSoftKeyword("case") {
            try parseCase()
            cases += 1
        }
        if cases == 0 { throw error("expected 'case' block") }
        guard accept(.dedent) || at(.endOfFile) else { throw invalidSyntax() }
        close(node)
        return true
    }

    /// `subject_expr: star_named_expression ',' star_named_expressions? | named_expression`
    mutating func parseSubject() throws -> Expr {
        let first = try parseStarNamedExpression()
        guard at(.comma) else { return first }
        while accept(.comma) {
            if at(.colon) { break }
            _ = try parseStarNamedExpression()
        }
        return Expr(.tuple, first.start, previousEnd)
    }

    /// `case_block: "case" patterns [guard] ':' block`
    mutating func parseCase() throws {
        rule(.case_block)
        let start = token.start
        let node = open(.case, start)
        advance()
        try parsePatterns()
        if at(.kwIf) {
            let guardNode = open(.caseGuard, token.start)
            advance()
            _ = try parseNamedExpression()
            close(guardNode)
        }
        endHeader(node)
        try parseSuite(after: "'case' statement", line: start)
        close(node)
    }

    /// `patterns: open_sequence_pattern | pattern`
    mutating func parsePatterns() throws {
        rule(.patterns)
        try parseMaybeStarPattern()
        while accept(.comma) {
            if at(.colon) || at(.kwIf) { break }
            try parseMaybeStarPattern()
        }
    }

    /// `maybe_star_pattern: '*' NAME | pattern`
    mutating func parseMaybeStarPattern() throws {
        if accept(.star) {
            try expect(.name, "expected a name after '*' in a pattern")
            return
        }
        try parsePattern()
    }

    /// `pattern: or_pattern ['as' NAME]`
    mutating func parsePattern() throws {
        rule(.pattern)
        try enter()
        defer { leave() }
        try parseOrPattern()
        if accept(.kwAs) {
            guard at(.name) else { throw error("invalid pattern target") }
            if atSoftKeyword("_") { throw error("cannot use '_' as a target") }
            advance()
        }
    }

    /// `or_pattern: closed_pattern ('|' closed_pattern)*`
    mutating func parseOrPattern() throws {
        rule(.or_pattern)
        try parseClosedPattern()
        while accept(.vbar) { try parseClosedPattern() }
    }

    /// Literal, capture, wildcard, value, group, sequence, mapping and class patterns.
    mutating func parseClosedPattern() throws {
        rule(.closed_pattern)
        switch kind {
        case .number, .minus:
            try parseSignedNumber()
            if at(.plus) || at(.minus) {
                advance()
                guard at(.number), token.flags & Token.imaginaryFlag != 0 else {
                    throw error("imaginary number required in complex literal")
                }
                advance()
            }
        case .string, .fstringStart:
            // An f-string here is the compiler's error, not the parser's: `ast.parse` accepts it.
            _ = try parseStrings()
        case .kwNone, .kwTrue, .kwFalse:
            advance()
        case .name:
            advance()
            while accept(.dot) { try expect(.name, "expected a name after '.'") }
            if at(.leftParen) { try parseClassPattern() }
        case .leftParen:
            rule(.sequence_pattern)
            advance()
            if accept(.rightParen) { return }
            try parseMaybeStarPattern()
            while accept(.comma) {
                if at(.rightParen) { break }
                try parseMaybeStarPattern()
            }
            try expect(.rightParen, "expected ')'")
        case .leftBracket:
            rule(.sequence_pattern)
            advance()
            while !at(.rightBracket) {
                try parseMaybeStarPattern()
                if !accept(.comma) { break }
            }
            try expect(.rightBracket, "expected ']'")
        case .leftBrace:
            try parseMappingPattern()
        default:
            throw invalidSyntax()
        }
    }

    mutating func parseSignedNumber() throws {
        _ = accept(.minus)
        try expect(.number, "expected a number")
    }

    /// `'{' (key ':' pattern ',')* ['**' NAME] '}'`; keys are literals or dotted names.
    mutating func parseMappingPattern() throws {
        rule(.mapping_pattern)
        advance()
        while !at(.rightBrace) {
            if accept(.doubleStar) {
                try expect(.name, "expected a name after '**'")
                _ = accept(.comma)
                break
            }
            switch kind {
            case .number, .minus, .string, .kwNone, .kwTrue, .kwFalse:
                try parseClosedPattern()
            case .name:
                advance()
                guard at(.dot) else { throw error("mapping pattern keys may only match literals and attribute lookups") }
                while accept(.dot) { try expect(.name) }
            default:
                throw error("mapping pattern keys may only match literals and attribute lookups")
            }
            try expect(.colon, "expected ':'")
            try parsePattern()
            if !accept(.comma) { break }
        }
        try expect(.rightBrace, "expected '}'")
    }

    /// `name_or_attr '(' [pattern (',' pattern)*] [NAME '=' pattern (',' …)*] ')'`
    mutating func parseClassPattern() throws {
        rule(.class_pattern)
        advance()
        var sawKeyword = false
        while !at(.rightParen) {
            if at(.name) && peek() == .equal {
                advance()
                advance()
                try parsePattern()
                sawKeyword = true
            } else {
                if sawKeyword { throw error("positional patterns follow keyword patterns") }
                try parsePattern()
            }
            if !accept(.comma) { break }
        }
        try expect(.rightParen, "expected ')'")
    }
}
