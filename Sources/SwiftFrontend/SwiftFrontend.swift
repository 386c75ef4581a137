import CodeModel
import Foundation
import SwiftParser
import SwiftSyntax

/// Parses Swift source with swift-syntax into the language-neutral `SourceUnit`: one parse per
/// file, then one visitor that records definitions, imports and the control-flow skeleton.
/// Swift-syntax recovers from every syntax error, so a broken file still yields its definitions.
public struct SwiftFrontend: Sendable {
    public init() {}

    /// Reads and parses a file. Only I/O failures throw; syntax errors become diagnostics.
    public func parseFile(atPath path: String, displayPath: String? = nil) throws -> SourceUnit {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SwiftFrontendError.unreadable(path)
        }
        return parse([UInt8](data), path: displayPath ?? path)
    }

    public func parse(_ source: String, path: String = "<string>") -> SourceUnit {
        parse(Array(source.utf8), path: path)
    }

    public func parse(_ bytes: [UInt8], path: String) -> SourceUnit {
        parse(bytes, path: path, definitionsOnly: false)
    }

    /// Definitions (with the same names and spans as `parse`), comments and diagnostics, but no
    /// imports and no control-flow skeleton: what history's function attribution needs, for
    /// every distinct blob of a history. A function body is walked only when its text could
    /// hold a nested declaration, which most bodies cannot.
    public func outline(_ bytes: [UInt8], path: String) -> SourceUnit {
        parse(bytes, path: path, definitionsOnly: true)
    }

    /// The unit and swift-syntax's tree it was built from, for fix rules that edit on the
    /// tree's byte positions without parsing the file a second time.
    public func parseWithTree(_ bytes: [UInt8], path: String) -> (unit: SourceUnit, tree: SourceFileSyntax) {
        parseTree(bytes, path: path, definitionsOnly: false)
    }

    func parse(_ bytes: [UInt8], path: String, definitionsOnly: Bool) -> SourceUnit {
        parseTree(bytes, path: path, definitionsOnly: definitionsOnly).unit
    }

    func parseTree(_ bytes: [UInt8], path: String, definitionsOnly: Bool) -> (unit: SourceUnit, tree: SourceFileSyntax) {
        let (tree, lines, comments): (SourceFileSyntax, LineTable, [Comment]) = bytes.withUnsafeBufferPointer {
            let lines = LineTable($0, length: $0.count, endAfterFinalNewline: true)
            return (Parser.parse(source: $0), lines, CommentScanner.comments(in: $0, lines: lines))
        }
        let builder = definitionsOnly ? DefinitionVisitor(lines: lines, source: bytes) : UnitBuilder(lines: lines, source: bytes)
        builder.walk(tree)

        var diagnostics: [Diagnostic] = []
        // Validated in place: `String(validating:)` would copy every file only to drop the copy.
        if (try? UTF8Span(validating: bytes.span)) == nil {
            diagnostics.append(Diagnostic(.error, "the file is not valid UTF-8", at: CodeModel.SourceLocation(line: 1, column: 1)))
        }
        if tree.hasError {
            diagnostics += SyntaxErrorFinder.diagnostics(in: tree, lines: lines)
        }
        let unit = SourceUnit(path: path, language: .swift, lineCount: lines.hasCarriageReturns ? Self.lineCount(bytes) : lines.count,
                              definitions: builder.definitions, imports: builder.imports, diagnostics: diagnostics,
                              syntax: SyntaxTree(nodes: builder.nodes, names: builder.names),
                              comments: comments)
        return (unit, tree)
    }

    /// Lines as an editor shows them: a final line without a newline still counts.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        for byte in bytes where byte == 0x0A { count += 1 }
        if let last = bytes.last, last != 0x0A { count += 1 }
        return count
    }
}

public enum SwiftFrontendError: Error, LocalizedError {
    case unreadable(String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let path): return "cannot read \(path)"
        }
    }
}
