/// One token: a kind and a byte range into the decoded source. 12 bytes, stored in one flat array
/// per file that the parser indexes freely (lookahead and backtracking are just index moves).
struct Token {
    var kind: TokenKind
    var flags: UInt8
    var start: UInt32
    var end: UInt32

    /// `flags` of `.string` and `.fstringStart` tokens.
    static let bytesFlag: UInt8 = 1
    static let rawFlag: UInt8 = 2
    static let formatFlag: UInt8 = 4
    static let tripleFlag: UInt8 = 8
    /// `flags` of a `.number`: imaginary literals, which the complex-literal pattern needs.
    static let imaginaryFlag: UInt8 = 16
}

enum TokenKind: UInt8 {
    case endOfFile, newline, indent, dedent, name, number, string
    case fstringStart, fstringMiddle, fstringEnd
    /// A character the language does not have; the lexer already reported it.
    case error

    // Keywords (soft keywords `match`, `case`, `type`, `_` stay names).
    case kwFalse, kwNone, kwTrue, kwAnd, kwAs, kwAssert, kwAsync, kwAwait, kwBreak, kwClass
    case kwContinue, kwDef, kwDel, kwElif, kwElse, kwExcept, kwFinally, kwFor, kwFrom, kwGlobal
    case kwIf, kwImport, kwIn, kwIs, kwLambda, kwNonlocal, kwNot, kwOr, kwPass, kwRaise
    case kwReturn, kwTry, kwWhile, kwWith, kwYield

    // Punctuation.
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case colon, comma, semicolon, dot, ellipsis, arrow, equal, colonEqual, exclamation

    // Operators.
    case plus, minus, star, slash, doubleSlash, percent, doubleStar, at, vbar, amper, circumflex
    case tilde, leftShift, rightShift
    case less, greater, lessEqual, greaterEqual, equalEqual, notEqual

    // Augmented assignment.
    case plusEqual, minusEqual, starEqual, slashEqual, doubleSlashEqual, percentEqual
    case doubleStarEqual, atEqual, vbarEqual, amperEqual, circumflexEqual, leftShiftEqual, rightShiftEqual

    var isKeyword: Bool { rawValue >= TokenKind.kwFalse.rawValue && rawValue <= TokenKind.kwYield.rawValue }
    var isAugmentedAssignment: Bool { rawValue >= TokenKind.plusEqual.rawValue }

    /// How a diagnostic names the token.
    var spelling: String {
        switch self {
        case .endOfFile: return "end of file"
        case .newline: return "newline"
        case .indent: return "indent"
        case .dedent: return "dedent"
        case .name: return "name"
        case .number: return "number"
        case .string, .fstringStart: return "string"
        case .fstringMiddle: return "f-string text"
        case .fstringEnd: return "end of f-string"
        case .error: return "invalid character"
        default:
            if isKeyword { return "'" + String(String(describing: self).dropFirst(2)).replacingFirstLowercase() + "'" }
            return "'" + (TokenKind.punctuation.first { $0.value == self }?.key ?? "\(self)") + "'"
        }
    }

    static let punctuation: [String: TokenKind] = [
        "(": .leftParen, ")": .rightParen, "[": .leftBracket, "]": .rightBracket, "{": .leftBrace, "}": .rightBrace,
        ":": .colon, ",": .comma, ";": .semicolon, ".": .dot, "...": .ellipsis, "->": .arrow, "=": .equal,
        ":=": .colonEqual, "!": .exclamation, "+": .plus, "-": .minus, "*": .star, "/": .slash, "//": .doubleSlash,
        "%": .percent, "**": .doubleStar, "@": .at, "|": .vbar, "&": .amper, "^": .circumflex, "~": .tilde,
        "<<": .leftShift, ">>": .rightShift, "<": .less, ">": .greater, "<=": .lessEqual, ">=": .greaterEqual,
        "==": .equalEqual, "!=": .notEqual, "+=": .plusEqual, "-=": .minusEqual, "*=": .starEqual,
        "/=": .slashEqual, "//=": .doubleSlashEqual, "%=": .percentEqual, "**=": .doubleStarEqual,
        "@=": .atEqual, "|=": .vbarEqual, "&=": .amperEqual, "^=": .circumflexEqual, "<<=": .leftShiftEqual,
        ">>=": .rightShiftEqual,
    ]
}

private extension String {
    /// `kwFalse` → `False` but `kwAnd` → `and`: keywords are lower case except the three constants.
    func replacingFirstLowercase() -> String {
        ["False", "None", "True"].contains(self) ? self : lowercased()
    }
}

/// Keyword recognition on raw bytes: a switch on length and first byte, no String built.
enum Keywords {
    static func kind(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenKind {
        let length = end - start
        guard length >= 2, length <= 8 else { return .name }
        @inline(__always) func eq(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == length else { return false }
            let w = word.utf8Start
            for i in 0..<length where p[start + i] != w[i] { return false }
            return true
        }
        switch p[start] {
        case UInt8(ascii: "F"): return eq("False") ? .kwFalse : .name
        case UInt8(ascii: "N"): return eq("None") ? .kwNone : .name
        case UInt8(ascii: "T"): return eq("True") ? .kwTrue : .name
        case UInt8(ascii: "a"):
            if eq("and") { return .kwAnd }
            if eq("as") { return .kwAs }
            if eq("assert") { return .kwAssert }
            if eq("async") { return .kwAsync }
            if eq("await") { return .kwAwait }
            return .name
        case UInt8(ascii: "b"): return eq("break") ? .kwBreak : .name
        case UInt8(ascii: "c"):
            if eq("class") { return .kwClass }
            if eq("continue") { return .kwContinue }
            return .name
        case UInt8(ascii: "d"):
            if eq("def") { return .kwDef }
            if eq("del") { return .kwDel }
            return .name
        case UInt8(ascii: "e"):
            if eq("elif") { return .kwElif }
            if eq("else") { return .kwElse }
            if eq("except") { return .kwExcept }
            return .name
        case UInt8(ascii: "f"):
            if eq("for") { return .kwFor }
            if eq("from") { return .kwFrom }
            if eq("finally") { return .kwFinally }
            return .name
        case UInt8(ascii: "g"): return eq("global") ? .kwGlobal : .name
        case UInt8(ascii: "i"):
            if eq("if") { return .kwIf }
            if eq("in") { return .kwIn }
            if eq("is") { return .kwIs }
            if eq("import") { return .kwImport }
            return .name
        case UInt8(ascii: "l"): return eq("lambda") ? .kwLambda : .name
        case UInt8(ascii: "n"):
            if eq("not") { return .kwNot }
            if eq("nonlocal") { return .kwNonlocal }
            return .name
        case UInt8(ascii: "o"): return eq("or") ? .kwOr : .name
        case UInt8(ascii: "p"): return eq("pass") ? .kwPass : .name
        case UInt8(ascii: "r"):
            if eq("return") { return .kwReturn }
            if eq("raise") { return .kwRaise }
            return .name
        case UInt8(ascii: "t"): return eq("try") ? .kwTry : .name
        case UInt8(ascii: "w"):
            if eq("while") { return .kwWhile }
            if eq("with") { return .kwWith }
            return .name
        case UInt8(ascii: "y"): return eq("yield") ? .kwYield : .name
        default: return .name
        }
    }
}
