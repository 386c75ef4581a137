import CodeModel
import PythonFrontend
import SwiftFrontend

/// Runs the enabled rules over one file: one parse, every rule, suppressions, the function each
/// finding sits in, and a re-parse of every edit (an edit that does not parse is dropped and
/// counted, never offered).
public struct FixEngine: Sendable {
    public var rules: [any FixRule]

    public init(rules: [any FixRule] = RuleRegistry.all) {
        self.rules = rules
    }

    /// What the rules found in one file.
    public struct FileResult: Sendable {
        public var path: String
        public var findings: [RuleFinding] = []
        /// Why no rule ran (syntax errors, not UTF-8, unknown language), or nil.
        public var skipped: String?
        /// Findings whose edit did not re-parse: their edits were dropped.
        public var rejectedEdits: [RuleFinding] = []
        public var suppressed = 0

        public init(path: String, skipped: String? = nil) {
            self.path = path
            self.skipped = skipped
        }
    }

    public func analyze(path: String, bytes: [UInt8]) -> FileResult {
        var result = FileResult(path: path)
        guard let language = Language(path: path) else {
            result.skipped = "not Python or Swift"
            return result
        }
        // One parse, then every rule of the language; a file that does not parse gets no rule.
        let outcome = language == .python ? runPython(path: path, bytes: bytes) : runSwift(path: path, bytes: bytes)
        guard let (unit, raw) = outcome.ran else {
            result.skipped = outcome.skipped
            return result
        }
        let suppression = Suppression(comments: unit.comments)
        let ruffCodes = Dictionary(rules.map { ($0.description.id, $0.description.ruffCode) }, uniquingKeysWith: { a, _ in a })
        for var finding in raw {
            if suppression.silences(finding, ruffCode: ruffCodes[finding.ruleID] ?? nil) {
                result.suppressed += 1
                continue
            }
            if let function = Self.innermostFunction(in: unit, line: finding.line) {
                finding.function = function.qualifiedName
                finding.functionLine = function.span.start.line
            }
            if !finding.edits.isEmpty, let failure = Self.reparseFailure(language: language, path: path,
                                                                          bytes: bytes, edits: finding.edits) {
                var rejected = finding
                rejected.sketch = "the edit was dropped: it would not parse (\(failure))"
                result.rejectedEdits.append(rejected)
                finding.edits = []
                finding.sketch = finding.sketch ?? rejected.sketch
            }
            result.findings.append(finding)
        }
        result.findings.sort { ($0.offset, $0.ruleID) < ($1.offset, $1.ruleID) }
        return result
    }

    private typealias Outcome = (ran: (unit: SourceUnit, findings: [RuleFinding])?, skipped: String?)

    private func runPython(path: String, bytes: [UInt8]) -> Outcome {
        let rulesHere = rules.compactMap { $0 as? any PythonRule }
        guard !rulesHere.isEmpty else { return (nil, nil) }
        let parsed = PythonFrontend().parseWithFacts(bytes, path: path)
        guard parsed.unit.isValid else { return (nil, "does not parse") }
        guard parsed.source == bytes else {
            return (nil, "its decoded text differs from its bytes (a byte-order mark or a PEP 263 encoding): edits would not map back")
        }
        let file = PythonFile(path: path, unit: parsed.unit, facts: parsed.facts, text: SourceText(bytes))
        return ((parsed.unit, rulesHere.flatMap { $0.findings(in: file) }), nil)
    }

    private func runSwift(path: String, bytes: [UInt8]) -> Outcome {
        let rulesHere = rules.compactMap { $0 as? any SwiftRule }
        guard !rulesHere.isEmpty else { return (nil, nil) }
        let parsed = SwiftFrontend().parseWithTree(bytes, path: path)
        guard parsed.unit.isValid else { return (nil, "does not parse") }
        let file = SwiftFile(path: path, unit: parsed.unit, tree: parsed.tree, text: SourceText(bytes))
        return ((parsed.unit, rulesHere.flatMap { $0.findings(in: file) }), nil)
    }

    /// Nil when the edited file parses without errors; otherwise the first error.
    public static func reparseFailure(language: Language, path: String, bytes: [UInt8], edits: [SourceEdit]) -> String? {
        let edited: [UInt8]
        do { edited = try SourceEdit.apply(edits, to: bytes) } catch { return "\(error)" }
        return parseFailure(language: language, path: path, bytes: edited)
    }

    public static func parseFailure(language: Language, path: String, bytes: [UInt8]) -> String? {
        let unit = language == .python ? PythonFrontend().parse(bytes, path: path) : SwiftFrontend().parse(bytes, path: path)
        guard let error = unit.diagnostics.first(where: { $0.severity == .error }) else { return nil }
        return "\(error.location.line):\(error.location.column): \(error.message)"
    }

    static func innermostFunction(in unit: SourceUnit, line: Int) -> Definition? {
        var best: Definition?
        for definition in unit.definitions where definition.kind.isFunctionLike && definition.kind != .closure
            && definition.span.start.line <= line && line <= definition.span.end.line {
            if best == nil || definition.span.start >= best!.span.start { best = definition }
        }
        return best
    }
}
