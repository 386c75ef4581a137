import CodeModel

/// The deepest nesting of control structures in each function's body. `if`, loops, `try`,
/// `with`, `match`/`switch` and `guard` open a level; `elif`/`else`/`except`/`finally`/`case`
/// sit at the level of their statement and their bodies one deeper. Lambdas and closures are
/// transparent; a nested function is measured on its own.
public enum NestingDepth {
    static func opensLevel(_ kind: SyntaxKind) -> Bool {
        switch kind {
        case .if, .elseIf, .else, .for, .while, .try, .catch, .finally, .with, .case, .guard: return true
        default: return false
        }
    }

    /// Indexed like `unit.definitions`.
    public static func all(_ unit: SourceUnit) -> [Int] {
        var result = Array(repeating: 0, count: unit.definitions.count)
        let nodes = unit.syntax.nodes
        // Pre-order with a stack of open subtrees: (end, depth inside, definition, index).
        var stack: [(end: Int32, depth: Int, definition: Int32, index: Int)] = []
        for (index, node) in nodes.enumerated() {
            while let top = stack.last, top.end <= Int32(index) { stack.removeLast() }
            var depth = 0
            if let top = stack.last, top.definition == node.definition { depth = top.depth }
            if node.kind == .function {
                stack.append((node.subtreeEnd, 0, -2, index))
                continue
            }
            // A pattern's `case` (`if case`, `for case`) sits in its statement's header.
            let inHeader = stack.last.map { unit.syntax.isInHeader(index, of: $0.index) } ?? false
            if opensLevel(node.kind) && !inHeader {
                depth += 1
                if node.definition >= 0 { result[Int(node.definition)] = max(result[Int(node.definition)], depth) }
            }
            stack.append((node.subtreeEnd, depth, node.definition, index))
        }
        return result
    }
}
