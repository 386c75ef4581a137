/// A rule's finding (an error-prone pattern), kept apart from model predictions everywhere:
/// in SARIF by rule id, in the HTML by section and legend.
public struct Finding: Codable, Sendable {
    public var ruleID: String
    public var message: String
    public var path: String
    public var line: Int
    public var endLine: Int
    public var severity: Severity

    public init(ruleID: String, message: String, path: String, line: Int, endLine: Int, severity: Severity) {
        self.ruleID = ruleID
        self.message = message
        self.path = path
        self.line = line
        self.endLine = endLine
        self.severity = severity
    }
}
