import Fixes
import Foundation

/// The plan as text (unified diffs, coloured on a terminal) or versioned JSON.
public enum FixPlanFormatter {
    public static func text(_ plan: FixPlan, colour: Bool) -> String {
        var out = ""
        func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        if plan.fixes.isEmpty {
            out += "No findings in \(plan.filesRead) files.\n"
        }
        for (rank, fix) in plan.fixes.enumerated() {
            let risk = fix.risk.map { "risk " + riskText($0) } ?? "risk unknown"
            out += paint("\(rank + 1). \(fix.rule.id) · \(fix.path) · \(risk) × acceptance \(String(format: "%.2f", fix.acceptance))", "1") + "\n"
            for finding in fix.findings {
                out += "   \(finding.path):\(finding.line):\(finding.column) [\(finding.id)] \(finding.message)\n"
            }
            if let fixed = fix.fixed {
                out += "   branch \(fix.branchName)\n"
                for line in UnifiedDiff.render(path: fix.path, old: fix.original, new: fixed).split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix("+++") || line.hasPrefix("---") { out += paint(String(line), "1") + "\n" }
                    else if line.hasPrefix("+") { out += paint(String(line), "32") + "\n" }
                    else if line.hasPrefix("-") { out += paint(String(line), "31") + "\n" }
                    else if line.hasPrefix("@@") { out += paint(String(line), "36") + "\n" }
                    else if !line.isEmpty { out += line + "\n" }
                }
            } else {
                out += "   suggestion (\(fix.rule.safety == .safe ? "no edit that keeps behaviour here" : "not rewritten automatically")):\n"
                for sketch in Set(fix.findings.compactMap(\.sketch)).sorted() {
                    out += sketch.split(separator: "\n").map { "     " + $0 }.joined(separator: "\n") + "\n"
                }
            }
            out += "\n"
        }
        let fixable = plan.fixes.filter { $0.fixed != nil }.count
        out += "\(plan.fixes.count) rule·file groups (\(fixable) with safe edits) from \(plan.filesRead) files; ranked by \(plan.ranking).\n"
        if plan.suppressed > 0 { out += "\(plan.suppressed) findings silenced by prognosis: ignore comments.\n" }
        if !plan.rejectedEdits.isEmpty { out += "\(plan.rejectedEdits.count) edits were dropped because the result would not parse.\n" }
        if !plan.skipped.isEmpty { out += "\(plan.skipped.count) files skipped (first: \(plan.skipped[0].path): \(plan.skipped[0].reason)).\n" }
        return out
    }

    /// Two decimals, or two significant digits below 0.01 (a low risk is not zero).
    public static func riskText(_ risk: Double) -> String {
        risk > 0 && risk < 0.01 ? String(format: "%.2g", risk) : String(format: "%.2f", risk)
    }

    public static func json(_ plan: FixPlan, base: String) throws -> String {
        var fixes: [[String: Any]] = []
        for fix in plan.fixes {
            var entry: [String: Any] = [
                "rule": fix.rule.id, "safety": fix.rule.safety.rawValue, "path": fix.path, "acceptance": fix.acceptance,
                "score": fix.score, "branch": fix.branchName, "riskReasons": fix.riskReasons,
                "findings": fix.findings.map(findingObject),
            ]
            if let ruff = fix.rule.ruffCode { entry["ruffCode"] = ruff }
            entry["risk"] = fix.risk ?? NSNull()
            if let fixed = fix.fixed { entry["diff"] = UnifiedDiff.render(path: fix.path, old: fix.original, new: fixed) }
            fixes.append(entry)
        }
        let object: [String: Any] = [
            "schemaVersion": 1, "base": base, "filesRead": plan.filesRead, "ranking": plan.ranking,
            "suppressed": plan.suppressed, "fixes": fixes,
            "rejectedEdits": plan.rejectedEdits.map(findingObject),
            "skipped": plan.skipped.map { ["path": $0.path, "reason": $0.reason] },
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    public static func findingObject(_ finding: RuleFinding) -> [String: Any] {
        var object: [String: Any] = [
            "id": finding.id, "rule": finding.ruleID, "path": finding.path, "line": finding.line, "column": finding.column,
            "endLine": finding.endLine, "message": finding.message, "fixable": finding.isFixable,
        ]
        if let function = finding.function { object["function"] = function }
        if let sketch = finding.sketch { object["sketch"] = sketch }
        return object
    }
}
