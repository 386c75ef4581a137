import Configuration
import Features
import Foundation
import GitKit
import Prediction
import ReportModel
import Store

public struct ReportOptions: Sendable {
    public var months = 24
    public var recentDays = 90
    /// Rows of the functions table (the riskiest); files are all kept, they are fewer.
    public var maxFunctions = 5_000
    public var detailFunctions = 100
    public var detailFiles = 25
    public var thresholds = RiskThresholds()
    public var choice: ModelChoice = .auto
    /// Saves this revision's trend point in the store (the nightly scan's report does).
    public var record = true

    public init() {}
}

/// Gathers one report's values from the store, the models and the revision's code. Everything
/// is "as of" the revision: its world of commits, the models trained on it, its tree.
public enum ReportBuilder {
    public static let fileMetrics = ["lines", "code_lines", "functions", "cyclomatic_total", "cognitive_total", "nesting_max",
                                     "fan_in", "fan_out", "changes", "authors", "fixes", "prior_bugs", "changes_90d"]
    public static let functionMetrics = ["lines", "cyclomatic", "cognitive", "nesting", "parameters", "changes", "authors",
                                         "fixes", "prior_bugs", "changes_90d"]

    public static func build(_ workspace: Workspace, at tip: Int32, options: ReportOptions = ReportOptions()) throws -> RiskReport {
        let index = workspace.index
        let record = index.commit(tip)
        let world = index.world(at: tip)
        let names = (try? workspace.store.personNames()) ?? [:]
        var notes: [String] = []

        workspace.progress?("scoring files and functions")
        let files = try Predictor.snapshot(workspace, level: .file, at: tip, choice: options.choice, metrics: fileMetrics)
        let functions = try Predictor.snapshot(workspace, level: .function, at: tip, choice: options.choice, metrics: functionMetrics)
        var functionItems = functions.items.map { item(from: $0, level: .function) }
        if functionItems.count > options.maxFunctions {
            notes.append("The functions table holds the \(options.maxFunctions) riskiest of \(functionItems.count) functions.")
            functionItems = Array(functionItems.prefix(options.maxFunctions))
        }
        let fileItems = files.items.map { item(from: $0, level: .file) }

        // Commits of the trend window, each scored with the history before it.
        workspace.progress?("scoring the commits of the last \(options.months) months")
        let windowStart = record.commitTime - Int64(options.months + 1) * 31 * 86_400
        let windowCommits = index.replayOrder(world).filter { index.commit($0).commitTime >= windowStart }
        let scoredCommits = try Predictor.commits(workspace, windowCommits, tip: tip, choice: options.choice)
        var commitRisk: [String: ScoredItem] = [:]
        for item in scoredCommits.items where item.reasons.first?.feature != "none" { commitRisk[item.sha ?? ""] = item }

        var models: [ModelSummary] = []
        for (level, info) in [(Level.commit, scoredCommits.model), (.file, files.model), (.function, functions.model)] {
            models.append(summary(level: level, info: info))
            if let note = info.note { notes.append("\(level.rawValue) level: \(note)") }
        }

        let recentStart = record.commitTime - Int64(options.recentDays) * 86_400
        let recent = windowCommits.filter { index.commit($0).commitTime >= recentStart }.compactMap { commit -> CommitRisk? in
            let stored = index.commit(commit)
            guard let scored = commitRisk[stored.oid.hex] else { return nil }
            return CommitRisk(sha: stored.oid.hex, time: stored.authorTime, author: names[stored.author] ?? "unknown",
                              subject: stored.subject, risk: rounded(scored.risk), low: rounded(scored.low), high: rounded(scored.high),
                              reasons: scored.reasons.prefix(4).map(reason))
        }.sorted { $0.risk > $1.risk }.prefix(25)

        workspace.progress?("backfilling the trends")
        let measuredFiles = try workspace.files(at: tip)
        let trends = try TrendBackfill(workspace: workspace, tip: tip, world: world, commitRisk: commitRisk)
        let backfill = try trends.monthly(months: options.months)
        var trend = backfill.points
        if backfill.unreadable > 0 {
            notes.append("\(backfill.unreadable) monthly trend point(s) left out: their trees are missing from this clone")
        }
        let now = try trends.point(at: tip, source: "scan")
        if options.record {
            try? workspace.store.saveTrendPoint(StoredTrendPoint(revision: record.oid, time: record.commitTime, risk: now.risk,
                                                                 complexity: now.complexity, hotspots: now.hotspots))
            // The gate shows touched functions' risks from the latest report.
            try? workspace.store.saveFunctionRisks(revision: record.oid, functions.items.map {
                StoredFunctionRisk(path: $0.path ?? "", name: $0.name ?? "", startLine: $0.startLine ?? 0, risk: $0.risk)
            })
        }
        trend += trends.recorded(excluding: Set(trend.map(\.revision)))
        if !trend.contains(where: { $0.revision == record.oid.hex }) { trend.append(now) }
        trend.sort { $0.time < $1.time }

        let coupling = ChangeCoupling.pairs(index: index, world: world, files: measuredFiles)

        workspace.progress?("writing the detail views")
        let details = try DetailViews(workspace: workspace, tip: tip, world: world, names: names).details(
            files: Array(fileItems.prefix(options.detailFiles)), functions: Array(functionItems.prefix(options.detailFunctions)))

        workspace.progress?("running the fix rules on the riskiest files")
        var detailed: [String] = []
        for path in fileItems.prefix(options.detailFiles).map(\.path) + functionItems.prefix(options.detailFunctions).map(\.path)
            where !detailed.contains(path) { detailed.append(path) }
        let findings = try RuleFindings.findings(repository: workspace.repository, revision: record.oid, paths: detailed)

        return RiskReport(repository: repositoryName(workspace), revision: record.oid.hex, revisionTime: record.commitTime,
                          generatedAt: Int64(Date().timeIntervalSince1970), thresholds: options.thresholds, models: models,
                          files: fileItems, functions: functionItems, commits: Array(recent), trend: trend, coupling: coupling,
                          details: details, findings: findings, notes: notes)
    }

