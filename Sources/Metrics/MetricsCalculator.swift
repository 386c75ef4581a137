import Foundation
import CodeModel

/// Computes every per-function and per-file number for one parsed file.
public enum MetricsCalculator {
    /// The marker that leaves a function (on its line, its decorators' line, or the line above)
    /// or, as `prognosis: ignore-file`, a whole file out of the metrics.
    public static let ignoreMarker = "prognosis: ignore"
    public static let ignoreFileMarker = "prognosis: ignore-file"

    public static func measure(_ unit: SourceUnit, source: [UInt8]) -> FileMetrics {
        let codeLines = CodeLines(source: source, comments: unit.comments)
        var file = FileMetrics(path: unit.path, language: unit.language, lines: unit.lineCount,
                               codeLines: codeLines.total, diagnostics: unit.diagnostics, functions: [],
                               suppressed: 0, imports: unit.imports, totalCyclomatic: 0, totalCognitive: 0,
                               maxCyclomatic: 0, maxCognitive: 0, maxNesting: 0)
        var ignoredLines = Set<Int>()
        for comment in unit.comments where Self.contains(comment.text, ignoreMarker) {
            if Self.contains(comment.text, ignoreFileMarker) {
                file.suppressed = unit.definitions.filter { $0.kind.isFunctionLike }.count
                return file
            }
            ignoredLines.insert(comment.span.start.line)
        }

        let cyclomatic = CyclomaticComplexity.all(unit)
        let nesting = NestingDepth.all(unit)
        let cognitive = CognitiveComplexity(tree: unit.syntax, language: unit.language)
        var exits = Array(repeating: 0, count: unit.definitions.count)
        var functionNodes = Array(repeating: -1, count: unit.definitions.count)
        var definitionOrdinal = 0
        for (index, node) in unit.syntax.nodes.enumerated() {
            if node.kind == .function || node.kind == .class {
                // Definitions and their nodes are recorded in the same order.
                if definitionOrdinal < functionNodes.count { functionNodes[definitionOrdinal] = index }
                definitionOrdinal += 1
            } else if (node.kind == .return || node.kind == .raise) && node.definition >= 0 {
                exits[Int(node.definition)] += 1
            }
        }

        for (index, definition) in unit.definitions.enumerated() where definition.kind.isFunctionLike {
            let first = definition.decoratorsStart?.line ?? definition.span.start.line
            if ignoredLines.contains(definition.span.start.line) || ignoredLines.contains(first)
                || ignoredLines.contains(first - 1) {
                file.suppressed += 1
                continue
            }
            let node = functionNodes[index]
            let score = node >= 0 ? cognitive.complexity(ofFunctionNode: node, name: definition.name) : 0
            let metrics = FunctionMetrics(
                name: definition.name, qualifiedName: definition.qualifiedName, kind: definition.kind,
                startLine: definition.span.start.line, endLine: definition.span.end.line,
                cyclomatic: cyclomatic[index], cognitive: score, maxNesting: nesting[index],
                lines: codeLines.count(from: definition.span.start.line, through: definition.span.end.line),
                parameters: definition.parameters.count, returns: exits[index])
            file.functions.append(metrics)
            file.maxCyclomatic = max(file.maxCyclomatic, metrics.cyclomatic)
            file.maxCognitive = max(file.maxCognitive, metrics.cognitive)
            file.maxNesting = max(file.maxNesting, metrics.maxNesting)
            file.totalCyclomatic += metrics.cyclomatic
            if !hasFunctionAncestor(definition, unit.definitions) { file.totalCognitive += metrics.cognitive }
        }
        return file
    }

    /// A byte search: `String.contains` goes through the regex engine's substring searcher,
    /// which took 4% of a whole-repository run for the few comments that ever match.
    static func contains(_ text: String, _ marker: String) -> Bool {
        var text = text
        var marker = marker
        return text.withUTF8 { haystack in
            marker.withUTF8 { needle in
                guard haystack.count >= needle.count, let first = needle.first else { return false }
                var index = 0
                while index + needle.count <= haystack.count {
                    if haystack[index] == first
                        && memcmp(haystack.baseAddress! + index, needle.baseAddress!, needle.count) == 0 {
                        return true
                    }
                    index += 1
                }
                return false
            }
        }
    }

    static func hasFunctionAncestor(_ definition: Definition, _ all: [Definition]) -> Bool {
        var parent = definition.parent
        while let index = parent {
            if all[index].kind.isFunctionLike { return true }
            parent = all[index].parent
        }
        return false
    }
}
