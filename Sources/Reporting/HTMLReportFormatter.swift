import Foundation
import Mustache
import ReportModel
import ReportTemplates

/// `report --format html`: one self-contained page rendered from `Reports/templates` with
/// swift-mustache. Mustache escapes every `{{value}}`; this file only shapes values (numbers
/// as text, chart coordinates) and never builds markup from repository text.
public enum HTMLReportFormatter {
    /// Rows rendered into the page itself (the script re-renders them with sorting and paging).
    static let staticRows = 25

    public static func render(_ report: RiskReport) throws -> String {
        let template = try MustacheTemplate(string: try ReportTemplates.text("report.html.mustache", in: "templates"))
        let css = try ReportTemplates.text("report.css", in: "assets")
        let js = try ReportTemplates.text("report.js", in: "assets")
        return template.render(try context(report, css: css, js: js))
    }

    static func context(_ report: RiskReport, css: String, js: String) throws -> [String: Any] {
        let thresholds = report.thresholds
        return [
            "repository": visible(report.repository),
            "revision": report.revision,
            "shortRevision": String(report.revision.prefix(10)),
            "revisionDate": date(report.revisionTime),
            "generatedDate": date(report.generatedAt, time: true),
            "schemaVersion": RiskReport.schemaVersion,
            "warning": String(format: "%.0f%%", thresholds.warning * 100),
            "error": String(format: "%.0f%%", thresholds.error * 100),
            "models": report.models.map(model),
            "hasFindings": !report.findings.isEmpty,
            "hasNotes": !report.notes.isEmpty,
            "notes": report.notes.map(visible),
            "functionCount": report.functions.count,
            "fileCount": report.files.count,
            "topFunctions": report.functions.prefix(staticRows).map { row($0, thresholds) },
            "topFiles": report.files.prefix(staticRows).map { row($0, thresholds) },
            "commits": report.commits.map { commit($0, thresholds) },
            "coupling": report.coupling.map { ["first": visible($0.first), "second": visible($0.second), "together": $0.together,
                                               "degree": String(format: "%.2f", $0.degree)] as [String: Any] },
            "trendCharts": trendCharts(report.trend),
            "trendBackfilled": report.trend.filter { $0.source == "backfill" }.count,
            "trendScans": report.trend.filter { $0.source == "scan" }.count,
            "css": css,
            "js": js,
            "dataJSON": try ReportJSONFormatter.scriptSafe(report),
        ]
    }

    static func model(_ summary: ModelSummary) -> [String: Any] {
        let sourceText = switch summary.source {
        case "repository": "This repository's own model"
        case "blend": "This repository's model blended with the shipped default"
        // The note says why the default scored (an own model with too few examples, or one that
        // back-tested worse); without a note there is no own model at all.
        default: summary.note == nil ? "The shipped default model (this repository has no model of its own yet)"
            : "The shipped default model"
        }
        let rows = summary.backtest.enumerated().map { offset, row -> [String: Any] in
            let auc = row.rocAUC.isNaN ? 0 : row.rocAUC, recall = row.recallAt20.isNaN ? 0 : row.recallAt20
            return ["name": visible(row.name), "isModel": row.isModel, "y": 16 + offset * 16,
                    "aucWidth": String(format: "%.1f", auc * 80), "aucLabelX": String(format: "%.1f", 153 + auc * 80),
                    "auc": row.rocAUC.isNaN ? "–" : String(format: "%.2f", row.rocAUC),
                    "recallWidth": String(format: "%.1f", recall * 70), "recallLabelX": String(format: "%.1f", 265 + recall * 70),
                    "recall": row.recallAt20.isNaN ? "–" : String(format: "%.2f", row.recallAt20)]
        }
        var result: [String: Any] = ["level": summary.level, "sourceText": sourceText, "booster": summary.booster,
                                     "examples": summary.examples, "positives": summary.positives, "rows": rows,
                                     "hasBacktest": !rows.isEmpty, "chartHeight": 20 + rows.count * 16]
        if let until = summary.trainedUntil { result["trainedUntil"] = String(until.prefix(10)) }
        if let note = summary.note { result["note"] = visible(note) }
        return result
    }

