import CodeModel
import PythonFrontend
import SwiftSyntax

/// A rule: its description (with examples) and how it finds matches. The engine adds the
/// function each finding sits in, applies suppressions and re-parses every edit.
public protocol FixRule: Sendable {
    var description: RuleDescription { get }
}

/// A Python rule reads our parser's facts: positions of comparisons, calls, handlers, …
public protocol PythonRule: FixRule {
    func findings(in file: PythonFile) -> [RuleFinding]
}

/// A Swift rule walks swift-syntax's tree; positions are its nodes' byte offsets.
public protocol SwiftRule: FixRule {
    func findings(in file: SwiftFile) -> [RuleFinding]
}

/// One parsed Python file as rules see it.
public struct PythonFile: Sendable {
    public let path: String
    public let unit: SourceUnit
    public let facts: PythonFacts
    public let text: SourceText

    /// A finding at a byte offset.
    public func finding(_ rule: RuleDescription, at offset: Int, end: Int? = nil, message: String,
                        edits: [SourceEdit] = [], sketch: String? = nil) -> RuleFinding {
        RuleFinding(ruleID: rule.id, path: path, line: text.line(of: offset), column: text.column(of: offset),
                    endLine: text.line(of: end ?? offset), offset: offset, message: message,
                    edits: rule.safety == .safe ? edits : [], sketch: sketch)
    }

    public func text(_ span: PythonFacts.Span) -> String { text.text(span.start, span.end) }

    /// Names bound at module level (definitions, imports, assignments): where they shadow a
    /// builtin, a call to that name is not the builtin.
    public var moduleBindings: Set<String> {
        var names = facts.moduleNames
        for definition in unit.definitions where definition.parent == nil { names.insert(definition.name) }
        for item in unit.imports where item.scope == nil {
            if item.names.isEmpty {
                names.insert(item.alias ?? String(item.module.split(separator: ".").first ?? ""))
            } else {
                for name in item.names { names.insert(name.alias ?? name.name) }
            }
        }
        return names
    }

    /// Module-level `from collections import X` names, and whether `collections` itself is imported.
    public func importedFrom(_ module: String) -> Set<String> {
        var names: Set<String> = []
        for item in unit.imports where item.module == module && item.level == 0 {
            for name in item.names { names.insert(name.alias ?? name.name) }
        }
        return names
    }

    public func imports(_ module: String) -> Bool {
        unit.imports.contains { $0.names.isEmpty && $0.module == module && $0.alias == nil }
    }

    /// The statements directly or indirectly inside a span, in source order.
    public func firstStatement(in span: PythonFacts.Span, after offset: Int) -> PythonFacts.Statement? {
        var best: PythonFacts.Statement?
        for statement in facts.statements where statement.span.start > offset && statement.span.end <= span.end {
            if best == nil || statement.span.start < best!.span.start { best = statement }
        }
        return best
    }

    /// The innermost function whose body holds `offset`.
    public func enclosingFunction(_ offset: Int) -> PythonFacts.Function? {
        var best: PythonFacts.Function?
        for function in facts.functions where function.nameSpan.end < offset && offset < function.span.end {
            if best == nil || function.span.start > best!.span.start { best = function }
        }
        return best
    }
}

/// One parsed Swift file as rules see it.
public struct SwiftFile {
    public let path: String
    public let unit: SourceUnit
    public let tree: SourceFileSyntax
    public let text: SourceText

    public func finding(_ rule: RuleDescription, at position: AbsolutePosition, end: AbsolutePosition? = nil,
                        message: String, edits: [SourceEdit] = [], sketch: String? = nil) -> RuleFinding {
        let offset = position.utf8Offset
        return RuleFinding(ruleID: rule.id, path: path, line: text.line(of: offset), column: text.column(of: offset),
                           endLine: text.line(of: end?.utf8Offset ?? offset), offset: offset, message: message,
                           edits: rule.safety == .safe ? edits : [], sketch: sketch)
    }
}
