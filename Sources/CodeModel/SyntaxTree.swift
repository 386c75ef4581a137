/// The control-flow skeleton of a file, in pre-order, stored flat: the metrics of issue 4 and the
/// history passes walk it without ever seeing a language's full AST. Expressions that do not
/// affect control flow (names, literals, arithmetic) are not recorded.
public struct SyntaxTree: Sendable, Hashable, Codable {
    public var nodes: [SyntaxNode]
    /// Callee names of `.call` nodes, referenced by `SyntaxNode.name`.
    public var names: [String]

    public init(nodes: [SyntaxNode] = [], names: [String] = []) {
        self.nodes = nodes
        self.names = names
    }

    /// Indices of the direct children of `index`.
    public func children(of index: Int) -> [Int] {
        var result: [Int] = []
        var child = index + 1
        let end = Int(nodes[index].subtreeEnd)
        while child < end {
            result.append(child)
            child = Int(nodes[child].subtreeEnd)
        }
        return result
    }

    /// Whether `child` (inside `index`'s subtree) sits in `index`'s header rather than its body.
    @inline(__always)
    public func isInHeader(_ child: Int, of index: Int) -> Bool {
        nodes[index].kind.hasHeader && child <= index + Int(nodes[index].count)
    }

    /// Indices of the top-level nodes.
    public var roots: [Int] {
        var result: [Int] = []
        var index = 0
        while index < nodes.count {
            result.append(index)
            index = Int(nodes[index].subtreeEnd)
        }
        return result
    }
}

public struct SyntaxNode: Sendable, Hashable, Codable {
    public var kind: SyntaxKind
    /// `.booleanAnd`/`.booleanOr`: the number of operands; `.comprehension`: its `for` clauses;
    /// `.call`: 1 when the callee is a bare name (`f(x)`); compound statements, functions and
    /// classes: how many of the nodes that follow belong to the header (condition, iterable,
    /// subject, parameters) rather than to the body.
    public var count: Int32
    /// One past the last node of this node's subtree (pre-order), so children are contiguous.
    public var subtreeEnd: Int32
    /// Index of the definition whose body holds this node (the innermost), or -1 at top level.
    public var definition: Int32
    /// Index into `SyntaxTree.names` (a call's callee, a definition's name), or -1.
    public var name: Int32
    public var start: SourceLocation
    public var end: SourceLocation

    public init(kind: SyntaxKind, count: Int32 = 0, subtreeEnd: Int32, definition: Int32 = -1, name: Int32 = -1,
                start: SourceLocation, end: SourceLocation) {
        self.kind = kind
        self.count = count
        self.subtreeEnd = subtreeEnd
        self.definition = definition
        self.name = name
        self.start = start
        self.end = end
    }
}

/// Language-neutral node kinds. The per-language counting rules of issue 4 map onto these.
public enum SyntaxKind: UInt8, Sendable, Hashable, Codable, CaseIterable {
    case function          // a Definition with a body (its name is the definition's)
    case `class`
    case `if`
    case elseIf            // Python `elif`
    case `else`            // the `else` of if/for/while/try
    case `for`
    case `while`
    case `try`
    case `catch`           // Python `except` / `except*`
    case finally
    case with
    case match             // Python `match`, Swift `switch`
    case `case`
    case `guard`
    case booleanAnd        // one node per run of the same operator; `count` = operands
    case booleanOr
    case ternary
    case comprehension     // list/set/dict comprehension or generator expression
    case comprehensionFor  // each `for` clause
    case comprehensionIf   // each `if` clause
    case lambda            // Python `lambda`, Swift closure expression
    case `return`
    case raise             // Python `raise`, Swift `throw`
    case `break`
    case `continue`
    case call              // `name` = the callee's last identifier (`f` in `a.b.f(x)`)
    case await
    case yield
    case assert
    case walrus
    case global
    case nonlocal
    case delete
    case caseGuard         // Python's `case … if guard:`
    case not               // `not` applied to a boolean run (Python), which starts a new sequence

    /// Kinds whose `count` is the size of a header (condition, iterable, subject, parameters).
    public var hasHeader: Bool {
        switch self {
        case .function, .class, .if, .elseIf, .for, .while, .catch, .with, .match, .case, .guard, .lambda, .ternary:
            return true
        default:
            return false
        }
    }
}