    static func reasons(_ reasons: [ReportReason]) -> [[String: Any]] {
        let largest = reasons.prefix(3).map { abs($0.weight) }.max() ?? 1
        return reasons.prefix(3).map {
            ["sign": $0.weight >= 0 ? "up" : "down", "width": max(3, Int((40 * abs($0.weight) / max(largest, 1e-9)).rounded())),
             "text": ($0.weight >= 0 ? "+ " : "− ") + visible($0.text)]
        }
    }

    static func row(_ item: RiskItem, _ thresholds: RiskThresholds) -> [String: Any] {
        var result: [String: Any] = ["id": item.id, "idURL": item.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                                     "path": visible(item.path), "name": visible(item.name ?? item.path),
                                     "startLine": item.startLine ?? 1, "riskText": percent(item.risk),
                                     "bandText": "\(percent(item.low))–\(percent(item.high))",
                                     "color": color(item.risk, thresholds), "reasons": reasons(item.reasons)]
        for (key, value) in item.metrics { result[key] = number(value) }
        for key in ["lines", "cyclomatic", "cognitive", "changes", "fixes", "code_lines", "cyclomatic_total", "fan_in"]
        where result[key] == nil { result[key] = "–" }
        return result
    }

    static func commit(_ commit: CommitRisk, _ thresholds: RiskThresholds) -> [String: Any] {
        ["shortSha": String(commit.sha.prefix(10)), "subject": visible(commit.subject), "author": visible(commit.author),
         "date": date(commit.time), "riskText": percent(commit.risk), "bandText": "\(percent(commit.low))–\(percent(commit.high))",
         "color": color(commit.risk, thresholds), "reasons": reasons(commit.reasons)]
    }

    static func trendCharts(_ points: [TrendPoint]) -> [[String: Any]] {
        guard points.count >= 2, let first = points.first?.time, let last = points.last?.time, last > first else { return [] }
        func chart(_ title: String, _ values: [(TrendPoint, Double)], format: (Double) -> String) -> [String: Any]? {
            guard values.count >= 2 else { return nil }
            let top = max(values.map(\.1).max() ?? 1, 1e-9)
            let coordinates = values.map { point, value in
                (x: 320 * Double(point.time - first) / Double(last - first), y: 78 - 66 * value / top, point: point, value: value)
            }
            return ["title": title, "latest": "now " + format(values.last!.1), "max": format(top),
                    "from": date(first), "to": date(last),
                    "points": coordinates.map { String(format: "%.1f,%.1f", $0.x, $0.y) }.joined(separator: " "),
                    "dots": coordinates.map { ["x": String(format: "%.1f", $0.x), "y": String(format: "%.1f", $0.y),
                                               "source": $0.point.source,
                                               "label": "\(date($0.point.time)) \(String($0.point.revision.prefix(10))): \(format($0.value))"] }]
        }
        return [
            chart("Mean commit risk", points.compactMap { point in point.risk.map { (point, $0) } }, format: percent),
            chart("Total cyclomatic complexity", points.map { ($0, $0.complexity) }, format: { String(format: "%.0f", $0) }),
            chart("Hotspots", points.map { ($0, Double($0.hotspots)) }, format: { String(format: "%.0f", $0) }),
        ].compactMap { $0 }
    }

    static func color(_ risk: Double, _ thresholds: RiskThresholds) -> String {
        let hue = max(0, min(120, 120 * (1 - min(1, risk / max(thresholds.error, 0.01)))))
        return String(format: "hsl(%.0f,62%%,%d%%)", hue, hue > 40 && hue < 80 ? 44 : 42)
    }

    static func percent(_ value: Double) -> String { value.isNaN ? "–" : String(format: "%.0f%%", value * 100) }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    static func date(_ time: Int64, time withTime: Bool = false) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = withTime ? "yyyy-MM-dd HH:mm 'UTC'" : "yyyy-MM-dd"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
    }

    /// Control characters from the repository shown as visible escapes (they are harmless in
    /// HTML but invisible, which hides what a name really is).
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7f {
                result += String(format: "\\x%02x", scalar.value)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
