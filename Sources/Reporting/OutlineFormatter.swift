import CodeModel
import Foundation

/// `prognosis outline` output. JSON is versioned (`"version": 1`) and documented in the README;
/// fields are only ever added, so scripts that diff our view against another parser keep working.
public enum OutlineFormatter {
    public struct FileOutline: Encodable {
        var path: String
        var language: String
        var lines: Int
        var diagnostics: [DiagnosticJSON]
        var definitions: [DefinitionJSON]
        var imports: [ImportJSON]
    }

    struct DiagnosticJSON: Encodable {
        var severity: String
        var message: String
        var line: Int
        var column: Int
    }

    struct DefinitionJSON: Encodable {
        var kind: String
        var name: String
        var qualifiedName: String
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
        var decoratorsStartLine: Int?
        var isAsync: Bool
        var decorators: [String]
        var parameters: [ParameterJSON]
    }

    struct ParameterJSON: Encodable {
        var name: String
        var kind: String
        var hasDefault: Bool
        var annotation: String?
    }

    struct ImportJSON: Encodable {
        var module: String
        var level: Int
        var alias: String?
        var names: [Import.Name]
        var line: Int
    }

    struct Document: Encodable {
        var version = 1
        var files: [FileOutline]
    }

    public static func outline(of unit: SourceUnit) -> FileOutline {
        FileOutline(
            path: unit.path,
            language: unit.language.rawValue,
            lines: unit.lineCount,
            diagnostics: unit.diagnostics.map {
                DiagnosticJSON(severity: $0.severity.rawValue, message: $0.message, line: $0.location.line, column: $0.location.column)
            },
            definitions: unit.definitions.map { definition in
                DefinitionJSON(kind: definition.kind.rawValue, name: definition.name, qualifiedName: definition.qualifiedName,
                               startLine: definition.span.start.line, startColumn: definition.span.start.column,
                               endLine: definition.span.end.line, endColumn: definition.span.end.column,
                               decoratorsStartLine: definition.decoratorsStart?.line, isAsync: definition.isAsync,
                               decorators: definition.decorators,
                               parameters: definition.parameters.map {
                                   ParameterJSON(name: $0.name, kind: $0.kind.rawValue, hasDefault: $0.hasDefault, annotation: $0.annotation)
                               })
            },
            imports: unit.imports.map {
                ImportJSON(module: $0.module, level: $0.level, alias: $0.alias, names: $0.names, line: $0.location.line)
            })
    }

    public static func json(_ units: [SourceUnit]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Document(files: units.map(outline(of:))))
        return String(decoding: data, as: UTF8.self)
    }

    /// One block per file: definitions indented by nesting, with their line spans.
    public static func text(_ unit: SourceUnit) -> String {
        var lines = ["\(unit.path) (\(unit.language.rawValue), \(unit.lineCount) lines)"]
        for diagnostic in unit.diagnostics {
            lines.append("  \(unit.path):\(diagnostic.location.line):\(diagnostic.location.column): \(diagnostic.severity.rawValue): \(diagnostic.message)")
        }
        for anImport in unit.imports {
            let dots = String(repeating: ".", count: anImport.level)
            if anImport.names.isEmpty {
                lines.append("  import \(anImport.module)\(anImport.alias.map { " as \($0)" } ?? "")  (line \(anImport.location.line))")
            } else {
                let names = anImport.names.map { $0.name + ($0.alias.map { " as \($0)" } ?? "") }.joined(separator: ", ")
                lines.append("  from \(dots)\(anImport.module) import \(names)  (line \(anImport.location.line))")
            }
        }
        var depth: [Int] = []
        for definition in unit.definitions {
            let level = definition.parent.map { depth[$0] + 1 } ?? 0
            depth.append(level)
            let indent = String(repeating: "  ", count: level + 1)
            let span = "\(definition.span.start.line)-\(definition.span.end.line)"
            lines.append("\(indent)\(definition.kind.rawValue) \(definition.qualifiedName)  \(span)")
        }
        return lines.joined(separator: "\n")
    }
}
