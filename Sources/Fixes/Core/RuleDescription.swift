import CodeModel

/// What a rule is, for `prognosis rules`, for the tests (its examples) and for commit messages.
public struct RuleDescription: Sendable {
    /// `safe` rewrites go on branches; `suggestion` findings are only reported, with a sketch.
    public enum Safety: String, Sendable, Codable {
        case safe
        case suggestion
    }

    public var id: String
    public var language: Language
    public var title: String
    /// Why the pattern breaks: the first paragraph of a fix commit's message.
    public var rationale: String
    /// Why the rewrite keeps behaviour: the commit message's "why it is safe".
    public var safetyNote: String
    public var safety: Safety
    /// ruff's code for the same check, where ruff has one: ruff is this rule's oracle.
    public var ruffCode: String?
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]

    public init(id: String, language: Language, title: String, rationale: String, safetyNote: String,
                safety: Safety, ruffCode: String? = nil, triggering: [RuleExample], nonTriggering: [RuleExample]) {
        self.id = id
        self.language = language
        self.title = title
        self.rationale = rationale
        self.safetyNote = safetyNote
        self.safety = safety
        self.ruffCode = ruffCode
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }
}
