import Foundation
import ReportModel
import Support

/// The gate's answer for a terminal: four lines or fewer (80 columns each) unless verbose;
/// repository text escaped, colour only when asked.
public enum GateText {
    public static func render(_ input: GateVerdict, verbose: Bool, colour: Bool) -> String {
        let fit = { (text: String) in ReportTerminalFormatter.fit(text) }
        func percent(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }
        var lines: [String] = []
        let what = input.change == "staged" ? "staged change" : TerminalText.line(input.change)
        guard let risk = input.risk else {
            lines.append(fit("prognosis: \(what): not scored (\(input.notes.last ?? "nothing to score"))"))
            return lines.joined(separator: "\n")
        }
        var outcome = input.blocked ? "BLOCKED" : risk > input.threshold ? "above the threshold (warn only)" : "ok"
        if colour { outcome = (input.blocked ? "\u{1B}[31m" : risk > input.threshold ? "\u{1B}[33m" : "\u{1B}[32m") + outcome + "\u{1B}[0m" }
        let band = input.low.flatMap { low in input.high.map { " [\(percent(low))–\(percent($0))]" } } ?? ""
        lines.append("prognosis: \(what) risk \(percent(risk))\(band), threshold \(percent(input.threshold)): " + outcome)
        let raising = input.reasons.prefix(verbose ? 8 : 2).map { ($0.weight >= 0 ? "+ " : "− ") + TerminalText.line($0.text) }
        if !raising.isEmpty { lines.append(fit("  " + raising.joined(separator: "; "))) }
        let touched = input.touched.filter { $0.risk != nil }.prefix(verbose ? 10 : 2)
        if !touched.isEmpty {
            lines.append(fit("  touches " + touched.map { "\(TerminalText.line($0.name)) \(percent($0.risk!))" }.joined(separator: ", ")))
        }
        if input.blocked {
            lines.append(fit("  by the \(input.model); to commit anyway: git commit --no-verify"))
        } else if verbose || lines.count < 4 {
            lines.append(fit("  by the \(input.model)"))
        }
        if verbose {
            for commit in input.commits {
                lines.append(fit("  \(commit.sha.prefix(10)) \(percent(commit.risk)) \(TerminalText.line(commit.subject))"))
            }
            for item in input.touched where item.risk == nil {
                lines.append(fit("  touches \(TerminalText.line(item.name)) (\(TerminalText.line(item.path))): no report yet"))
            }
            for note in input.notes { lines.append(fit("  note: \(TerminalText.line(note))")) }
        }
        return (verbose ? lines : Array(lines.prefix(4))).joined(separator: "\n")
    }
}
