import CodeModel
import Foundation

/// `prognosis outline` output. JSON is versioned (`"version": 1`) and documented in the README;
/// fields are only ever added, so scripts that diff our view against another parser keep working.
public enum OutlineFormatter {
    /// The JSON document: `{"version": 1, "files": [{"path", "language", "lines", "diagnostics",
    /// "definitions", "imports"}]}`; see the README for every field.
    public static func json(_ units: [SourceUnit]) -> String {
        String(decoding: jsonBytes(units), as: UTF8.self)
    }

    /// The same document as UTF-8 bytes, for writing straight to a file descriptor.
    public static func jsonBytes(_ units: [SourceUnit]) -> [UInt8] {
        var writer = JSONWriter(capacity: units.count * 4096)
        writer.beginObject()
        writer.field("version", 1)
        writer.key("files")
        writer.beginArray()
        for unit in units { write(unit, to: &writer) }
        writer.endArray()
        writer.endObject()
        writer.newlineAtEnd()
        return JSONText.rawBytesEscaped(writer.bytes)
    }

    static func write(_ unit: SourceUnit, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("path", unit.path)
        writer.field("language", unit.language.rawValue)
        writer.field("lines", unit.lineCount)
        writer.key("diagnostics")
        writer.beginArray()
        for diagnostic in unit.diagnostics {
            writer.beginObject()
            writer.field("severity", diagnostic.severity.rawValue)
            writer.field("message", diagnostic.message)
            writer.field("line", diagnostic.location.line)
            writer.field("column", diagnostic.location.column)
            writer.endObject()
        }
        writer.endArray()
        writer.key("definitions")
        writer.beginArray()
        for definition in unit.definitions {
            writer.beginObject()
            writer.field("kind", definition.kind.rawValue)
            writer.field("name", definition.name)
            writer.field("qualifiedName", definition.qualifiedName)
            writer.field("startLine", definition.span.start.line)
            writer.field("startColumn", definition.span.start.column)
            writer.field("endLine", definition.span.end.line)
            writer.field("endColumn", definition.span.end.column)
            writer.field("decoratorsStartLine", definition.decoratorsStart?.line)
            writer.field("isAsync", definition.isAsync)
            writer.key("decorators")
            writer.beginArray()
            for decorator in definition.decorators { writer.value(decorator) }
            writer.endArray()
            writer.key("parameters")
            writer.beginArray()
            for parameter in definition.parameters {
                writer.beginObject()
                writer.field("name", parameter.name)
                writer.field("kind", parameter.kind.rawValue)
                writer.field("hasDefault", parameter.hasDefault)
                writer.field("annotation", parameter.annotation)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.key("imports")
        writer.beginArray()
        for anImport in unit.imports {
            writer.beginObject()
            writer.field("module", anImport.module)
            writer.field("level", anImport.level)
            writer.field("alias", anImport.alias)
            writer.key("names")
            writer.beginArray()
            for name in anImport.names {
                writer.beginObject()
                writer.field("name", name.name)
                writer.field("alias", name.alias)
                writer.endObject()
            }
            writer.endArray()
            writer.field("line", anImport.location.line)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
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
