import Foundation
import RiskModel

/// One reason for a score: the feature, its value, its signed weight on the log-odds, and the
/// sentence a developer reads.
public struct Reason: Sendable, Codable, Equatable {
    public var feature: String
    public var value: Double?
    /// Signed contribution to the log-odds: above 0 raises the risk, below 0 lowers it.
    public var weight: Double
    public var text: String
}

/// Turns TreeSHAP contributions into plain words. Percentiles compare a value with the other
/// items scored in the same run (this repository at this moment).
public struct Explainer {
    let names: [String]
    /// Sorted values of each feature over the scored population.
    let population: [[Float]]

    public init(names: [String], rows: [Float]) {
        self.names = names
        let width = names.count, count = width == 0 ? 0 : rows.count / width
        population = (0..<width).map { column in
            (0..<count).map { rows[$0 * width + column] }.filter { !$0.isNaN }.sorted()
        }
    }

    public func reasons(values: ArraySlice<Float>, score: Score, limit: Int = 4) -> [Reason] {
        let base = values.startIndex
        let ranked = score.contributions.indices.filter { abs(score.contributions[$0]) > 0.01 }
            .sorted { abs(score.contributions[$0]) > abs(score.contributions[$1]) }
        return ranked.prefix(limit).map { column in
            let raw = values[base + column]
            let value: Double? = raw.isNaN ? nil : Double(raw)
            return Reason(feature: names[column], value: value, weight: (score.contributions[column] * 1000).rounded() / 1000,
                          text: words(names[column], value, values: values, column: column))
        }
    }

