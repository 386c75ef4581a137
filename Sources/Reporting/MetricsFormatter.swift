import CodeModel
import Foundation
import Support
import Metrics

/// Everything `prognosis metrics` found, ready to print.
public struct MetricsReport: Sendable {
    public var files: [FileMetrics]
    public var failures: [(path: String, message: String)]
    public var graph: DependencyGraph
    /// The commit measured, or nil for the work tree.
    public var revision: String?
    public var excluded: Int
    public var vendored: Int
    public var generated: Int

    public init(files: [FileMetrics], failures: [(path: String, message: String)], graph: DependencyGraph,
                revision: String?, excluded: Int = 0, vendored: Int = 0, generated: Int = 0) {
        self.files = files
        self.failures = failures
        self.graph = graph
        self.revision = revision
        self.excluded = excluded
        self.vendored = vendored
        self.generated = generated
    }

    public enum SortKey: String, CaseIterable, Sendable {
        case cognitive, cyclomatic, nesting, lines, parameters, returns, name, path
    }

    /// Functions ranked by `key`, most complex first (names and paths ascending), ties broken by
    /// path and line so the order is stable.
    public func ranked(by key: SortKey, top: Int?) -> [(file: FileMetrics, function: FunctionMetrics)] {
        var all: [(file: FileMetrics, function: FunctionMetrics)] = []
        for file in files { for function in file.functions { all.append((file, function)) } }
        func value(_ f: FunctionMetrics) -> Int {
            switch key {
            case .cognitive: return f.cognitive
            case .cyclomatic: return f.cyclomatic
            case .nesting: return f.maxNesting
            case .lines: return f.lines
            case .parameters: return f.parameters
            case .returns: return f.returns
            case .name, .path: return 0
            }
        }
        all.sort { a, b in
            switch key {
            case .name:
                if a.function.qualifiedName != b.function.qualifiedName { return a.function.qualifiedName < b.function.qualifiedName }
            case .path:
                break
            default:
                let (x, y) = (value(a.function), value(b.function))
                if x != y { return x > y }
            }
            if a.file.path != b.file.path { return a.file.path < b.file.path }
            return a.function.startLine < b.function.startLine
        }
        if let top { return Array(all.prefix(top)) }
        return all
    }
}

public enum MetricsFormatter {
    public static let jsonVersion = 1

    // MARK: Table

    public static func table(_ report: MetricsReport, sort: MetricsReport.SortKey, top: Int?) -> String {
        let rows = report.ranked(by: sort, top: top)
        var lines: [String] = []
        lines.append(pad("COG", 5) + pad("CC", 5) + pad("NEST", 5) + pad("LINES", 6) + pad("PARAMS", 7) + "FUNCTION  LOCATION")
        for (file, function) in rows {
            lines.append(pad(String(function.cognitive), 5) + pad(String(function.cyclomatic), 5)
                         + pad(String(function.maxNesting), 5) + pad(String(function.lines), 6)
                         + pad(String(function.parameters), 7)
                         + "\(function.qualifiedName)  \(file.path):\(function.startLine)-\(function.endLine)")
        }
        let functionCount = report.files.reduce(0) { $0 + $1.functions.count }
        if let top, functionCount > top {
            lines.append("… \(functionCount - top) more functions (--top to show more)")
        }
        lines.append("")
        lines.append(summary(report))
        for cycle in report.graph.cycles.prefix(10) {
            lines.append("import cycle: " + (cycle + [cycle[0]]).joined(separator: " → "))
        }
        if report.graph.cycles.count > 10 { lines.append("… \(report.graph.cycles.count - 10) more import cycles") }
        return lines.joined(separator: "\n")
    }

