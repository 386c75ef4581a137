/// The positions fix rules need and the control-flow skeleton leaves out: comparisons, calls
/// with their arguments, subscripts, parameters with defaults, handlers, raises, asserts and
/// `if` branches. Recorded only when asked for (`PythonFrontend.parseWithFacts`), so `outline`
/// and `metrics` pay nothing for them. Offsets are byte offsets into the decoded UTF-8 source.
public struct PythonFacts: Sendable {
    public struct Span: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public init(_ start: Int, _ end: Int) {
            self.start = start
            self.end = end
        }
    }

    /// What an operand is, as far as the rules care.
    public enum Shape: UInt8, Sendable {
        case name, attribute, `subscript`, call, literal, fstring, `true`, `false`, none, ellipsis
        case list, tuple, dict, set, listComprehension, setComprehension, dictComprehension, generator
        case other
    }

    public struct Operand: Sendable, Hashable {
        public var shape: Shape
        public var span: Span
    }

    public struct Comparison: Sendable {
        public var span: Span
        /// `operands.count == operators.count + 1`.
        public var operands: [Operand]
        public var operators: [Operator]
    }

    public struct Operator: Sendable {
        public enum Kind: UInt8, Sendable { case equal, notEqual, less, greater, lessEqual, greaterEqual, `in`, notIn, `is`, isNot }
        public var kind: Kind
        public var span: Span
    }

    public struct Argument: Sendable {
        public enum Kind: UInt8, Sendable { case positional, keyword, star, doubleStar }
        public var kind: Kind
        public var keyword: String?
        public var value: Operand
    }

    public struct Call: Sendable {
        public var span: Span
        public var callee: Operand
        public var arguments: [Argument]
        /// Offset of the closing `)`.
        public var closeParen: Int
        public var trailingComma: Bool
    }

    public struct Subscript: Sendable {
        public var span: Span
        public var value: Operand
        public var index: Span
    }

    public struct Parameter: Sendable {
        public var name: String
        public var span: Span
        public var kind: CodeModelParameterKind
        public var annotation: Span?
        public var defaultValue: Operand?
    }

    public enum CodeModelParameterKind: UInt8, Sendable { case regular, variadic, keywordOnly, variadicKeyword }

    public struct Function: Sendable {
        public var name: String
        /// From `def` (or `async`) to the end of the body.
        public var span: Span
        public var nameSpan: Span
        public var parameters: [Parameter]
        public var decorators: [String]
        /// True when the body is an indented block (not statements on the `def` line).
        public var blockBody: Bool
        /// Whether the function is nested in a class (a method) or another function.
        public var inClass: Bool
        public var inFunction: Bool
    }

    public struct Statement: Sendable {
        public var span: Span
        /// The statement is a lone string literal (a docstring where it comes first).
        public var isString: Bool
    }

    public struct Handler: Sendable {
        public var keyword: Span
        public var isStar: Bool
        public var type: Operand?
        public var name: String?
        /// End of the header, just before its `:`.
        public var headerEnd: Int
        public var body: Span
    }

    public struct Raise: Sendable {
        public var span: Span
        public var exception: Operand?
        public var hasCause: Bool
    }

    public struct Assert: Sendable {
        public var span: Span
        public var test: Operand
        /// Every name the test mentions.
        public var names: [String]
    }

    public struct Branch: Sendable {
        public var keyword: Span
        public var test: Operand
        public var body: Span
        /// The `else:` block when an `if` (with no `elif`) has one.
        public var orElse: Span?
    }

    /// Names assigned at module level (definitions and imports are in the `SourceUnit`): a
    /// builtin they shadow is not the builtin.
    public var moduleNames: Set<String> = []
    public var comparisons: [Comparison] = []
    public var calls: [Call] = []
    public var subscripts: [Subscript] = []
    public var functions: [Function] = []
    public var classes: [Span] = []
    public var statements: [Statement] = []
    public var handlers: [Handler] = []
    public var raises: [Raise] = []
    public var asserts: [Assert] = []
    public var branches: [Branch] = []
    /// `try:` bodies, their `else:` and `finally:` blocks (each from its keyword).
    public var tryBlocks: [Span] = []
    /// The `else:` blocks of `for` and `while` loops.
    public var loopElses: [Span] = []

    public init() {}

    var counts: [Int] {
        [comparisons.count, calls.count, subscripts.count, functions.count, classes.count,
         statements.count, handlers.count, raises.count, asserts.count, branches.count, tryBlocks.count, loopElses.count]
    }

    /// Drops what a failed speculative parse recorded.
    mutating func truncate(to saved: [Int]) {
        func cut<T>(_ array: inout [T], _ count: Int) { if array.count > count { array.removeSubrange(count...) } }
        cut(&comparisons, saved[0]); cut(&calls, saved[1]); cut(&subscripts, saved[2]); cut(&functions, saved[3])
        cut(&classes, saved[4]); cut(&statements, saved[5]); cut(&handlers, saved[6])
        cut(&raises, saved[7]); cut(&asserts, saved[8]); cut(&branches, saved[9])
        cut(&tryBlocks, saved[10]); cut(&loopElses, saved[11])
    }
}

extension Expr {
    var operand: PythonFacts.Operand {
        let shape: PythonFacts.Shape
        switch kind {
        case .name: shape = .name
        case .attribute: shape = .attribute
        case .subscript: shape = .subscript
        case .call: shape = .call
        case .literal: shape = .literal
        case .fstring: shape = .fstring
        case .constantTrue: shape = .true
        case .constantFalse: shape = .false
        case .constantNone: shape = .none
        case .ellipsis: shape = .ellipsis
        case .list: shape = .list
        case .tuple: shape = .tuple
        case .dict: shape = .dict
        case .set: shape = .set
        case .listComprehension: shape = .listComprehension
        case .setComprehension: shape = .setComprehension
        case .dictComprehension: shape = .dictComprehension
        case .generator: shape = .generator
        default: shape = .other
        }
        return PythonFacts.Operand(shape: parenthesized && kind == .tuple ? .tuple : shape,
                                   span: PythonFacts.Span(Int(start), Int(end)))
    }
}
