/// What a frontend learned about one file: the language-neutral view every later pass reads
/// (metrics, history attribution, fixes). Both frontends fill the same shape so no pass needs to
/// know which language it is looking at, except where a rule is documented per language.
public struct SourceUnit: Sendable, Hashable, Codable {
    public var path: String
    public var language: Language
    /// Number of lines, counting a final line without a newline.
    public var lineCount: Int
    /// Classes, types and functions in source order (a parent always precedes its children).
    public var definitions: [Definition]
    public var imports: [Import]
    public var diagnostics: [Diagnostic]
    /// The control-flow skeleton: only the nodes metrics and history need, in pre-order.
    public var syntax: SyntaxTree
    /// Comments, kept for suppression markers (`# prognosis: ignore`) and type comments.
    public var comments: [Comment]

    public init(path: String, language: Language, lineCount: Int = 0, definitions: [Definition] = [],
                imports: [Import] = [], diagnostics: [Diagnostic] = [], syntax: SyntaxTree = SyntaxTree(),
                comments: [Comment] = []) {
        self.path = path
        self.language = language
        self.lineCount = lineCount
        self.definitions = definitions
        self.imports = imports
        self.diagnostics = diagnostics
        self.syntax = syntax
        self.comments = comments
    }

    /// True when the frontend reported no error: the file is what the language accepts.
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
}

public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case python
    case swift

    /// The language a path's extension names, or nil for files Prognosis does not read.
    public init?(path: String) {
        if path.hasSuffix(".py") || path.hasSuffix(".pyi") {
            self = .python
        } else if path.hasSuffix(".swift") {
            self = .swift
        } else {
            return nil
        }
    }
}

/// A point in a file. Lines and columns are 1-based; columns count UTF-8 bytes, as swift-syntax
/// does and as CPython's `col_offset` does (plus one), so both frontends and both oracles agree.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A half-open range: `end` is the position just after the last character.
public struct SourceSpan: Sendable, Hashable, Codable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    public func contains(line: Int) -> Bool { start.line <= line && line <= end.line }
}

public struct Comment: Sendable, Hashable, Codable {
    public var span: SourceSpan
    /// The text without the comment marker, trimmed.
    public var text: String

    public init(span: SourceSpan, text: String) {
        self.span = span
        self.text = text
    }
}

public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public var description: String { "\(location.line):\(location.column): \(severity.rawValue): \(message)" }
}
