import CodeModel

/// The numbers Prognosis keeps for one function-like definition. Each rule is written down, with
/// examples that are also tests, in `Grammars/metrics.md`.
public struct FunctionMetrics: Sendable, Hashable, Codable {
    public var name: String
    public var qualifiedName: String
    public var kind: Definition.Kind
    public var startLine: Int
    public var endLine: Int
    /// McCabe: decisions + 1, counted as lizard counts them (see `CyclomaticComplexity`).
    public var cyclomatic: Int
    /// SonarSource's cognitive complexity (see `CognitiveComplexity`).
    public var cognitive: Int
    /// Deepest nesting of control structures in the body; a straight-line body is 0.
    public var maxNesting: Int
    /// Lines of the span holding code (not blank, not only a comment).
    public var lines: Int
    public var parameters: Int
    /// Explicit exits: `return`, and `raise`/`throw`.
    public var returns: Int

    public init(name: String, qualifiedName: String, kind: Definition.Kind, startLine: Int, endLine: Int,
                cyclomatic: Int, cognitive: Int, maxNesting: Int, lines: Int, parameters: Int, returns: Int) {
        self.name = name
        self.qualifiedName = qualifiedName
        self.kind = kind
        self.startLine = startLine
        self.endLine = endLine
        self.cyclomatic = cyclomatic
        self.cognitive = cognitive
        self.maxNesting = maxNesting
        self.lines = lines
        self.parameters = parameters
        self.returns = returns
    }
}

/// One file: its functions and what they add up to.
public struct FileMetrics: Sendable, Hashable, Codable {
    public var path: String
    public var language: Language
    public var lines: Int
    public var codeLines: Int
    /// Syntax errors the frontend reported; the metrics cover what it recovered.
    public var diagnostics: [Diagnostic]
    public var functions: [FunctionMetrics]
    /// Functions left out by a `prognosis: ignore` comment.
    public var suppressed: Int
    public var imports: [Import]
    /// Sums and maxima over the functions. The cognitive sum takes only the outermost ones: a
    /// nested function's increments are already inside its parent's.
    public var totalCyclomatic: Int
    public var totalCognitive: Int
    public var maxCyclomatic: Int
    public var maxCognitive: Int
    public var maxNesting: Int

    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
}
