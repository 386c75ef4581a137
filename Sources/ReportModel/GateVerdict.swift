/// A function the change touches, with its risk from the latest report (nil when none was written).
public struct TouchedFunction: Codable, Sendable {
    public var path: String
    public var name: String
    public var risk: Double?

    public init(path: String, name: String, risk: Double?) {
        self.path = path
        self.name = name
        self.risk = risk
    }
}

/// What the gate decided and why.
public struct GateVerdict: Codable, Sendable {
    public static let schemaVersion = 1
    public var schemaVersion = GateVerdict.schemaVersion
    /// "staged", a commit id, or "A..B".
    public var change: String
    /// The riskiest scored commit's (the staged change counts as one); nil when nothing was scored.
    public var risk: Double?
    public var low: Double?
    public var high: Double?
    public var reasons: [ReportReason]
    public var commits: [CommitRisk]
    public var touched: [TouchedFunction]
    public var threshold: Double
    public var blocked: Bool
    public var model: String
    public var notes: [String]
    /// "state" (HEAD's stored state was read), "advanced state" (the stored state of an
    /// ancestor, moved forward to HEAD), "replay" (the history was replayed), or "store"
    /// (stored commits were scored).
    public var scoredFrom = "store"
    /// Milliseconds spent in each phase of a staged check, in order; only when PROGNOSIS_TIMINGS
    /// is set (the benchmark reads them), so it is absent from ordinary output.
    public var timings: [Timing]?

    public struct Timing: Codable, Sendable {
        public var phase: String
        public var milliseconds: Double
        public init(phase: String, milliseconds: Double) {
            self.phase = phase
            self.milliseconds = milliseconds
        }
    }

    public init(change: String, risk: Double?, low: Double?, high: Double?, reasons: [ReportReason], commits: [CommitRisk],
                touched: [TouchedFunction], threshold: Double, blocked: Bool, model: String, notes: [String]) {
        self.change = change
        self.risk = risk
        self.low = low
        self.high = high
        self.reasons = reasons
        self.commits = commits
        self.touched = touched
        self.threshold = threshold
        self.blocked = blocked
        self.model = model
        self.notes = notes
    }
}
