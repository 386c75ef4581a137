import CodeModel

/// SonarSource's cognitive complexity (G. Ann Campbell, "Cognitive Complexity", 2017), on the
/// shared syntax skeleton. For Python the choices left open by the specification follow
/// complexipy, so the two agree; `Grammars/metrics.md` lists the rules with examples.
///
/// - +1 plus the nesting level: `if`, loops, `except`/`catch`, `match`/`switch`, `guard`,
///   conditional expressions, and each `for` clause of a comprehension.
/// - +1 flat: `elif`/`else if`, the `else` of an `if`, each `if` clause of a comprehension,
///   each run of like boolean operators (`a and b and c` is 1, `a and b or c` is 2),
///   a `break`/`continue` to a label, and a direct recursive call.
/// - Nesting grows inside the bodies of those structures, of lambdas and closures, and of a
///   function defined directly in another function's body; a nested function's increments
///   count for its parent too.
/// - No increment: `try`, `finally`, `with`, `case`, `default`, the `else` of a loop or `try`.
public struct CognitiveComplexity {
    let tree: SyntaxTree
    let language: Language

    public init(tree: SyntaxTree, language: Language) {
        self.tree = tree
        self.language = language
    }

    /// The complexity of the function whose `.function` node is `node`.
    public func complexity(ofFunctionNode node: Int, name: String) -> Int {
        var total = body(of: node, nesting: 0)
        if isRecursive(functionNode: node, name: name) { total += 1 }
        return total
    }

    /// Direct recursion: a call by bare name to the function itself, outside nested functions
    /// and lambdas.
    func isRecursive(functionNode: Int, name: String) -> Bool {
        let nodes = tree.nodes
        var index = functionNode + 1 + Int(nodes[functionNode].count)
        let end = Int(nodes[functionNode].subtreeEnd)
        while index < end {
            let node = nodes[index]
            switch node.kind {
            case .function, .class, .lambda:
                index = Int(node.subtreeEnd)
                continue
            case .call where node.count == 1 && node.name >= 0 && tree.names[Int(node.name)] == name:
                return true
            default:
                index += 1
            }
        }
        return false
    }

    /// The body of a compound node (its children after the header) at `nesting`.
    func body(of index: Int, nesting: Int) -> Int {
        range(from: index + 1 + Int(tree.nodes[index].count), to: Int(tree.nodes[index].subtreeEnd),
              nesting: nesting, parent: index)
    }

    /// The header of a compound node (condition, iterable), which does not nest deeper.
    func header(of index: Int, nesting: Int) -> Int {
        range(from: index + 1, to: index + 1 + Int(tree.nodes[index].count), nesting: nesting, parent: index)
    }

    /// All children, header and body alike, at `nesting`.
    func children(of index: Int, nesting: Int) -> Int {
        range(from: index + 1, to: Int(tree.nodes[index].subtreeEnd), nesting: nesting, parent: index)
    }

    /// Sibling subtrees in `from..<to`; each learns its previous sibling, so an `else` knows
    /// whether it belongs to an `if` or to a loop.
    func range(from start: Int, to end: Int, nesting: Int, parent: Int) -> Int {
        var total = 0
        var child = start
        var previous: SyntaxKind?
        while child < end {
            total += score(child, nesting: nesting, parent: parent, previous: previous)
            previous = tree.nodes[child].kind
            child = Int(tree.nodes[child].subtreeEnd)
        }
        return total
    }

    func score(_ index: Int, nesting: Int, parent: Int, previous: SyntaxKind?) -> Int {
        let node = tree.nodes[index]
        switch node.kind {
        case .if, .for, .while, .guard:
            return 1 + nesting + header(of: index, nesting: nesting) + body(of: index, nesting: nesting + 1)
        case .elseIf:
            return 1 + header(of: index, nesting: nesting) + body(of: index, nesting: nesting + 1)
        case .else:
            switch previous {
            case .if?, .elseIf?:
                return 1 + body(of: index, nesting: nesting + 1)
            default:
                // A loop's or a `try`'s `else` adds nothing and nests nothing; a `default:` is a
                // case of its switch.
                let parentKind = tree.nodes[parent].kind
                return body(of: index, nesting: parentKind == .match ? nesting + 1 : nesting)
            }
        case .catch:
            return 1 + nesting + body(of: index, nesting: nesting + 1)
        case .try, .finally, .with:
            return header(of: index, nesting: nesting) + body(of: index, nesting: nesting)
        case .match:
            return 1 + nesting + body(of: index, nesting: nesting)
        case .case:
            // Patterns and guards are not scored; the case body is nested in the match.
            return body(of: index, nesting: nesting + 1)
        case .ternary:
            return 1 + nesting + children(of: index, nesting: nesting + 1)
        case .booleanAnd, .booleanOr:
            var total = 1
            var child = index + 1
            let end = Int(node.subtreeEnd)
            while child < end {
                let operand = tree.nodes[child]
                if operand.kind == .booleanAnd || operand.kind == .booleanOr {
                    // An operand that is itself a boolean run: a new sequence only if the
                    // operator differs (`a and (b or c)`); its own score adds the 1.
                    total += score(child, nesting: nesting, parent: index, previous: nil) - (operand.kind == node.kind ? 1 : 0)
                } else {
                    total += score(child, nesting: nesting, parent: index, previous: nil)
                }
                child = Int(operand.subtreeEnd)
            }
            return total
        case .comprehension:
            // The clauses at the comprehension's level; the element is inside the loop.
            var total = 0
            var child = index + 1
            let end = Int(node.subtreeEnd)
            while child < end {
                let kind = tree.nodes[child].kind
                let clause = kind == .comprehensionFor || kind == .comprehensionIf
                total += score(child, nesting: clause ? nesting : nesting + 1, parent: index, previous: nil)
                child = Int(tree.nodes[child].subtreeEnd)
            }
            return total
        case .comprehensionFor:
            return 1 + nesting + children(of: index, nesting: nesting)
        case .comprehensionIf:
            return 1 + children(of: index, nesting: nesting + 1)
        case .lambda:
            return children(of: index, nesting: nesting + 1)
        case .break, .continue:
            return Int(node.count)
        case .function:
            // A function defined directly in a function's body nests one level deeper; one
            // defined inside a block or a class keeps the block's level (as complexipy does).
            let parentKind = tree.nodes[parent].kind
            return body(of: index, nesting: parentKind == .function ? nesting + 1 : nesting)
        case .class:
            var total = 0
            var child = index + 1 + Int(node.count)
            let end = Int(node.subtreeEnd)
            while child < end {
                if tree.nodes[child].kind == .function {
                    total += score(child, nesting: nesting, parent: index, previous: nil)
                }
                child = Int(tree.nodes[child].subtreeEnd)
            }
            return total
        default:
            return children(of: index, nesting: nesting)
        }
    }
}
