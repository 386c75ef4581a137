/// The byte-level tokenizer: CPython's tokenizer rules (INDENT/DEDENT with tab consistency,
/// implicit joining inside brackets, backslash continuations, `\r\n` and `\r`, form feeds) and
/// PEP 701's f-string tokens (3.12: any quotes and nesting inside replacement fields).
///
/// It never stops at an error: a diagnostic is recorded and lexing goes on, so the parser can
/// still recover every definition of a broken file.
struct Lexer {
    struct Problem {
        var offset: Int
        var message: String
    }

    /// What the innermost open construct is; decides how the next bytes are read.
    private enum Context {
        case bracket(opener: UInt8, offset: Int)
        /// The literal part of an f-string.
        case fstring(quote: UInt8, triple: Bool, raw: Bool, offset: Int)
        /// Inside `{…}` of an f-string: ordinary tokens.
        case field(offset: Int)
        /// After the `:` of a replacement field: literal text with nested fields.
        case formatSpec
    }

    static let maximumBracketDepth = 200
    static let maximumIndentLevels = 100

    private let p: UnsafeBufferPointer<UInt8>
    /// Source length; `p` holds at least 4 zero bytes past it so peeking ahead needs no checks.
    private let n: Int
    private var i = 0
    private(set) var tokens: [Token] = []
    private(set) var comments: [(start: UInt32, end: UInt32)] = []
    private(set) var problems: [Problem] = []

    private var indents: [Int] = [0]
    private var altIndents: [Int] = [0]
    private var contexts: [Context] = []
    private var atLineStart = true
    private var lineHasTokens = false

    /// `source` must be followed by at least 4 zero bytes (see `PythonParser.parse`).
    init(source: UnsafeBufferPointer<UInt8>, length: Int, tokenCapacity: Int = 0) {
        p = source
        n = length
        tokens.reserveCapacity(tokenCapacity)
    }

    mutating func run() {
        while true {
            if let top = contexts.last {
                switch top {
                case .fstring(let quote, let triple, let raw, _):
                    lexFStringLiteral(quote: quote, triple: triple, raw: raw)
                    continue
                case .formatSpec:
                    lexFormatSpec()
                    continue
                default:
                    break
                }
            } else if atLineStart {
                atLineStart = false
                if !lexIndentation() { continue }
            }
            if i >= n {
                finish()
                return
            }
            lexToken()
        }
    }

    // MARK: Lines and indentation

    /// Measures the indentation of a new line and emits INDENT/DEDENT. Returns false for a blank
    /// or comment-only line, which is skipped entirely.
    private mutating func lexIndentation() -> Bool {
        var column = 0
        var alternate = 0
        var j = i
        // CPython's two measures: tabs to multiples of 8, and tabs as 1; a form feed resets both.
        scan: while j < n {
            switch p[j] {
            case UInt8(ascii: " "): column += 1; alternate += 1
            case UInt8(ascii: "\t"): column = (column / 8 + 1) * 8; alternate += 1
            case 0x0C: column = 0; alternate = 0
            default: break scan
            }
            j += 1
        }
        i = j
        if j >= n { return true }
        let c = p[j]
        if c == UInt8(ascii: "#") || c == 0x0A || c == 0x0D {
            if c == UInt8(ascii: "#") { lexComment() }
            if i < n { skipNewline() }
            atLineStart = true
            return false
        }
        if c == UInt8(ascii: "\\") && (p[j + 1] == 0x0A || p[j + 1] == 0x0D) {
            // A continuation on an otherwise empty line: CPython treats the joined line as this one.
            return true
        }
        let last = indents[indents.count - 1]
        if column == last {
            if alternate != altIndents[altIndents.count - 1] { tabError(at: j) }
        } else if column > last {
            if indents.count >= Lexer.maximumIndentLevels {
                problem(at: j, "too many levels of indentation")
            }
            if alternate <= altIndents[altIndents.count - 1] { tabError(at: j) }
            indents.append(column)
            altIndents.append(alternate)
            emit(.indent, j, j)
        } else {
            while indents.count > 1 && column < indents[indents.count - 1] {
                indents.removeLast()
                altIndents.removeLast()
                emit(.dedent, j, j)
            }
            if column != indents[indents.count - 1] {
                problem(at: j, "unindent does not match any outer indentation level")
            } else if alternate != altIndents[altIndents.count - 1] {
                tabError(at: j)
            }
        }
        return true
    }

