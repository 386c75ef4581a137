import CodeModel

/// The recursive-descent parser over the token array (ruff's design: hand-written, precedence
/// climbing for binary operators, recovery at statement boundaries). It does not build a full
/// AST: it checks the whole grammar, records definitions, imports and the control-flow skeleton
/// directly in flat arrays, and describes expressions by a small `Expr` value.
struct PythonParser {
    struct RawNode {
        var kind: SyntaxKind
        var count: Int32
        var subtreeEnd: Int32
        var definition: Int32
        var name: Int32
        var start: UInt32
        var end: UInt32
    }

    struct RawDefinition {
        var kind: Definition.Kind
        var name: String
        var qualifiedName: String
        var start: UInt32
        var end: UInt32
        var decoratorsStart: UInt32?
        var parent: Int?
        var parameters: [Parameter]
        var decorators: [String]
        var isAsync: Bool
    }

    struct RawImport {
        var module: String
        var level: Int
        var names: [Import.Name]
        var alias: String?
        var offset: UInt32
        var scope: Int?
    }

    static let maximumDepth = 400

    let p: UnsafeBufferPointer<UInt8>
    let tokens: UnsafeBufferPointer<Token>
    var t = 0
    /// End of the last significant token consumed: where statements and definitions end.
    var previousEnd: UInt32 = 0
    var depth = 0

    var nodes: [RawNode] = []
    var names: [String] = []
    var definitions: [RawDefinition] = []
    var imports: [RawImport] = []
    var problems: [Lexer.Problem] = []
    /// Innermost definition first: the scope statements and nodes belong to.
    var scopes: [Int] = []

    /// When set, every grammar rule entered is recorded (the grammar-to-code tie test).
    var tracing = false
    var rulesEntered = Set<GrammarRule>()
    /// Set to record the positions fix rules need (see `PythonFacts`); nil for outline and metrics.
    var facts: PythonFacts?
    /// The parameters `parseParameters` last read, with positions (only while recording facts).
    var parameterFacts: [PythonFacts.Parameter] = []

    init(source: UnsafeBufferPointer<UInt8>, tokens: UnsafeBufferPointer<Token>) {
        p = source
        self.tokens = tokens
        nodes.reserveCapacity(tokens.count / 8)
    }

    // MARK: Grammar tracing

    @inline(__always)
    mutating func rule(_ rule: GrammarRule) {
        if tracing { rulesEntered.insert(rule) }
    }

    // MARK: Tokens

    @inline(__always) var kind: TokenKind { tokens[t].kind }
    @inline(__always) var token: Token { tokens[t] }
    @inline(__always) func peek(_ ahead: Int = 1) -> TokenKind {
        let index = t + ahead
        return index < tokens.count ? tokens[index].kind : .endOfFile
    }
    @inline(__always) func at(_ k: TokenKind) -> Bool { tokens[t].kind == k }

    @inline(__always)
    mutating func advance() {
        let k = tokens[t].kind
        if k != .newline && k != .indent && k != .dedent && k != .endOfFile { previousEnd = tokens[t].end }
        if k != .endOfFile { t += 1 }
    }

    @inline(__always)
    mutating func accept(_ k: TokenKind) -> Bool {
        if tokens[t].kind == k { advance(); return true }
        return false
    }

    mutating func expect(_ k: TokenKind, _ context: @autoclosure () -> String = "") throws {
        if tokens[t].kind == k { advance(); return }
        let what = context()
        throw error(what.isEmpty ? "expected \(k.spelling)" : what)
    }

