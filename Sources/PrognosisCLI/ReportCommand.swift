import ArgumentParser
import Foundation
import Prediction
import ReportBuilding
import Reporting

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the risk report: a self-contained HTML page, JSON or SARIF 2.1.0.",
        discussion: """
            Everything is as of --at: the code of that revision, the history up to it, the models trained on it. \
            html (the default) writes --out (prognosis-report.html) and prints a short summary; json (schemaVersion 1, \
            see the README) and sarif go to --out or standard output. Each report records a trend point in the store, \
            so nightly reports grow the trends. Thresholds come from .prognosis.yml (risk.warning, risk.error). \
            Exit codes: 3 unknown revision, 7 not scanned.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, json, sarif }

    @OptionGroup var repository: RepositoryOption
    @Option(help: "Report the code as of this revision.") var at = "HEAD"
    @Option(help: "html, json or sarif.") var format: Format = .html
    @Option(help: "Where to write (html default: prognosis-report.html; json and sarif default: standard output).")
    var out: String?
    @Option(help: "Months of trends backfilled from history.") var months = 24
    @Option(help: "auto, repository or default (see predict).") var model: ModelChoice = .auto
    @Flag(help: "Do not record this revision's trend point in the store.") var noRecord = false

    func run() throws {
        try reportingErrors {
            let workspace = try openWorkspace(repository, writable: false)
            var options = ReportOptions()
            options.months = max(1, months)
            options.choice = model
            options.record = !noRecord
            options.thresholds = try ReportBuilder.thresholds(repositoryPath: workspace.repositoryPath)
            let report = try ReportBuilder.build(workspace, at: try workspace.commit(at), options: options)
            let data: Data
            switch format {
            case .html: data = Data(try HTMLReportFormatter.render(report).utf8)
            case .json: data = try ReportJSONFormatter.data(report)
            case .sarif: data = try SARIFFormatter.data(report, version: Prognosis.configuration.version)
            }
            guard let target = out ?? (format == .html ? "prognosis-report.html" : nil) else {
                FileHandle.standardOutput.write(data)
                FileHandle.standardOutput.write(Data("\n".utf8))
                return
            }
            // Written beside the target and renamed over it: a reader never sees half a report.
            let url = URL(fileURLWithPath: target)
            try data.write(to: url, options: .atomic)
            if format == .html {
                let colour = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false
                say(ReportTerminalFormatter.render(report, top: 5, colour: colour), raw: colour)
            }
            say("report written to \(url.standardizedFileURL.path)")
        }
    }
}
