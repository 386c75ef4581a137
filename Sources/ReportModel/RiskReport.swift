/// Everything one report says, as plain values: the HTML, JSON, SARIF and terminal formatters
/// all read this and nothing else, so they can never disagree about a number.
public struct RiskReport: Codable, Sendable {
    /// Bumped whenever a field changes meaning or goes away (adding one does not bump it).
    public static let schemaVersion = 1

    public var schemaVersion = RiskReport.schemaVersion
    public var repository: String
    public var revision: String
    public var revisionTime: Int64
    public var generatedAt: Int64
    public var thresholds: RiskThresholds
    /// One per level, in the order commit, file, function: which model scored it and how it back-tested.
    public var models: [ModelSummary]
    public var files: [RiskItem]
    public var functions: [RiskItem]
    public var commits: [CommitRisk]
    public var trend: [TrendPoint]
    public var coupling: [Coupling]
    public var details: [Detail]
    /// Rule findings (the fix rules); empty until rules run.
    public var findings: [Finding]
    public var notes: [String]

    public init(repository: String, revision: String, revisionTime: Int64, generatedAt: Int64, thresholds: RiskThresholds,
                models: [ModelSummary], files: [RiskItem], functions: [RiskItem], commits: [CommitRisk], trend: [TrendPoint],
                coupling: [Coupling], details: [Detail], findings: [Finding] = [], notes: [String] = []) {
        self.repository = repository
        self.revision = revision
        self.revisionTime = revisionTime
        self.generatedAt = generatedAt
        self.thresholds = thresholds
        self.models = models
        self.files = files
        self.functions = functions
        self.commits = commits
        self.trend = trend
        self.coupling = coupling
        self.details = details
        self.findings = findings
        self.notes = notes
    }
}

/// Where a risk becomes a warning and where it becomes an error (SARIF levels, colours, the gate).
public struct RiskThresholds: Codable, Sendable, Equatable {
    public var warning: Double
    public var error: Double

    public init(warning: Double = 0.3, error: Double = 0.6) {
        self.warning = warning
        self.error = error
    }

    public func severity(of risk: Double) -> Severity {
        risk >= error ? .error : risk >= warning ? .warning : .note
    }
}

public enum Severity: String, Codable, Sendable, Comparable {
    case note, warning, error

    private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

public struct ModelSummary: Codable, Sendable {
    public var level: String
    /// "repository", "default" or "blend".
    public var source: String
    public var booster: String
    public var examples: Int
    public var positives: Int
    public var trainedUntil: String?
    public var note: String?
    /// Our model first, then the baselines; empty when it was never back-tested.
    public var backtest: [BacktestRow]

    public init(level: String, source: String, booster: String, examples: Int, positives: Int, trainedUntil: String?,
                note: String?, backtest: [BacktestRow]) {
        self.level = level
        self.source = source
        self.booster = booster
        self.examples = examples
        self.positives = positives
        self.trainedUntil = trainedUntil
        self.note = note
        self.backtest = backtest
    }
}

public struct BacktestRow: Codable, Sendable {
    public var name: String
    public var rocAUC: Double
    public var recallAt20: Double
    public var isModel: Bool

    public init(name: String, rocAUC: Double, recallAt20: Double, isModel: Bool) {
        self.name = name
        self.rocAUC = rocAUC
        self.recallAt20 = recallAt20
        self.isModel = isModel
    }
}

/// One signed reason: + raises the risk, − lowers it.
public struct ReportReason: Codable, Sendable {
    public var feature: String
    public var weight: Double
    public var text: String

    public init(feature: String, weight: Double, text: String) {
        self.feature = feature
        self.weight = weight
        self.text = text
    }
}

/// A scored file or function.
public struct RiskItem: Codable, Sendable {
    /// Stable within one report: "f:path" or "fn:path:line:name"; details are keyed by it.
    public var id: String
    public var path: String
    public var name: String?
    public var startLine: Int?
    public var endLine: Int?
    public var isTest: Bool
    public var risk: Double
    public var low: Double
    public var high: Double
    public var reasons: [ReportReason]
    /// Measurements shown beside the risk (lines, complexity, changes, fixes, …).
    public var metrics: [String: Double]

    public init(id: String, path: String, name: String?, startLine: Int?, endLine: Int?, isTest: Bool, risk: Double, low: Double,
                high: Double, reasons: [ReportReason], metrics: [String: Double]) {
        self.id = id
        self.path = path
        self.name = name
        self.startLine = startLine
        self.endLine = endLine
        self.isTest = isTest
        self.risk = risk
        self.low = low
        self.high = high
        self.reasons = reasons
        self.metrics = metrics
    }
}

public struct CommitRisk: Codable, Sendable {
    public var sha: String
    public var time: Int64
    public var author: String
    public var subject: String
    public var risk: Double
    public var low: Double
    public var high: Double
    public var reasons: [ReportReason]

    public init(sha: String, time: Int64, author: String, subject: String, risk: Double, low: Double, high: Double,
                reasons: [ReportReason]) {
        self.sha = sha
        self.time = time
        self.author = author
        self.subject = subject
        self.risk = risk
        self.low = low
        self.high = high
        self.reasons = reasons
    }
}

/// One point of the trends: backfilled at month ends from history, or recorded by a scan.
public struct TrendPoint: Codable, Sendable {
    public var time: Int64
    public var revision: String
    /// Mean predicted risk of the commits of the month before the point (nil without commits).
    public var risk: Double?
    /// Total cyclomatic complexity of the code at the point.
    public var complexity: Double
    /// Files both complex and often changed in the 90 days before the point.
    public var hotspots: Int
    /// "backfill" or "scan".
    public var source: String

    public init(time: Int64, revision: String, risk: Double?, complexity: Double, hotspots: Int, source: String) {
        self.time = time
        self.revision = revision
        self.risk = risk
        self.complexity = complexity
        self.hotspots = hotspots
        self.source = source
    }
}

/// Two files that change together without either importing the other.
public struct Coupling: Codable, Sendable {
    public var first: String
    public var second: String
    public var together: Int
    /// Shared commits over the commits of the file that changes less.
    public var degree: Double

    public init(first: String, second: String, together: Int, degree: Double) {
        self.first = first
        self.second = second
        self.together = together
        self.degree = degree
    }
}

/// What a row's detail view shows: its source with the lines later-fixed commits wrote, and its story.
public struct Detail: Codable, Sendable {
    public var id: String
    public var firstLine: Int
    public var lines: [String]
    /// Line numbers (1-based, in the file) written by commits later fixed.
    public var fixedLines: [Int]
    public var story: [StoryEvent]
    public var authors: [String]
    /// True when the source was cut to its first lines.
    public var truncated: Bool

    public init(id: String, firstLine: Int, lines: [String], fixedLines: [Int], story: [StoryEvent], authors: [String],
                truncated: Bool) {
        self.id = id
        self.firstLine = firstLine
        self.lines = lines
        self.fixedLines = fixedLines
        self.story = story
        self.authors = authors
        self.truncated = truncated
    }
}

public struct StoryEvent: Codable, Sendable {
    public var sha: String
    public var time: Int64
    public var author: String
    public var subject: String
    /// "fix", "bug-introducing" (a later fix traced its lines back here), or "change".
    public var kind: String

    public init(sha: String, time: Int64, author: String, subject: String, kind: String) {
        self.sha = sha
        self.time = time
        self.author = author
        self.subject = subject
        self.kind = kind
    }
}
