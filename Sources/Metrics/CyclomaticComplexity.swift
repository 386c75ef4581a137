import CodeModel

/// McCabe's number: decisions + 1, with lizard's counting rules so the two tools agree.
///
/// Python, +1 for each: `if`, `elif`, `for` and `while` (also inside comprehensions, and the
/// `if` of a comprehension, of a conditional expression and of a `case` guard), `except`,
/// `finally`, `case`, and
/// each `and`/`or` operator.
/// Swift, +1 for each: `if` (also `else if`), `guard`, `for`, `while`/`repeat-while`, `catch`,
/// `case` (switch cases, and `if case`/`for case` patterns; not `default`), the ternary `?:`,
/// and each `&&`/`||` operator.
/// Nested functions count for themselves; closures and lambdas count for their function.
public enum CyclomaticComplexity {
    /// The decisions each node adds, for the node's own definition.
    @inline(__always)
    public static func weight(_ node: SyntaxNode, language: Language) -> Int {
        switch node.kind {
        case .if, .elseIf, .for, .while, .catch, .case, .ternary, .comprehensionFor, .comprehensionIf, .guard, .caseGuard:
            return 1
        case .finally:
            return language == .python ? 1 : 0
        case .booleanAnd, .booleanOr:
            return Int(node.count) - 1
        default:
            return 0
        }
    }

    /// Complexity of every definition at once, indexed like `unit.definitions`.
    public static func all(_ unit: SourceUnit) -> [Int] {
        var result = Array(repeating: 1, count: unit.definitions.count)
        for node in unit.syntax.nodes where node.definition >= 0 {
            result[Int(node.definition)] += weight(node, language: unit.language)
        }
        return result
    }
}
