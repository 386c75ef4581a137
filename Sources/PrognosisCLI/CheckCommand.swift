import ArgumentParser
import Check
import Configuration
import Foundation
import GitKit
import Prediction
import ReportBuilding
import ReportModel
import Reporting

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "The pre-commit gate: score a change and block it when its risk is above the threshold.",
        discussion: """
            Scores the staged change (the default), a commit, or each commit of a range, with the history before it, \
            and names the riskiest functions it touches (their risk from the latest `prognosis report`). The threshold \
            is --fail-above, else .prognosis.yml's risk.failAbove, else risk.error (0.6). Without a store, or with \
            HEAD not scanned, it scans what it needs first (at most --scan-limit commits) and says so once. It never \
            writes to the work tree or the index. Exit codes: 0 passes (or --warn-only), 1 risk above the threshold, \
            2 any error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var repository: RepositoryOption
    @Flag(help: "Score the staged change (the default).") var staged = false
    @Option(help: "Score this commit.") var commit: String?
    @Option(help: "A..B: score each commit of B not in A; the riskiest decides.") var range: String?
    @Option(help: "Block above this risk (0–1).") var failAbove: Double?
    @Flag(help: "Report, but never block (exit 0).") var warnOnly = false
    @Option(help: "The commit message, when known (a pre-commit hook runs before it is written).") var message: String?
    @Option(help: "text or json.") var format: Format = .text
    @Flag(help: "Every reason, commit and note, not four lines.") var verbose = false
    @Option(help: "The most commits to scan when the store lacks them.") var scanLimit = 2_000
    @Option(help: "auto, repository or default (see predict).") var model: ModelChoice = .auto

    func validate() throws {
        if [staged, commit != nil, range != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --staged, --commit, --range")
        }
        if let failAbove, !(0...1).contains(failAbove) { throw ValidationError("--fail-above must be from 0 to 1") }
    }

    func run() throws {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let repo = try repository.open()
            // A repository's first commit has no history to be scored against: it is not gated
            // (an error here would block every first commit).
            if commit == nil && range == nil, try repo.headCommit() == nil {
                say("prognosis: the first commit of a repository is not scored (no history yet): ok")
                return
            }
            let configuration = try ProjectConfiguration.load(repositoryPath: repo.workDirectory ?? repo.gitDirectory)
            var settings = GateSettings()
            settings.failAbove = failAbove ?? configuration.failAbove ?? configuration.riskError
            settings.warnOnly = warnOnly
            settings.choice = model
            settings.scanLimit = scanLimit
            settings.message = message ?? ""
            let verdict: GateVerdict
            if range == nil && commit == nil {
                guard let store = try Gate.store(repository: repo, settings: settings, say: { printError($0) }) else { return }
                let opened = DispatchTime.now().uptimeNanoseconds
                verdict = try Gate.staged(repository: repo, store: store, settings: settings)
                if let timings = verdict.timings {
                    // For the benchmark: where the in-process milliseconds went (process start is not in them).
                    let parts = [("open the repository and the store", Double(opened - started) / 1e6)]
                        + timings.map { ($0.phase, $0.milliseconds) }
                    printError("prognosis: timings: in process \(String(format: "%.1f", parts.map(\.1).reduce(0, +))) ms; "
                               + parts.map { "\($0.0) \(String(format: "%.1f", $0.1))" }.joined(separator: ", "))
                }
            } else if let range {
                guard let workspace = try Gate.workspace(repository: repo, settings: settings, say: { printError($0) }) else { return }
                let parts = range.components(separatedBy: "..")
                guard parts.count == 2, !parts[1].isEmpty else { throw PredictionError.badRange(range) }
                let base = try workspace.commit(parts[0].isEmpty ? "HEAD" : parts[0]), tip = try workspace.commit(parts[1])
                let excluded = workspace.index.world(at: base)
                let commits = workspace.index.replayOrder(workspace.index.world(at: tip)).filter { !excluded[Int($0)] }
                verdict = try Gate.commits(workspace, commits, tip: tip, label: range, settings: settings)
            } else {
                guard let workspace = try Gate.workspace(repository: repo, settings: settings, say: { printError($0) }),
                      let commit else { return }
                let index = try workspace.commit(commit)
                verdict = try Gate.commits(workspace, [index], tip: index, label: commit, settings: settings)
            }
            if format == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                FileHandle.standardOutput.write(try encoder.encode(verdict) + Data("\n".utf8))
            } else {
                let colour = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false
                say(GateText.render(verdict, verbose: verbose, colour: colour), raw: true)
            }
            if verdict.blocked { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("prognosis: error: \((error as? LocalizedError)?.errorDescription ?? "\(error)")")
            throw ExitCode(2)
        }
    }
}