    public static func summary(_ report: MetricsReport) -> String {
        let functions = report.files.reduce(0) { $0 + $1.functions.count }
        let invalid = report.files.filter { !$0.isValid }.count
        let suppressed = report.files.reduce(0) { $0 + $1.suppressed }
        var parts = ["\(report.files.count) files", "\(functions) functions"]
        if suppressed > 0 { parts.append("\(suppressed) suppressed") }
        if invalid > 0 { parts.append("\(invalid) with syntax errors") }
        if !report.failures.isEmpty { parts.append("\(report.failures.count) not read") }
        let skipped = report.excluded + report.vendored + report.generated
        if skipped > 0 {
            parts.append("skipped \(report.excluded) excluded, \(report.vendored) vendored, \(report.generated) generated")
        }
        parts.append("\(report.graph.modules.count) modules, \(report.graph.cycles.count) import cycles")
        if let revision = report.revision { parts.append("at \(revision)") }
        return parts.joined(separator: "; ")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    // MARK: CSV

    public static let csvHeader = "path,language,qualified_name,name,kind,start_line,end_line,cyclomatic,cognitive,max_nesting,lines,parameters,returns"

    public static func csv(_ report: MetricsReport, sort: MetricsReport.SortKey, top: Int?) -> String {
        var lines = [csvHeader]
        for (file, f) in report.ranked(by: sort, top: top) {
            lines.append([quote(file.path), file.language.rawValue, quote(f.qualifiedName), quote(f.name), f.kind.rawValue,
                          String(f.startLine), String(f.endLine), String(f.cyclomatic), String(f.cognitive),
                          String(f.maxNesting), String(f.lines), String(f.parameters), String(f.returns)]
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: JSON

    /// `{"version":1,"revision","files":[{"path","language","lines","codeLines","valid",
    /// "diagnostics","module","fanIn","fanOut","instability","totals":{…},"suppressed",
    /// "functions":[{"name","qualifiedName","kind","startLine","endLine","cyclomatic",
    /// "cognitive","maxNesting","lines","parameters","returns"}]}],"modules":[…],"cycles":[…],
    /// "failures":[{"path","message"}]}`. With `--top`, only the top functions are listed.
    public static func json(_ report: MetricsReport, sort: MetricsReport.SortKey, top: Int?) -> [UInt8] {
        let keep: [String: Set<Int>]? = top.map { top in
            var selected: [String: Set<Int>] = [:]
            for (file, function) in report.ranked(by: sort, top: top) { selected[file.path, default: []].insert(function.startLine) }
            return selected
        }
        var w = JSONWriter()
        w.beginObject()
        w.field("version", jsonVersion)
        w.field("revision", report.revision)
        w.key("files")
        w.beginArray()
        // Files are written in parallel chunks (a large repository's JSON is tens of MB) and
        // joined in order: the bytes are the same as one writer's.
        let chunkCount = min(report.files.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        if chunkCount > 0 {
            let chunks = ResultSlots<JSONWriter>(count: chunkCount)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let range = (chunk * report.files.count / chunkCount)..<((chunk + 1) * report.files.count / chunkCount)
                var part = JSONWriter(elementsAtDepth: 2, capacity: keep == nil ? range.count * 8_192 : 1 << 12)
                for file in report.files[range] { jsonFile(file, report: report, keep: keep, &part) }
                chunks.set(chunk, part)
            }
            for part in chunks.values() { w.append(elementsOf: part) }
        }
        w.endArray()
        w.key("modules")
        w.beginArray()
        for module in report.graph.modules {
            w.beginObject()
            w.field("name", module.name)
            w.field("language", module.language.rawValue)
            w.field("files", module.files.count)
            coupling(module, &w)
            w.field("imports", module.imports)
            w.endObject()
        }
        w.endArray()
        w.key("cycles")
        w.beginArray()
        for cycle in report.graph.cycles {
            w.beginArray()
            for name in cycle { w.value(name) }
            w.endArray()
        }
        w.endArray()
        w.key("failures")
        w.beginArray()
        for failure in report.failures {
            w.beginObject()
            w.field("path", failure.path)
            w.field("message", failure.message)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.newlineAtEnd()
        return JSONText.rawBytesEscaped(w.bytes)
    }

    /// One element of the `files` array.
    private static func jsonFile(_ file: FileMetrics, report: MetricsReport, keep: [String: Set<Int>]?,
                                 _ w: inout JSONWriter) {
        if let keep, keep[file.path] == nil { return }
        w.beginObject()
        w.field("path", file.path)
        w.field("language", file.language.rawValue)
        w.field("lines", file.lines)
        w.field("codeLines", file.codeLines)
        w.field("valid", file.isValid)
        w.key("diagnostics")
        w.beginArray()
        for diagnostic in file.diagnostics {
            w.beginObject()
            w.field("line", diagnostic.location.line)
            w.field("column", diagnostic.location.column)
            w.field("message", diagnostic.message)
            w.endObject()
        }
        w.endArray()
        if let moduleName = report.graph.moduleOfFile[file.path], let module = report.graph.module(named: moduleName) {
            w.field("module", module.name)
            coupling(module, &w)
        }
        w.key("totals")
        w.beginObject()
        w.field("cyclomatic", file.totalCyclomatic)
        w.field("cognitive", file.totalCognitive)
        w.field("maxCyclomatic", file.maxCyclomatic)
        w.field("maxCognitive", file.maxCognitive)
        w.field("maxNesting", file.maxNesting)
        w.endObject()
        w.field("suppressed", file.suppressed)
        w.key("functions")
        w.beginArray()
        for f in file.functions {
            if let keep, !(keep[file.path]?.contains(f.startLine) ?? false) { continue }
            w.beginObject()
            w.field("name", f.name)
            w.field("qualifiedName", f.qualifiedName)
            w.field("kind", f.kind.rawValue)
            w.field("startLine", f.startLine)
            w.field("endLine", f.endLine)
            w.field("cyclomatic", f.cyclomatic)
            w.field("cognitive", f.cognitive)
            w.field("maxNesting", f.maxNesting)
            w.field("lines", f.lines)
            w.field("parameters", f.parameters)
            w.field("returns", f.returns)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private static func coupling(_ module: DependencyGraph.Module, _ w: inout JSONWriter) {
        w.field("fanIn", module.fanIn)
        w.field("fanOut", module.fanOut)
        w.field("instability", module.instability)
    }
}

