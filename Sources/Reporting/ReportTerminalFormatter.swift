import Foundation
import ReportModel
import Support

/// The report's summary for a terminal: at most 80 columns, colour only when asked (the CLI
/// asks on a TTY without NO_COLOR), repository text escaped.
public enum ReportTerminalFormatter {
    public static let width = 80

    public static func render(_ report: RiskReport, top: Int = 10, colour: Bool) -> String {
        var lines: [String] = []
        lines.append(fit("\(TerminalText.line(report.repository)) at \(report.revision.prefix(10))"))
        for model in report.models {
            var line = "  \(model.level): \(model.source) model"
            if let ours = model.backtest.first(where: \.isModel) {
                line += String(format: ", back-test ROC-AUC %.2f, R@20%%E %.2f", ours.rocAUC, ours.recallAt20)
            }
            lines.append(fit(line))
        }
        lines.append("riskiest functions:")
        for item in report.functions.prefix(top) {
            lines.append(row(item.risk, "\(item.path):\(item.startLine ?? 0) \(item.name ?? "")", report.thresholds, colour))
        }
        lines.append("riskiest files:")
        for item in report.files.prefix(top) { lines.append(row(item.risk, item.path, report.thresholds, colour)) }
        return lines.joined(separator: "\n")
    }

    static func row(_ risk: Double, _ what: String, _ thresholds: RiskThresholds, _ colour: Bool) -> String {
        var badge = String(format: "%4.0f%%", risk * 100)
        if colour {
            let code = switch thresholds.severity(of: risk) { case .error: "31"; case .warning: "33"; case .note: "32" }
            badge = "\u{1B}[\(code)m\(badge)\u{1B}[0m"
        }
        return "  " + badge + "  " + fit(TerminalText.line(what), width - 9)
    }

    /// Word-wraps a sentence into lines of at most `width` characters, later lines indented.
    public static func wrap(_ text: String, indent: String = "  ") -> String {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if candidate.count > width, !line.isEmpty {
                lines.append(line)
                line = indent + word
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { clip($0) }.joined(separator: "\n")
    }

    /// Cuts a line to `limit` characters, keeping its start (sentences say most at the start).
    public static func clip(_ text: String, _ limit: Int = width) -> String {
        text.count <= limit ? text : text.prefix(limit - 1) + "…"
    }

    /// Cuts a line to `limit` characters, keeping its end (paths say most at the end).
    public static func fit(_ text: String, _ limit: Int = width) -> String {
        text.count <= limit ? text : "…" + text.suffix(limit - 1)
    }
}