    private mutating func tabError(at offset: Int) {
        problem(at: offset, "inconsistent use of tabs and spaces in indentation")
    }

    /// Consumes one `\n`, `\r\n` or `\r`.
    @inline(__always)
    private mutating func skipNewline() {
        if p[i] == 0x0D {
            i += 1
            if p[i] == 0x0A && i < n { i += 1 }
        } else {
            i += 1
        }
    }

    private mutating func finish() {
        // Every open bracket at the end of the file is an error CPython names by its opener.
        for context in contexts {
            switch context {
            case .bracket(let opener, let offset):
                problem(at: offset, "'\(Character(Unicode.Scalar(opener)))' was never closed")
            case .field(let offset):
                problem(at: offset, "f-string: expecting '}'")
            default:
                break
            }
        }
        contexts.removeAll()
        if lineHasTokens { emit(.newline, n, n) }
        while indents.count > 1 {
            indents.removeLast()
            emit(.dedent, n, n)
        }
        tokens.append(Token(kind: .endOfFile, flags: 0, start: UInt32(n), end: UInt32(n)))
    }

    @inline(__always)
    private mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int, flags: UInt8 = 0) {
        tokens.append(Token(kind: kind, flags: flags, start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: end)))
        if kind != .newline && kind != .indent && kind != .dedent { lineHasTokens = true }
    }

    private mutating func problem(at offset: Int, _ message: String) {
        problems.append(Problem(offset: offset, message: message))
    }

    private var insideBrackets: Bool { !contexts.isEmpty }

    // MARK: Ordinary tokens

    private mutating func lexToken() {
        let c = p[i]
        switch c {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
            i += 1
        case 0x0A, 0x0D:
            lexNewline()
        case UInt8(ascii: "#"):
            lexComment()
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            lexName()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            lexNumber()
        case UInt8(ascii: "."):
            if p[i + 1] >= UInt8(ascii: "0") && p[i + 1] <= UInt8(ascii: "9") {
                lexNumber()
            } else if p[i + 1] == UInt8(ascii: ".") && p[i + 2] == UInt8(ascii: ".") {
                emit(.ellipsis, i, i + 3); i += 3
            } else {
                emit(.dot, i, i + 1); i += 1
            }
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            lexString(prefixStart: i, flags: 0)
        case UInt8(ascii: "\\"):
            let next = p[i + 1]
            if next == 0x0A || next == 0x0D {
                i += 1
                skipNewline()
                if i >= n { problem(at: i, "unexpected EOF while parsing") }
            } else {
                problem(at: i, "unexpected character after line continuation character")
                emit(.error, i, i + 1)
                i += 1
            }
        case 0:
            if i < n {
                problem(at: i, "source code cannot contain null bytes")
                emit(.error, i, i + 1)
            }
            i += 1
        case 0x80...0xFF:
            lexNonASCII()
        default:
            lexPunctuation(c)
        }
    }

    private mutating func lexNewline() {
        if !insideBrackets {
            if lineHasTokens {
                let start = i
                skipNewline()
                emit(.newline, start, i)
                lineHasTokens = false
            } else {
                skipNewline()
            }
            atLineStart = true
            return
        }
        skipNewline()
        recoverFromUnclosedBracket()
    }

    /// A line inside brackets that starts with a keyword no expression can contain (`def`,
    /// `return`, `import`, …) means the outermost bracket was never closed: close everything
    /// there, so one missing `)` does not swallow the rest of the file.
    private mutating func recoverFromUnclosedBracket() {
        guard case .bracket(let opener, let offset) = contexts[0] else { return }
        for context in contexts { if case .bracket = context {} else { return } }
        var j = i
        while j < n, p[j] == UInt8(ascii: " ") || p[j] == UInt8(ascii: "\t") || p[j] == 0x0C { j += 1 }
        var end = j
        while end < n, isIdentifierByte(p[end]) { end += 1 }
        guard end > j else { return }
        let kind = Keywords.kind(p, j, end)
        switch kind {
        case .kwDef, .kwClass, .kwReturn, .kwImport, .kwWhile, .kwTry, .kwExcept, .kwFinally, .kwWith,
             .kwRaise, .kwPass, .kwBreak, .kwContinue, .kwGlobal, .kwNonlocal, .kwDel, .kwAssert, .kwElif:
            problem(at: offset, "'\(Character(Unicode.Scalar(opener)))' was never closed")
            contexts.removeAll()
            emit(.newline, i, i)
            lineHasTokens = false
            atLineStart = true
        default:
            return
        }
    }

    private mutating func lexComment() {
        let start = i
        while i < n, p[i] != 0x0A, p[i] != 0x0D { i += 1 }
        comments.append((UInt32(start), UInt32(i)))
    }

    @inline(__always)
    private func isIdentifierByte(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c >= 0x80
    }

    private mutating func lexName() {
        let start = i
        i += 1
        while true {
            let c = p[i]
            if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") {
                i += 1
            } else if c >= 0x80 {
                if !continueNonASCIIIdentifier() { break }
            } else {
                break
            }
        }
        let q = p[i]
        if (q == UInt8(ascii: "'") || q == UInt8(ascii: "\"")) && i - start <= 2, let flags = stringPrefix(start, i) {
            lexString(prefixStart: start, flags: flags)
            return
        }
        emit(Keywords.kind(p, start, i), start, i)
    }

    /// Flags for a valid string prefix (`rb`, `F`, `u`, …), nil when the letters are not one.
    private func stringPrefix(_ start: Int, _ end: Int) -> UInt8? {
        var flags: UInt8 = 0
        for j in start..<end {
            switch p[j] | 0x20 {
            case UInt8(ascii: "r"): if flags & Token.rawFlag != 0 { return nil }; flags |= Token.rawFlag
            case UInt8(ascii: "b"): if flags & (Token.bytesFlag | Token.formatFlag) != 0 { return nil }; flags |= Token.bytesFlag
            case UInt8(ascii: "f"): if flags & (Token.bytesFlag | Token.formatFlag) != 0 { return nil }; flags |= Token.formatFlag
            case UInt8(ascii: "u"): if end - start != 1 { return nil }
            default: return nil
            }
        }
        return flags
    }

    /// Decodes the UTF-8 scalar at `i`; returns it and its length.
    private func scalar(at j: Int) -> (Unicode.Scalar?, Int) {
        let b0 = p[j]
        var length = 1
        var value: UInt32
        if b0 & 0xE0 == 0xC0 { length = 2; value = UInt32(b0 & 0x1F) }
        else if b0 & 0xF0 == 0xE0 { length = 3; value = UInt32(b0 & 0x0F) }
        else if b0 & 0xF8 == 0xF0 { length = 4; value = UInt32(b0 & 0x07) }
        else { return (nil, 1) }
        for k in 1..<length {
            guard j + k < n else { return (nil, 1) }
            value = value << 6 | UInt32(p[j + k] & 0x3F)
        }
        return (Unicode.Scalar(value), length)
    }

    private mutating func continueNonASCIIIdentifier() -> Bool {
        let (scalar, length) = scalar(at: i)
        guard let scalar, scalar.properties.isXIDContinue else { return false }
        i += length
        return true
    }

    private mutating func lexNonASCII() {
        let (scalar, length) = scalar(at: i)
        if let scalar, scalar.properties.isXIDStart {
            let start = i
            i += length
            while true {
                let c = p[i]
                if isIdentifierByte(c) && c < 0x80 { i += 1 }
                else if c >= 0x80 { if !continueNonASCIIIdentifier() { break } }
                else { break }
            }
            emit(.name, start, i)
            return
        }
        if let scalar {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            problem(at: i, "invalid character '\(Character(scalar))' (U+\(code))")
        } else {
            problem(at: i, "invalid non-UTF-8 byte")
        }
        emit(.error, i, i + length)
        i += length
    }

    // MARK: Numbers

    @inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private mutating func lexNumber() {
        let start = i
        var flags: UInt8 = 0
        var kindName = "decimal"
        if p[i] == UInt8(ascii: "0"), case let x = p[i + 1] | 0x20,
           x == UInt8(ascii: "x") || x == UInt8(ascii: "o") || x == UInt8(ascii: "b") {
            i += 2
            kindName = x == UInt8(ascii: "x") ? "hexadecimal" : x == UInt8(ascii: "o") ? "octal" : "binary"
            let valid: (UInt8) -> Bool
            switch x {
            case UInt8(ascii: "x"): valid = { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }
            case UInt8(ascii: "o"): valid = { $0 >= 48 && $0 <= 55 }
            default: valid = { $0 == 48 || $0 == 49 }
            }
            var digits = 0
            while true {
                if p[i] == UInt8(ascii: "_") { i += 1 }
                guard valid(p[i]) else { break }
                while valid(p[i]) { i += 1; digits += 1 }
                if p[i] != UInt8(ascii: "_") { break }
            }
            if digits == 0 || p[i - 1] == UInt8(ascii: "_") || isDigit(p[i]) {
                problem(at: start, "invalid \(kindName) literal")
                while isIdentifierByte(p[i]) { i += 1 }
            }
        } else {
            var isFloat = false
            let integerDigits = scanDigits()
            if p[i] == UInt8(ascii: ".") && !(p[i + 1] == UInt8(ascii: ".") && p[i + 2] == UInt8(ascii: ".")) {
                isFloat = true
                i += 1
                if isDigit(p[i]) { _ = scanDigits() }
            }
            if p[i] | 0x20 == UInt8(ascii: "e") {
                var j = i + 1
                if p[j] == UInt8(ascii: "+") || p[j] == UInt8(ascii: "-") { j += 1 }
                if isDigit(p[j]) {
                    i = j
                    isFloat = true
                    _ = scanDigits()
                }
            }
            if p[i] | 0x20 == UInt8(ascii: "j") {
                isFloat = true
                flags = Token.imaginaryFlag
                i += 1
            }
            if !isFloat, integerDigits > 1, p[start] == UInt8(ascii: "0") {
                let nonZero = (start..<i).contains { p[$0] != UInt8(ascii: "0") && p[$0] != UInt8(ascii: "_") }
                if nonZero {
                    problem(at: start, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
                }
            }
        }
        // `1if x else y` is accepted (with a warning) for the keywords CPython allows there.
        let c = p[i]
        if isIdentifierByte(c) {
            var end = i
            while isIdentifierByte(p[end]) && end < n { end += 1 }
            let allowed = ["and", "else", "for", "if", "in", "is", "not", "or"].contains { word in
                let w = Array(word.utf8)
                return i + w.count <= n && (0..<w.count).allSatisfy { p[i + $0] == w[$0] }
            }
            if !allowed {
                problem(at: start, "invalid \(kindName) literal")
                i = end
            }
        }
        emit(.number, start, i, flags: flags)
    }

    /// Digits with single underscores between them; an underscore anywhere else is an error.
    private mutating func scanDigits() -> Int {
        var count = 0
        while true {
            while isDigit(p[i]) { i += 1; count += 1 }
            if p[i] == UInt8(ascii: "_") {
                if isDigit(p[i + 1]) { i += 1; continue }
                problem(at: i, "invalid decimal literal")
                i += 1
            }
            return count
        }
    }

    // MARK: Punctuation

    private mutating func lexPunctuation(_ c: UInt8) {
        let start = i
        let c1 = p[i + 1]
        let c2 = p[i + 2]
        var kind = TokenKind.error
        var length = 1
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            kind = c == UInt8(ascii: "(") ? .leftParen : c == UInt8(ascii: "[") ? .leftBracket : .leftBrace
            if contexts.count >= Lexer.maximumBracketDepth {
                problem(at: i, "too many nested parentheses")
            }
            contexts.append(.bracket(opener: c, offset: i))
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            kind = c == UInt8(ascii: ")") ? .rightParen : c == UInt8(ascii: "]") ? .rightBracket : .rightBrace
            closeBracket(c)
        case UInt8(ascii: ":"):
            if case .field = contexts.last {
                // At a replacement field's own level a colon always starts the format spec.
                emit(.colon, i, i + 1)
                i += 1
                contexts.append(.formatSpec)
                return
            }
            if c1 == UInt8(ascii: "=") { kind = .colonEqual; length = 2 } else { kind = .colon }
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "+"): (kind, length) = c1 == 61 ? (.plusEqual, 2) : (.plus, 1)
        case UInt8(ascii: "-"):
            if c1 == 61 { (kind, length) = (.minusEqual, 2) }
            else if c1 == UInt8(ascii: ">") { (kind, length) = (.arrow, 2) }
            else { kind = .minus }
        case UInt8(ascii: "*"):
            if c1 == UInt8(ascii: "*") { (kind, length) = c2 == 61 ? (.doubleStarEqual, 3) : (.doubleStar, 2) }
            else { (kind, length) = c1 == 61 ? (.starEqual, 2) : (.star, 1) }
        case UInt8(ascii: "/"):
            if c1 == UInt8(ascii: "/") { (kind, length) = c2 == 61 ? (.doubleSlashEqual, 3) : (.doubleSlash, 2) }
            else { (kind, length) = c1 == 61 ? (.slashEqual, 2) : (.slash, 1) }
        case UInt8(ascii: "%"): (kind, length) = c1 == 61 ? (.percentEqual, 2) : (.percent, 1)
        case UInt8(ascii: "@"): (kind, length) = c1 == 61 ? (.atEqual, 2) : (.at, 1)
        case UInt8(ascii: "|"): (kind, length) = c1 == 61 ? (.vbarEqual, 2) : (.vbar, 1)
        case UInt8(ascii: "&"): (kind, length) = c1 == 61 ? (.amperEqual, 2) : (.amper, 1)
        case UInt8(ascii: "^"): (kind, length) = c1 == 61 ? (.circumflexEqual, 2) : (.circumflex, 1)
        case UInt8(ascii: "~"): kind = .tilde
        case UInt8(ascii: "<"):
            if c1 == UInt8(ascii: "<") { (kind, length) = c2 == 61 ? (.leftShiftEqual, 3) : (.leftShift, 2) }
            else if c1 == 61 { (kind, length) = (.lessEqual, 2) }
            else if c1 == UInt8(ascii: ">") {
                problem(at: i, "invalid syntax ('<>' is not Python 3)")
                (kind, length) = (.notEqual, 2)
            }
            else { kind = .less }
        case UInt8(ascii: ">"):
            if c1 == UInt8(ascii: ">") { (kind, length) = c2 == 61 ? (.rightShiftEqual, 3) : (.rightShift, 2) }
            else { (kind, length) = c1 == 61 ? (.greaterEqual, 2) : (.greater, 1) }
        case UInt8(ascii: "="): (kind, length) = c1 == 61 ? (.equalEqual, 2) : (.equal, 1)
        case UInt8(ascii: "!"): (kind, length) = c1 == 61 ? (.notEqual, 2) : (.exclamation, 1)
        default:
            problem(at: i, "invalid character '\(Character(Unicode.Scalar(c)))' (U+\(String(format: c)))")
        }
        i += length
        emit(kind, start, i)
    }

    private mutating func closeBracket(_ closer: UInt8) {
        guard let top = contexts.last else {
            problem(at: i, "unmatched '\(Character(Unicode.Scalar(closer)))'")
            return
        }
        switch top {
        case .bracket(let opener, _):
            let expected: UInt8 = opener == UInt8(ascii: "(") ? UInt8(ascii: ")") : opener == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            if expected != closer {
                problem(at: i, "closing parenthesis '\(Character(Unicode.Scalar(closer)))' does not match opening parenthesis '\(Character(Unicode.Scalar(opener)))'")
            }
            contexts.removeLast()
        case .field:
            if closer == UInt8(ascii: "}") {
                contexts.removeLast()
            } else {
                problem(at: i, "f-string: unmatched '\(Character(Unicode.Scalar(closer)))'")
            }
        default:
            break
        }
    }

    // MARK: Strings

    private mutating func lexString(prefixStart: Int, flags prefixFlags: UInt8) {
        let quote = p[i]
        var flags = prefixFlags
        let triple = p[i + 1] == quote && p[i + 2] == quote
        if triple { flags |= Token.tripleFlag }
        i += triple ? 3 : 1
        if flags & Token.formatFlag != 0 {
            emit(.fstringStart, prefixStart, i, flags: flags)
            contexts.append(.fstring(quote: quote, triple: triple, raw: flags & Token.rawFlag != 0, offset: prefixStart))
            return
        }
        let isBytes = flags & Token.bytesFlag != 0
        var reportedNonASCII = false
        while true {
            let c = p[i]
            if i >= n {
                problem(at: prefixStart, triple ? "unterminated triple-quoted string literal" : "unterminated string literal")
                break
            }
            if c == quote {
                if !triple { i += 1; break }
                if p[i + 1] == quote && p[i + 2] == quote { i += 3; break }
                i += 1
            } else if c == UInt8(ascii: "\\") {
                i += 1
                if p[i] == 0x0D && p[i + 1] == 0x0A { i += 2 } else if i < n { i += 1 }
            } else if (c == 0x0A || c == 0x0D) && !triple {
                problem(at: prefixStart, "unterminated string literal")
                break
            } else {
                if c >= 0x80 && isBytes && !reportedNonASCII {
                    problem(at: i, "bytes can only contain ASCII literal characters")
                    reportedNonASCII = true
                }
                i += 1
            }
        }
        emit(.string, prefixStart, i, flags: flags)
    }

    /// The literal part of an f-string, up to a replacement field or the closing quote.
    private mutating func lexFStringLiteral(quote: UInt8, triple: Bool, raw: Bool) {
        let start = i
        while true {
            let c = p[i]
            if i >= n {
                emitMiddle(start, i)
                problem(at: start, triple ? "unterminated triple-quoted f-string literal" : "unterminated f-string literal")
                contexts.removeLast()
                emit(.fstringEnd, i, i)
                return
            }
            if c == quote && (!triple || (p[i + 1] == quote && p[i + 2] == quote)) {
                emitMiddle(start, i)
                let length = triple ? 3 : 1
                emit(.fstringEnd, i, i + length)
                i += length
                contexts.removeLast()
                return
            }
            switch c {
            case UInt8(ascii: "{"):
                if p[i + 1] == UInt8(ascii: "{") { i += 2; continue }
                emitMiddle(start, i)
                openField()
                return
            case UInt8(ascii: "}"):
                if p[i + 1] == UInt8(ascii: "}") { i += 2; continue }
                problem(at: i, "f-string: single '}' is not allowed")
                i += 1
            case UInt8(ascii: "\\") where !raw:
                if p[i + 1] == UInt8(ascii: "N") && p[i + 2] == UInt8(ascii: "{") {
                    // `\N{NAME}` is an escape, not a replacement field.
                    i += 3
                    while i < n, p[i] != UInt8(ascii: "}"), p[i] != quote, p[i] != 0x0A { i += 1 }
                    if p[i] == UInt8(ascii: "}") { i += 1 }
                } else if p[i + 1] == UInt8(ascii: "{") || p[i + 1] == UInt8(ascii: "}") {
                    i += 1
                } else {
                    i += 2
                }
            case UInt8(ascii: "\\"):
                // Raw f-strings: a backslash still keeps the next quote inside the string.
                if p[i + 1] == quote || p[i + 1] == UInt8(ascii: "\\") { i += 2 } else { i += 1 }
            case 0x0A where !triple, 0x0D where !triple:
                emitMiddle(start, i)
                problem(at: start, "unterminated f-string literal")
                contexts.removeLast()
                emit(.fstringEnd, i, i)
                return
            default:
                i += 1
            }
        }
    }

    private mutating func openField() {
        emit(.leftBrace, i, i + 1)
        contexts.append(.field(offset: i))
        i += 1
    }

    /// Format-spec text after `:` in a field: ends at the field's `}`; `{` opens a nested field.
    private mutating func lexFormatSpec() {
        let start = i
        var quote: UInt8 = 0
        var triple = false
        for context in contexts.reversed() {
            if case .fstring(let q, let t, _, _) = context { quote = q; triple = t; break }
        }
        while true {
            let c = p[i]
            if i >= n || ((c == 0x0A || c == 0x0D) && !triple) || (c == quote && (!triple || (p[i + 1] == quote && p[i + 2] == quote))) {
                emitMiddle(start, i)
                problem(at: start, "f-string: expecting '}'")
                // Unwind to the f-string so its closing quote is still recognised.
                contexts.removeLast()
                if case .field = contexts.last { contexts.removeLast() }
                return
            }
            if c == UInt8(ascii: "{") {
                if p[i + 1] == UInt8(ascii: "{") { i += 2; continue }
                emitMiddle(start, i)
                openField()
                return
            }
            if c == UInt8(ascii: "}") {
                emitMiddle(start, i)
                contexts.removeLast()
                if case .field = contexts.last { contexts.removeLast() }
                emit(.rightBrace, i, i + 1)
                i += 1
                return
            }
            i += 1
        }
    }

    @inline(__always)
    private mutating func emitMiddle(_ start: Int, _ end: Int) {
        if end > start { emit(.fstringMiddle, start, end) }
    }
}

private extension String {
    init(format byte: UInt8) {
        let hex = String(byte, radix: 16, uppercase: true)
        self = String(repeating: "0", count: 4 - hex.count) + hex
    }
}
