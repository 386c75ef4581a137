/// What the parser remembers of an expression once it is parsed: enough to check assignment
/// targets and to name the culprit in "cannot assign to …" the way CPython does.
struct Expr {
    var kind: ExprKind
    var start: UInt32
    var end: UInt32
    /// For tuples and lists: the kind of the first element that cannot be a target, or nil.
    var invalidElement: ExprKind?
    var parenthesized = false
    /// Token index of a lone name, so `print "x"` can be told apart.
    var token: Int = -1

    init(_ kind: ExprKind, _ start: UInt32, _ end: UInt32, invalidElement: ExprKind? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.invalidElement = invalidElement
    }

    /// The first part of this expression that cannot be assigned to, or nil when it can be.
    var invalidTarget: ExprKind? {
        switch kind {
        case .name, .attribute, .subscript: return nil
        case .tuple, .list, .starred: return invalidElement
        default: return kind
        }
    }
}

enum ExprKind: UInt8 {
    case name, attribute, `subscript`, starred, tuple, list
    case call, literal, constantTrue, constantFalse, constantNone, ellipsis, fstring
    case boolean, binary, unary, comparison, lambda, conditional, await, yield, named
    case dict, set, listComprehension, setComprehension, dictComprehension, generator

    /// CPython's wording in "cannot assign to …".
    var description: String {
        switch self {
        case .name: return "name"
        case .attribute: return "attribute"
        case .subscript: return "subscript"
        case .starred: return "starred"
        case .tuple: return "tuple"
        case .list: return "list"
        case .call: return "function call"
        case .literal: return "literal"
        case .constantTrue: return "True"
        case .constantFalse: return "False"
        case .constantNone: return "None"
        case .ellipsis: return "ellipsis"
        case .fstring: return "f-string expression"
        case .boolean, .binary, .unary: return "expression"
        case .comparison: return "comparison"
        case .lambda: return "lambda"
        case .conditional: return "conditional expression"
        case .await: return "await expression"
        case .yield: return "yield expression"
        case .named: return "named expression"
        case .dict: return "dict literal"
        case .set: return "set display"
        case .listComprehension: return "list comprehension"
        case .setComprehension: return "set comprehension"
        case .dictComprehension: return "dict comprehension"
        case .generator: return "generator expression"
        }
    }
}
