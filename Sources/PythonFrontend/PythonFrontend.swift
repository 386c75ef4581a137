import CodeModel
import Foundation

/// Parses Python 3 source (3.8 to 3.13 syntax) into the language-neutral `SourceUnit`.
/// A value type with no shared state: use one per thread, or share it, as convenient.
public struct PythonFrontend: Sendable {
    public init() {}

    /// Reads and parses a file. Only I/O failures throw; syntax errors become diagnostics.
    public func parseFile(atPath path: String, displayPath: String? = nil) throws -> SourceUnit {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PythonFrontendError.unreadable(path)
        }
        return parse([UInt8](data), path: displayPath ?? path)
    }

    public func parse(_ source: String, path: String = "<string>") -> SourceUnit {
        parse(Array(source.utf8), path: path)
    }

    public func parse(_ raw: [UInt8], path: String) -> SourceUnit {
        parse(raw, path: path, tracing: false).unit
    }

    /// The unit plus the node positions fix rules need, and the decoded bytes the positions
    /// index (equal to `raw` for UTF-8 files without a BOM).
    public func parseWithFacts(_ raw: [UInt8], path: String) -> (unit: SourceUnit, facts: PythonFacts, source: [UInt8]) {
        let result = parse(raw, path: path, tracing: false, recordFacts: true)
        return (result.unit, result.facts ?? PythonFacts(), result.source)
    }

    func parse(_ raw: [UInt8], path: String, tracing: Bool) -> (unit: SourceUnit, rules: Set<GrammarRule>) {
        let result = parse(raw, path: path, tracing: tracing, recordFacts: false)
        return (result.unit, result.rules)
    }

    /// Also returns the grammar rules the parse entered: GrammarTieTests ties `Grammars/python.peg`
    /// to the parse functions with it.
    func parse(_ raw: [UInt8], path: String, tracing: Bool, recordFacts: Bool)
        -> (unit: SourceUnit, rules: Set<GrammarRule>, facts: PythonFacts?, source: [UInt8]) {
        let decoded = SourceDecoding.decode(raw)
        var padded = decoded.bytes
        let length = padded.count
        // Zero padding lets the lexer peek a few bytes ahead without bounds checks.
        padded.append(contentsOf: [0, 0, 0, 0])
        return padded.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(source: buffer, length: length, tokenCapacity: length / 4)
            lexer.run()
            let lines = LineTable(buffer, length: length)
            let tokens = lexer.tokens
            let parser = tokens.withUnsafeBufferPointer { tokenBuffer -> PythonParser in
                var parser = PythonParser(source: buffer, tokens: tokenBuffer)
                parser.tracing = tracing
                if recordFacts { parser.facts = PythonFacts() }
                parser.parseFile()
                return parser
            }
            var diagnostics: [Diagnostic] = []
            if let error = decoded.error {
                diagnostics.append(Diagnostic(.error, error.message, at: SourceLocation(line: max(error.line, 1), column: 1)))
            }
            var problems = lexer.problems + parser.problems
            problems.sort { $0.offset < $1.offset }
            for problem in problems {
                diagnostics.append(Diagnostic(.error, problem.message, at: lines.location(UInt32(problem.offset))))
            }
            // Nodes, definitions and comments come in source order: each look-up starts from the
            // line the previous one found.
            var startHint = 0, endHint = 0
            let unit = SourceUnit(
                path: path,
                language: .python,
                lineCount: lines.count,
                definitions: parser.definitions.map { raw in
                    Definition(kind: raw.kind, name: raw.name, qualifiedName: raw.qualifiedName,
                               span: SourceSpan(start: lines.location(raw.start, hint: &startHint),
                                                end: lines.location(raw.end, hint: &endHint)),
                               decoratorsStart: raw.decoratorsStart.map { lines.location($0) },
                               parent: raw.parent, parameters: raw.parameters, decorators: raw.decorators,
                               isAsync: raw.isAsync)
                },
                imports: parser.imports.map { raw in
                    Import(module: raw.module, level: raw.level, names: raw.names, alias: raw.alias,
                           location: lines.location(raw.offset), scope: raw.scope)
                },
                diagnostics: diagnostics,
                syntax: SyntaxTree(nodes: parser.nodes.enumerated().map { index, raw in
                    SyntaxNode(kind: raw.kind, count: raw.count,
                               subtreeEnd: raw.subtreeEnd < 0 ? Int32(index + 1) : raw.subtreeEnd,
                               definition: raw.definition, name: raw.name,
                               start: lines.location(raw.start, hint: &startHint), end: lines.location(raw.end, hint: &endHint))
                }, names: parser.names),
                comments: lexer.comments.map { comment in
                    var textStart = Int(comment.start) + 1
                    while textStart < Int(comment.end), buffer[textStart] == 0x20 || buffer[textStart] == 0x09 { textStart += 1 }
                    var textEnd = Int(comment.end)
                    while textEnd > textStart, buffer[textEnd - 1] == 0x20 || buffer[textEnd - 1] == 0x09 { textEnd -= 1 }
                    return Comment(span: SourceSpan(start: lines.location(comment.start, hint: &startHint),
                                                    end: lines.location(comment.end, hint: &endHint)),
                                   text: String(decoding: UnsafeBufferPointer(rebasing: buffer[textStart..<textEnd]), as: UTF8.self))
                }
            )
            return (unit, parser.rulesEntered, parser.facts, recordFacts ? Array(decoded.bytes.prefix(length)) : [])
        }
    }
}

public enum PythonFrontendError: Error, LocalizedError {
    case unreadable(String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let path): return "cannot read \(path)"
        }
    }
}
