import ArgumentParser
import Foundation
import GitKit
import Prediction
import Reporting
import RiskModel
import Support

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score commits, files or functions by the probability that they will need a bug fix.",
        discussion: """
            The code is scored as it was at --at, with history up to --at only and the model trained with \
            `train --until` that revision or the latest one trained before it (else the shipped default model). \
            Each score carries an 80% confidence band and its reasons, signed: + raises the risk, − lowers it. \
            --level commit scores --at's commit, or with --range A..B each commit of B not in A, each with the \
            history before it. JSON (schemaVersion 1): files[] {path, risk, low, high, isTest, reasons[]}, \
            functions[] {path, name, startLine, endLine, ...}, commits[] {sha, ...}; reasons[] {feature, value, \
            weight, text}. Exit codes: 3 unknown revision, 7 not scanned, 8 no model.
            """)

    @OptionGroup var repository: RepositoryOption
    @Option(help: "Score the code as of this revision.") var at = "HEAD"
    @Option(help: "commit, file or function.") var level: Level = .function
    @Option(help: "A..B: score each commit in B that is not in A (commit level).") var range: String?
    @Option(help: "table or json.") var format: OutputFormat = .table
    @Option(help: "Show the N riskiest (0: all).") var top = 20
    @Flag(help: "Leave test code out.") var noTests = false
    @Option(help: "auto (the repository's own model when it learnt from enough examples, else the shipped default), repository or default.")
    var model: ModelChoice = .auto

    func run() throws {
        try reportingErrors {
            let workspace = try openWorkspace(repository, writable: false)
            var result: PredictionResult
            if level == .commit {
                var commits: [Int32]
                var tip: Int32
                if let range {
                    let parts = range.components(separatedBy: "..")
                    guard parts.count == 2, !parts[1].isEmpty else { throw PredictionError.badRange(range) }
                    let base = try workspace.commit(parts[0].isEmpty ? "HEAD" : parts[0])
                    tip = try workspace.commit(parts[1])
                    let excluded = workspace.index.world(at: base), included = workspace.index.world(at: tip)
                    commits = workspace.index.replayOrder(included).filter { !excluded[Int($0)] }
                } else {
                    tip = try workspace.commit(at)
                    commits = [tip]
                }
                result = try Predictor.commits(workspace, commits, tip: tip, choice: model)
            } else {
                result = try Predictor.snapshot(workspace, level: level, at: try workspace.commit(at), choice: model)
            }
            if noTests { result.items.removeAll { $0.isTest == true } }
            if top > 0 && result.items.count > top { result.items = Array(result.items.prefix(top)) }
            if format == .json {
                say(try json(result))
            } else {
                table(result)
            }
        }
    }

    func json(_ result: PredictionResult) throws -> String {
        let key = result.level == .commit ? "commits" : result.level == .file ? "files" : "functions"
        let items = try JSONSerialization.jsonObject(with: JSONEncoder.sorted.encode(result.items))
        let model = try JSONSerialization.jsonObject(with: JSONEncoder.sorted.encode(result.model))
        let document: [String: Any] = ["schemaVersion": 1, "level": result.level.rawValue, "at": result.at, "model": model, key: items]
        return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
    }

    func table(_ result: PredictionResult) {
        let model = result.model
        say(ReportTerminalFormatter.clip("\(result.level.rawValue) risk at \(result.at.prefix(10)), scored by the \(model.source) model"))
        var trained = "  \(model.booster), trained on \(model.examples) examples"
        if let backtest = model.backtest { trained += String(format: ", back-test ROC-AUC %.2f", backtest.model.rocAUC) }
        say(ReportTerminalFormatter.clip(trained))
        if let note = model.note { say(ReportTerminalFormatter.wrap("note: \(note)")) }
        for item in result.items {
            let what: String
            switch result.level {
            case .commit: what = String(item.sha?.prefix(10) ?? "")
            case .file: what = item.path ?? ""
            case .function: what = "\(item.path ?? ""):\(item.startLine ?? 0) \(item.name ?? "")"
            }
            // 80 columns: a long path keeps its end, where the file name is.
            let band = String(format: "%3.0f%% [%2.0f–%2.0f%%]  ", item.risk * 100, item.low * 100, item.high * 100)
            say(band + ReportTerminalFormatter.fit(TerminalText.line(what), ReportTerminalFormatter.width - band.count))
            for reason in item.reasons.prefix(3) {
                say(ReportTerminalFormatter.clip("      \(reason.weight >= 0 ? "+" : "−") \(reason.text)"))
            }
        }
    }
}

extension Level: ExpressibleByArgument {}
extension ModelChoice: ExpressibleByArgument {}