    /// The thresholds `.prognosis.yml` sets for the repository (defaults without one).
    public static func thresholds(repositoryPath: String) throws -> RiskThresholds {
        let configuration = try ProjectConfiguration.load(repositoryPath: repositoryPath)
        return RiskThresholds(warning: configuration.riskWarning, error: configuration.riskError)
    }

    static func repositoryName(_ workspace: Workspace) -> String {
        var url = URL(fileURLWithPath: workspace.repositoryPath).standardizedFileURL
        if url.lastPathComponent == ".git" { url.deleteLastPathComponent() }
        var name = url.lastPathComponent
        if name.hasSuffix(".git") { name.removeLast(4) }
        return name
    }

    static func reason(_ reason: Reason) -> ReportReason {
        ReportReason(feature: reason.feature, weight: reason.weight, text: reason.text)
    }

    static func item(from scored: ScoredItem, level: Level) -> RiskItem {
        let path = scored.path ?? ""
        let id = level == .file ? "f:\(path)" : "fn:\(path):\(scored.startLine ?? 0):\(scored.name ?? "")"
        return RiskItem(id: id, path: path, name: scored.name, startLine: scored.startLine, endLine: scored.endLine,
                        isTest: scored.isTest ?? false, risk: rounded(scored.risk), low: rounded(scored.low),
                        high: rounded(scored.high), reasons: scored.reasons.prefix(3).map(reason),
                        metrics: (scored.metrics ?? [:]).mapValues { ($0 * 100).rounded() / 100 })
    }

    /// Four decimals: a report shows whole percents, and 5,000 rows of 17-digit doubles would
    /// be a megabyte of noise in the page.
    static func rounded(_ value: Double) -> Double {
        value.isFinite ? (value * 10_000).rounded() / 10_000 : value
    }

    static func summary(level: Level, info: ModelInfo) -> ModelSummary {
        var rows: [BacktestRow] = []
        if let backtest = info.backtest {
            rows.append(BacktestRow(name: "this model", rocAUC: backtest.model.rocAUC, recallAt20: backtest.model.recallAt20Effort,
                                    isModel: true))
            for (name, metrics) in backtest.baselines.sorted(by: { $0.value.rocAUC > $1.value.rocAUC }) {
                rows.append(BacktestRow(name: name, rocAUC: metrics.rocAUC, recallAt20: metrics.recallAt20Effort, isModel: false))
            }
        }
        return ModelSummary(level: level.rawValue, source: info.source, booster: info.booster, examples: info.examples,
                            positives: info.positives, trainedUntil: info.until.first, note: info.note, backtest: rows)
    }
}