    /// The share of the population at or above `value` ("top 2%").
    func top(_ column: Int, _ value: Double) -> String? {
        let sorted = population[column]
        guard sorted.count >= 20 else { return nil }
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if Double(sorted[middle]) < value { low = middle + 1 } else { high = middle }
        }
        let share = Double(sorted.count - low) / Double(sorted.count) * 100
        guard share <= 30 else { return nil }
        return share < 1 ? "top 1%" : "top \(Int(share.rounded(.up)))%"
    }

    func words(_ feature: String, _ value: Double?, values: ArraySlice<Float>, column: Int) -> String {
        let base = values.startIndex
        func other(_ name: String) -> Double? {
            guard let at = names.firstIndex(of: name) else { return nil }
            let raw = values[base + at]
            return raw.isNaN ? nil : Double(raw)
        }
        func n(_ x: Double?) -> String {
            guard let x else { return "unknown" }
            if x == x.rounded() || abs(x) >= 10 { return String(Int(x.rounded())) }
            // Small values keep two significant digits: "0.04", not "0.0".
            return abs(x) < 1 ? String(format: "%.2g", x) : String(format: "%.1f", x)
        }
        func percent(_ x: Double?) -> String { x.map { "\(Int(($0 * 100).rounded()))%" } ?? "unknown" }
        func plural(_ x: Double?, _ one: String, _ many: String) -> String { "\(n(x)) \((x ?? 0) == 1 ? one : many)" }
        let rank = value.flatMap { top(column, $0) }.map { ", in the \($0) of this repository" } ?? ""
        switch feature {
        case "la": return "adds \(plural(value, "line", "lines"))"
        case "ld": return "deletes \(plural(value, "line", "lines"))"
        case "lt": return "touches files of \(plural(value, "line", "lines")) in all"
        case "nf": return "changes \(plural(value, "file", "files"))"
        case "nd": return "spans \(plural(value, "folder", "folders"))"
        case "ns": return "spans \(plural(value, "top-level folder", "top-level folders"))"
        case "entropy": return "spreads its change over files (entropy \(n(value)))"
        case "fix": return (value ?? 0) > 0 ? "is itself a fix" : "is not a fix"
        case "ndev": return "its files were changed by \(plural(value, "developer", "developers")) before"
        case "age": return "its files were last changed \(n(value)) days before, on average"
        case "nuc": return "its files had \(plural(value, "earlier change", "earlier changes"))"
        case "exp": return "its author made \(plural(value, "earlier commit", "earlier commits"))"
        case "rexp": return "its author's recent experience is \(n(value)) (commits weighted by recency)"
        case "sexp": return "its author made \(plural(value, "earlier commit", "earlier commits")) in these folders"
        case "cyclomatic_added": return "adds \(n(value)) to cyclomatic complexity"
        case "cyclomatic_removed": return "removes \(n(value)) from cyclomatic complexity"
        case "cognitive_added": return "adds \(n(value)) to cognitive complexity"
        case "cognitive_removed": return "removes \(n(value)) from cognitive complexity"
        case "functions_touched": return "touches \(plural(value, "function", "functions"))"
        case "function_prior_fixes": return "\(plural(value, "earlier fix", "earlier fixes")) touched the functions it changes"
        case "function_prior_bugs": return "the functions it changes had \(plural(value, "bug-introducing change", "bug-introducing changes")) before"
        case "rewritten_lines": return "deletes or rewrites \(plural(value, "existing line", "existing lines"))"
        case "rewritten_age_days": return "the lines it rewrites are \(n(value)) days old on average"
        case "rewritten_origins": return "the lines it rewrites came from \(plural(value, "commit", "commits"))"
        case "rewritten_fixed_share": return "\(percent(value)) of the lines it rewrites were written by commits later fixed"
        case "rewritten_fixed_lines": return "deletes \(plural(value, "line", "lines")) that a later-fixed commit wrote"
        case "author_line_share": return "its author wrote \(percent(value)) of the lines of the files it touches"
        case "other_line_authors": return "\(plural(value, "other author", "other authors")) wrote lines of the files it touches"
        case "tests_changed": return (value ?? 0) > 0 ? "changes tests alongside" : "changes no tests"
        case "test_files": return "changes \(plural(value, "test file", "test files"))"
        case "python_files": return "changes \(plural(value, "Python file", "Python files"))"
        case "swift_files": return "changes \(plural(value, "Swift file", "Swift files"))"
        case "other_files": return "changes \(plural(value, "file", "files")) that are not code"
        case "la_share": return "adds lines worth \(percent(value)) of the files it touches"
        case "ld_share": return "deletes \(percent(value)) of the lines of the files it touches"
        case "la_per_file": return "adds \(n(value)) lines per file"
        case "message_length": return "its subject is \(plural(value, "character", "characters")) long"
        case "lines", "code_lines", "file_lines": return "\(plural(value, "line", "lines"))\(rank)"
        case "functions": return "\(plural(value, "function", "functions"))\(rank)"
        case "cyclomatic", "cyclomatic_max": return "cyclomatic complexity \(n(value))\(rank)"
        case "cyclomatic_total": return "total cyclomatic complexity \(n(value))\(rank)"
        case "cognitive", "cognitive_max": return "cognitive complexity \(n(value))\(rank)"
        case "cognitive_total": return "total cognitive complexity \(n(value))\(rank)"
        case "nesting", "nesting_max": return "nesting depth \(n(value))\(rank)"
        case "parameters": return "\(plural(value, "parameter", "parameters"))"
        case "returns": return "\(plural(value, "exit point", "exit points"))"
        case "fan_in", "file_fan_in": return "imported by \(plural(value, "module", "modules"))"
        case "fan_out", "file_fan_out": return "imports \(plural(value, "module", "modules"))"
        case "in_cycle", "file_in_cycle": return (value ?? 0) > 0 ? "sits in an import cycle" : "sits in no import cycle"
        case "is_test": return (value ?? 0) > 0 ? "is test code" : "is not test code"
        case "file_changes": return "its file changed \(plural(value, "time", "times"))"
        case "file_fixes": return "\(plural(value, "fix", "fixes")) touched its file"
        case "changes": return "changed \(plural(value, "time", "times"))\(rank)"
        case "churn": return "\(plural(value, "line", "lines")) added or deleted over its history\(rank)"
        case "authors": return "changed by \(plural(value, "person", "people"))"
        case "owner_share": return "its main author made \(percent(value)) of its changes"
        case "age_days": return "first changed \(n(value)) days ago"
        case "recency_days": return "last changed \(n(value)) days ago"
        case "fixes": return "\(plural(value, "earlier fix", "earlier fixes")) touched it"
        case "prior_bugs": return "\(plural(value, "earlier change", "earlier changes")) to it introduced bugs that were later fixed"
        case "bugspots": return "bugspots score \(n(value)) (recent fixes weigh most)\(rank)"
        case "changes_90d": return "changed \(plural(value, "time", "times")) in the last 90 days by \(plural(other("authors_90d"), "person", "people"))"
        case "authors_90d": return "\(plural(value, "person", "people")) changed it in the last 90 days"
        case "churn_90d": return "\(plural(value, "line", "lines")) changed in the last 90 days"
        case "young_share": return "\(percent(value)) of its lines are under 90 days old"
        case "fixed_share": return "\(percent(value)) of its lines came from commits later fixed"
        case "line_authors": return "its lines were written by \(plural(value, "person", "people"))"
        case "line_owner_share": return "its main author wrote \(percent(value)) of its lines"
        case "origin_commits": return "its lines come from \(plural(value, "commit", "commits"))"
        default:
            if feature.hasPrefix("word_") { return (value ?? 0) > 0 ? "its subject says \"\(feature.dropFirst(5))\"" : "its subject does not say \"\(feature.dropFirst(5))\"" }
            return "\(feature) = \(n(value))"
        }
    }
}