    /// The token's text, for names and error messages.
    func text(_ token: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[Int(token.start)..<Int(token.end)]), as: UTF8.self)
    }

    func text(_ start: UInt32, _ end: UInt32) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[Int(start)..<Int(max(start, end))]), as: UTF8.self)
    }

    /// True when the current token is the name `word` (soft keywords: match, case, type, _).
    func atSoftKeyword(_ word: StaticString, _ index: Int? = nil) -> Bool {
        let token = tokens[index ?? t]
        guard token.kind == .name, Int(token.end - token.start) == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount where p[Int(token.start) + k] != w[k] { return false }
        return true
    }

    // MARK: Errors

    /// The 1-based line of an offset, for messages that name another line (error path only).
    func lineNumber(of offset: UInt32) -> Int {
        var line = 1
        var index = 0
        let end = min(Int(offset), p.count)
        while index < end {
            if p[index] == 0x0A {
                line += 1
            } else if p[index] == 0x0D {
                line += 1
                if index + 1 < end && p[index + 1] == 0x0A { index += 1 }
            }
            index += 1
        }
        return line
    }

    func error(_ message: String, at offset: UInt32? = nil) -> ParseError {
        let token = tokens[t]
        var text = message
        if text.isEmpty { text = "invalid syntax" }
        if token.kind == .error && message.hasPrefix("expected") { text = "invalid syntax" }
        return ParseError(offset: offset ?? token.start, message: text)
    }

    func invalidSyntax() -> ParseError {
        switch kind {
        case .indent: return error("unexpected indent")
        case .endOfFile: return error("unexpected EOF while parsing")
        default: return error("invalid syntax")
        }
    }

    /// Counts one level of recursion. Throws before counting, so the caller's `defer { leave() }`
    /// (registered only after `enter` succeeds) keeps the count balanced while the error unwinds.
    mutating func enter() throws {
        if depth >= PythonParser.maximumDepth {
            throw error("too many nested expressions or blocks (more than \(PythonParser.maximumDepth))")
        }
        depth += 1
    }

    @inline(__always) mutating func leave() { depth -= 1 }

    // MARK: Syntax nodes

    /// Opens a node whose children follow; `close` fixes its extent.
    @inline(__always)
    mutating func open(_ kind: SyntaxKind, _ start: UInt32, name: Int32 = -1) -> Int {
        nodes.append(RawNode(kind: kind, count: 0, subtreeEnd: -1, definition: Int32(scopes.last ?? -1),
                             name: name, start: start, end: start))
        return nodes.count - 1
    }

    @inline(__always)
    mutating func close(_ index: Int, count: Int32 = 0) {
        nodes[index].subtreeEnd = Int32(nodes.count)
        nodes[index].end = previousEnd
        if count != 0 { nodes[index].count = count }
    }

    /// Marks where a compound statement's header (condition, iterable, subject, parameters) ends:
    /// its `count` becomes the number of nodes the header holds, so metrics can tell a condition
    /// (not nested) from the body (nested one level deeper).
    @inline(__always)
    mutating func endHeader(_ index: Int) {
        nodes[index].count = Int32(nodes.count - index - 1)
    }

    /// A node with no children.
    @inline(__always)
    mutating func leaf(_ kind: SyntaxKind, _ start: UInt32, _ end: UInt32, name: Int32 = -1) {
        nodes.append(RawNode(kind: kind, count: 0, subtreeEnd: Int32(nodes.count + 1), definition: Int32(scopes.last ?? -1),
                             name: name, start: start, end: end))
    }

    /// Makes a node the parent of everything recorded since `mark`: needed where the parser only
    /// learns what an expression is after its first operand (`a and b`, `f(x)`, `x if c else y`).
    mutating func wrap(from mark: Int, _ kind: SyntaxKind, _ start: UInt32, count: Int32 = 0, name: Int32 = -1) {
        let node = RawNode(kind: kind, count: count, subtreeEnd: Int32(nodes.count + 1), definition: Int32(scopes.last ?? -1),
                           name: name, start: start, end: previousEnd)
        if mark == nodes.count {
            nodes.append(node)
            return
        }
        nodes.insert(node, at: mark)
        for index in (mark + 1)..<nodes.count where nodes[index].subtreeEnd >= 0 {
            nodes[index].subtreeEnd += 1
        }
    }

    mutating func internName(_ start: UInt32, _ end: UInt32) -> Int32 {
        names.append(text(start, end))
        return Int32(names.count - 1)
    }

    // MARK: Speculation

    /// Everything a speculative parse may add, so a failed guess leaves no trace. Used where
    /// Python needs more than one token of lookahead: `with (a as b):` and the `match` soft keyword.
    struct Checkpoint {
        var token: Int
        var previousEnd: UInt32
        var nodes: Int
        var names: Int
        var problems: Int
        var imports: Int
        var facts: [Int]?
    }

    func checkpoint() -> Checkpoint {
        Checkpoint(token: t, previousEnd: previousEnd, nodes: nodes.count, names: names.count,
                   problems: problems.count, imports: imports.count, facts: facts?.counts)
    }

    mutating func restore(_ saved: Checkpoint) {
        t = saved.token
        previousEnd = saved.previousEnd
        if nodes.count > saved.nodes { nodes.removeSubrange(saved.nodes...) }
        if names.count > saved.names { names.removeSubrange(saved.names...) }
        if problems.count > saved.problems { problems.removeSubrange(saved.problems...) }
        if imports.count > saved.imports { imports.removeSubrange(saved.imports...) }
        if let counts = saved.facts { facts?.truncate(to: counts) }
    }

    @inline(__always) func span(_ start: UInt32, _ end: UInt32) -> PythonFacts.Span {
        PythonFacts.Span(Int(start), Int(end))
    }

    // MARK: Statement recovery

    /// Skips the rest of a broken statement: to the end of its logical line, then, if an indented
    /// block follows (a broken compound-statement header), parses that block so the definitions
    /// inside are still found.
    mutating func synchronize() {
        while !at(.newline) && !at(.endOfFile) {
            if at(.indent) || at(.dedent) { break }
            advance()
        }
        _ = accept(.newline)
        if at(.indent) { parseIndentedBlockForRecovery() }
    }

    /// Parses an indented block met while recovering. At the depth limit the block's statements
    /// are read at the current level instead, so hostile indentation cannot exhaust the stack.
    mutating func parseIndentedBlockForRecovery() {
        advance()
        guard depth < PythonParser.maximumDepth else { return }
        depth += 1
        defer { depth -= 1 }
        parseStatements(untilDedent: true)
        _ = accept(.dedent)
    }

    mutating func record(_ error: ParseError) {
        problems.append(Lexer.Problem(offset: Int(error.offset), message: error.message))
    }
}
