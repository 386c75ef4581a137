import ArgumentParser
import Foundation
import GitKit
import Prediction
import RiskModel
import Store

enum LevelChoice: String, ExpressibleByArgument, CaseIterable {
    case commit, file, function, all
    var levels: [Level] { self == .all ? Level.allCases : [Level(rawValue: rawValue)!] }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

/// "180d", "26w", "6m" (30-day months), "1y": a horizon in seconds.
func parseDuration(_ text: String) throws -> Int64 {
    let units: [Character: Int64] = ["d": 86_400, "w": 7 * 86_400, "m": 30 * 86_400, "y": 365 * 86_400]
    guard let unit = text.last, let scale = units[unit], let count = Int64(text.dropLast()), count > 0 else {
        throw ValidationError("'\(text)' is not a duration: give a number of days, weeks, months or years, like 180d, 26w, 6m or 1y")
    }
    return count * scale
}

func openWorkspace(_ option: RepositoryOption, writable: Bool) throws -> Workspace {
    let repository = try option.open()
    let location = StoreLocation(gitCommonDirectory: repository.commonDirectory)
    // Readers upgrade and cache into the store when they may write it, and read it as it is otherwise.
    let store: Store
    if writable {
        store = try Store(location: location, create: false)
    } else {
        store = try (try? Store(location: location, create: false)) ?? Store(readingAt: location)
    }
    let workspace = try Workspace(repository: repository, store: store)
    if isatty(2) != 0 { workspace.progress = { printError("… \($0)") } }
    workspace.warning = { printError("prognosis: warning: \($0)") }
    return workspace
}

func percent(_ value: Double) -> String { value.isNaN ? "  –  " : String(format: "%5.3f", value) }

/// The back-test as a table a user can read at a glance: one row per ranking, best first.
func backtestTable(_ level: Level, _ backtest: Backtest) -> String {
    var lines = ["\(level.rawValue) level — back-test over \(backtest.cutoffs.count) cutoff(s), \(backtest.horizonDays)-day horizon, "
                 + "\(backtest.model.examples) items, \(backtest.model.positives) needed a fix",
                 "  ranking                  ROC-AUC  PR-AUC  R@20%E  E@20%R   Popt   IFA"]
    func row(_ name: String, _ m: RankingMetrics) -> String {
        name.padding(toLength: 24, withPad: " ", startingAt: 0)
            + " \(percent(m.rocAUC))   \(percent(m.prAUC))  \(percent(m.recallAt20Effort))  \(percent(m.effortAt20Recall))  \(percent(m.popt))  \(String(format: "%4d", m.ifa))"
    }
    lines.append(row("Prognosis model", backtest.model))
    for (name, metrics) in backtest.baselines.sorted(by: { ($0.value.rocAUC.isNaN ? 0 : $0.value.rocAUC) > ($1.value.rocAUC.isNaN ? 0 : $1.value.rocAUC) }) {
        lines.append(row(name, metrics))
    }
    let heuristics = backtest.baselines.filter { $0.key != Evaluator.defaultName && $0.key != Evaluator.blendName }
    let beaten = heuristics.values.filter { !($0.rocAUC < backtest.model.rocAUC) }.count
    lines.append(beaten == 0 ? "  → the model ranks better (ROC-AUC) than every heuristic baseline here."
                 : "  → \(beaten) heuristic baseline(s) rank as well as or better than the model here: weigh its scores accordingly.")
    if backtest.baselines[Evaluator.defaultName] != nil {
        lines.append("  (the shipped default model learnt from requests, flask, rich, Alamofire, swift-nio and vapor up to 180 days "
                     + "before their HEAD: on those six its rows overlap what it saw)")
    }
    return lines.joined(separator: "\n")
}

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Learn this repository's risk model from its history, back-test it, and store it.",
        discussion: """
            Labels are the fixes known at --until (default HEAD): commits SZZ traced fixes to (commit level), and \
            files and functions whose lines a fix changed within the horizon after each snapshot. Commits younger \
            than 90 days at --until are left out of training: their fixes may not have come yet. Below \
            \(Trainer.trustedPositives) risky or \(Trainer.trustedExamples) examples in all, predictions use the \
            shipped default model instead. Exit codes: 7 not scanned, 9 too little history.
            """)

    @OptionGroup var repository: RepositoryOption
    @Option(help: "Train with what was known at this revision.") var until = "HEAD"
    @Option(help: "commit, file, function or all.") var level: LevelChoice = .all
    @Option(help: "Horizon of the file and function labels (e.g. 180d).") var horizon = "180d"
    @Option(help: "Back-test cutoffs to store with the model (0: none).") var cutoffs = 3

    func run() throws {
        var settings = ExampleSettings()
        settings.horizon = try parseDuration(horizon)
        try reportingErrors {
            let workspace = try openWorkspace(repository, writable: true)
            let tip = try workspace.commit(until)
            var failures = 0
            for level in level.levels {
                do {
                    let outcome = try Trainer.train(workspace, level: level, until: tip, settings: settings, backtestCutoffs: cutoffs)
                    let model = outcome.model
                    say("\(level.rawValue): \(model.booster), \(model.rounds) rounds, \(model.training.examples) examples "
                        + "(\(model.training.positives) risky), calibration \(calibrationName(model.calibration))"
                        + (outcome.trusted ? "" : " — too few to be trusted: predictions use the shipped default model"))
                    if let backtest = model.backtest { say(backtestTable(level, backtest)) }
                } catch let error as RiskModelError {
                    failures += 1
                    printError("prognosis: \(level.rawValue): \(error.localizedDescription)")
                } catch let error as PredictionError {
                    failures += 1
                    printError("prognosis: \(level.rawValue): \(error.localizedDescription)")
                }
            }
            if failures == level.levels.count { throw ExitCode(ExitStatus.tooLittleHistory.rawValue) }
        }
    }

    func calibrationName(_ calibration: Calibration) -> String {
        switch calibration {
        case .identity: return "none"
        case .platt: return "Platt"
        case .isotonic: return "isotonic"
        }
    }
}

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Back-test the risk model on this repository's history against the heuristics people use today.",
        discussion: """
            At each cutoff (one horizon apart, going back from --at), a model is trained with the labels known then, \
            predicts at the cutoff, and is judged by the fixes of the horizon after it: SZZ at commit level (the \
            commits made in the horizon); at file and function level, a fix that deletes or modifies lines the file \
            or function had at the cutoff. Baselines are measured on the same items. ROC-AUC and PR-AUC: ranking \
            quality (0.5 is chance). The effort-aware four read items by risk per line, as a reviewer with a budget \
            of lines would: R@20%E: share of the risky items found reading 20% of the lines; E@20%R: share of lines \
            read to find 20% of them; Popt: effort-aware ranking (1 is optimal); IFA: clean items before the first \
            risky one.
            """)

    @OptionGroup var repository: RepositoryOption
    @Option(help: "The end of the history to back-test on.") var at = "HEAD"
    @Option(help: "Horizon after each cutoff (e.g. 180d).") var horizon = "180d"
    @Option(help: "Number of cutoffs.") var cutoffs = 3
    @Option(help: "commit, file, function or all.") var level: LevelChoice = .all
    @Option(help: "table or json.") var format: OutputFormat = .table
    @Option(help: "Ablation: leave these features out (comma-separated names, or prefixes ending in *).")
    var without: String?
    @Flag(help: .hidden) var boosterOnly = false
    @Option(help: .hidden) var sizeWeight: Double?
    /// Not a back-test: the time-ignoring bound of the commit features (`Evaluator.ceiling`).
    @Flag(help: .hidden) var ceiling = false

    func validate() throws {
        if let sizeWeight, !(0...1).contains(sizeWeight) { throw ValidationError("--size-weight must be from 0 to 1") }
    }

    func run() throws {
        var settings = ExampleSettings()
        var learner = Learner.Settings()
        learner.sizeBlend = !boosterOnly
        learner.sizeWeight = sizeWeight
        settings.horizon = try parseDuration(horizon)
        let patterns = (without ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        try reportingErrors {
            let workspace = try openWorkspace(repository, writable: false)
            let tip = try workspace.commit(at)
            if ceiling {
                let bound = try Evaluator.ceiling(workspace, tip: tip, settings: settings, learner: learner)
                say(String(format: "commit level, time ignored (5 random folds, labels known at the tip): %d commits (%d risky), "
                           + "model ROC-AUC %.3f, lines added %.3f", bound.examples, bound.positives, bound.model, bound.lapredict))
                return
            }
            var results: [[String: Any]] = []
            var failures = 0
            for level in level.levels {
                do {
                    let dropped = Set(level.featureNames.filter { name in
                        patterns.contains { $0.hasSuffix("*") ? name.hasPrefix($0.dropLast()) : name == $0 }
                    })
                    let evaluation = try Evaluator.evaluate(workspace, level: level, tip: tip, cutoffs: cutoffs, settings: settings,
                                                            learner: learner, without: dropped)
                    if format == .table {
                        say(backtestTable(level, evaluation.backtest))
                    } else {
                        let data = try JSONEncoder.sorted.encode(evaluation.backtest)
                        results.append(["level": level.rawValue, "backtest": try JSONSerialization.jsonObject(with: data)])
                    }
                } catch let error as PredictionError {
                    failures += 1
                    printError("prognosis: \(error.localizedDescription)")
                }
            }
            if format == .json {
                let document: [String: Any] = ["schemaVersion": 1, "at": workspace.index.commit(tip).oid.hex, "levels": results]
                say(String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self))
            }
            if failures == level.levels.count { throw ExitCode(ExitStatus.tooLittleHistory.rawValue) }
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}
