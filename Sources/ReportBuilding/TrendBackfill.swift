import Analysis
import CodeModel
import Configuration
import Features
import Foundation
import GitKit
import Prediction
import ReportModel
import Store

/// The trends at month starts, computed from history so an old repository's first report
/// already shows them: commit risk (the mean risk of the month's commits), total cyclomatic
/// complexity, and hotspots (files of total cyclomatic complexity ≥ 20 changed ≥ 3 times in
/// the 90 days before the point).
struct TrendBackfill {
    static let hotspotComplexity: Int32 = 20
    static let hotspotChanges = 3
    let workspace: Workspace
    let tip: Int32
    let world: [Bool]
    let commitRisk: [String: ScoredItem]
    /// Commit times of each path's changes in the world, ascending.
    private let changeTimes: [String: [Int64]]
    private let configuration: ProjectConfiguration

    init(workspace: Workspace, tip: Int32, world: [Bool], commitRisk: [String: ScoredItem]) throws {
        self.workspace = workspace
        self.tip = tip
        self.world = world
        self.commitRisk = commitRisk
        let index = workspace.index
        var times: [String: [Int64]] = [:]
        for commit in index.replayOrder(world) where index.commit(commit).parents.count <= 1 {
            for change in index.timeline.changes[Int(commit)] {
                guard let path = index.timeline.paths[change.path] else { continue }
                times[path, default: []].append(index.commit(commit).commitTime)
            }
        }
        for key in times.keys { times[key]?.sort() }
        changeTimes = times
        configuration = (try? ProjectConfiguration.load(repositoryPath: workspace.repositoryPath)) ?? ProjectConfiguration()
    }

    /// One point per month start over `months` months, oldest first (none before the first
    /// commit); `unreadable` counts months whose tree a partial clone lacks (left out).
    func monthly(months: Int) throws -> (points: [TrendPoint], unreadable: Int) {
        let index = workspace.index
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let tipTime = Date(timeIntervalSince1970: TimeInterval(index.commit(tip).commitTime))
        guard var start = calendar.date(from: calendar.dateComponents([.year, .month], from: tipTime)) else { return ([], 0) }
        var points: [TrendPoint] = []
        var unreadable = 0
        var seen = Set<Int32>()
        for _ in 0..<months {
            let time = Int64(start.timeIntervalSince1970)
            guard let commit = index.firstParentCommit(from: tip, atOrBefore: time) else { break }
            if seen.insert(commit).inserted {
                if var point = try? point(at: commit, source: "backfill") {
                    point.time = time
                    points.append(point)
                } else {
                    unreadable += 1
                }
            }
            guard let previous = calendar.date(byAdding: .month, value: -1, to: start) else { break }
            start = previous
        }
        return (points.reversed(), unreadable)
    }

    /// The point of one revision.
    func point(at commit: Int32, source: String) throws -> TrendPoint {
        let index = workspace.index
        let record = index.commit(commit)
        let time = record.commitTime
        let tree = try workspace.repository.commit(record.oid).tree().files()
        var complexity = 0.0
        var hotspots = 0
        for (path, entry) in tree where !entry.isSubmodule && !entry.isSymlink {
            guard Language(path: path) != nil, configuration.verdict(for: path) == .included,
                  let measure = workspace.measure(entry.oid) else { continue }
            complexity += Double(measure.cyclomatic)
            if measure.cyclomatic >= Self.hotspotComplexity, recentChanges(path, before: time) >= Self.hotspotChanges {
                hotspots += 1
            }
        }
        let monthStart = time - 31 * 86_400
        var risks: [Double] = []
        for candidate in index.replayOrder(world) {
            let stored = index.commit(candidate)
            guard stored.commitTime > monthStart, stored.commitTime <= time, let scored = commitRisk[stored.oid.hex] else { continue }
            risks.append(scored.risk)
        }
        return TrendPoint(time: time, revision: record.oid.hex, risk: risks.isEmpty ? nil : risks.reduce(0, +) / Double(risks.count),
                          complexity: complexity, hotspots: hotspots, source: source)
    }

    /// The points earlier reports recorded for revisions of this world.
    func recorded(excluding revisions: Set<String>) -> [TrendPoint] {
        ((try? workspace.store.trendPoints()) ?? []).compactMap { stored in
            guard let commit = workspace.index.index(of: stored.revision), world[Int(commit)],
                  !revisions.contains(stored.revision.hex) else { return nil }
            return TrendPoint(time: stored.time, revision: stored.revision.hex, risk: stored.risk, complexity: stored.complexity,
                              hotspots: stored.hotspots, source: "scan")
        }
    }

    private func recentChanges(_ path: String, before time: Int64) -> Int {
        guard let times = changeTimes[path] else { return 0 }
        let from = time - 90 * 86_400
        return times.lazy.filter { $0 > from && $0 <= time }.count
    }
}
