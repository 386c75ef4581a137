import Features
import Foundation
import RiskModel

/// Rows of one level with what the back-test needs beside the features: effort, the time of
/// each row (for pooling repositories in time order) and the baselines' scores.
public struct LabelledRows {
    public var data: Dataset
    public var effort: [Double] = []
    public var times: [Int64] = []

    init(level: Level) { data = Dataset(featureNames: level.featureNames) }

    mutating func append(_ values: [Float], label: Bool, effort: Double, time: Int64) {
        data.append(values, label: label)
        self.effort.append(effort)
        times.append(time)
    }

    /// Rows of several repositories merged by time, so that time splits stay time splits.
    public static func pooled(_ parts: [LabelledRows], level: Level) -> LabelledRows {
        var all: [(time: Int64, part: Int, row: Int)] = []
        for (part, rows) in parts.enumerated() { for row in 0..<rows.data.count { all.append((rows.times[row], part, row)) } }
        all.sort { ($0.time, $0.part, $0.row) < ($1.time, $1.part, $1.row) }
        var result = LabelledRows(level: level)
        for entry in all {
            let source = parts[entry.part]
            result.append(Array(source.data.row(entry.row)), label: source.data.labels[entry.row],
                          effort: source.effort[entry.row], time: entry.time)
        }
        return result
    }

    /// Baseline scores: the heuristics people rank by today.
    public func baselines(level: Level, training: LabelledRows?) -> [String: [Double]] {
        let names = data.featureNames
        func column(_ name: String) -> [Double] {
            let at = names.firstIndex(of: name)!
            return (0..<data.count).map { row in
                let value = data.row(row)[data.row(row).startIndex + at]
                return value.isNaN ? 0 : Double(value)
            }
        }
        switch level {
        case .commit:
            // LApredict: logistic regression on lines added ranks by LA, or by −LA when the
            // training rows fit a negative slope.
            var sign = 1.0
            if let training, training.data.positives > 0 {
                let la = training.column("la")
                if RankingMetrics.auc(la, training.data.labels) < 0.5 { sign = -1 }
            }
            let la = column("la"), ld = column("ld")
            return ["LApredict": la.map { $0 * sign }, "lines of code (LT)": column("lt"),
                    "churn (LA+LD)": zip(la, ld).map(+), "change count (NUC)": column("nuc")]
        case .file, .function:
            let size = column(level == .file ? "code_lines" : "lines")
            let changes = column("changes")
            let complexity = column(level == .file ? "cognitive_total" : "cognitive")
            return ["lines of code": size, "recent churn": column("churn_90d"), "change count": changes,
                    "bugspots": column("bugspots"), "hotspots": zip(changes, complexity).map { $0 * max($1, 1) }]
        }
    }

    func column(_ name: String) -> [Double] {
        let at = data.featureNames.firstIndex(of: name)!
        return (0..<data.count).map { row in
            let value = data.values[row * data.featureNames.count + at]
            return value.isNaN ? 0 : Double(value)
        }
    }

    func subset(_ rows: [Int]) -> LabelledRows {
        var result = LabelledRows(level: .commit)
        result.data = Dataset(featureNames: data.featureNames)
        for row in rows { result.append(Array(data.row(row)), label: data.labels[row], effort: effort[row], time: times[row]) }
        return result
    }
}

/// How examples are drawn from a history for each level.
public struct ExampleSettings: Sendable {
    /// Commits younger than this at the training moment are left out: their fixes may not have come yet.
    public var maturity: Int64 = 90 * 86_400
    /// File and function snapshots are taken this far apart.
    public var step: Int64 = 90 * 86_400
    public var horizon: Int64 = 180 * 86_400
    /// At most this many snapshots train one model.
    public var snapshots = 8
    public init() {}
}

extension Workspace {
    /// Commit examples of `tip`'s world, labelled by `label`.
    func commitRows(tip: Int32, include: (CommitExample) -> Bool, label: (CommitExample) -> Bool) throws -> LabelledRows {
        var rows = LabelledRows(level: .commit)
        for example in try commitExamples(tip: tip) where include(example) {
            rows.append(example.values, label: label(example), effort: max(example.effort, 1),
                        time: index.commit(example.commit).commitTime)
        }
        return rows
    }

    /// Snapshot rows at `point`, labelled by fixes in the horizon that are in `known`.
    func snapshotRows(level: Level, at point: Int32, known: [Bool], horizon: Int64, includeTests: Bool = true) throws
        -> (rows: LabelledRows, items: [SnapshotExample]) {
        let snapshot = try snapshot(at: point)
        let labels = try labels(at: point, known: known, horizon: horizon)
        var rows = LabelledRows(level: level)
        var items: [SnapshotExample] = []
        let time = index.commit(point).commitTime
        for example in level == .file ? snapshot.files : snapshot.functions where includeTests || !example.isTest {
            let label = level == .file ? labels.files.contains(example.path)
                : labels.functions.contains(SnapshotLabels.key(example.path, example.function ?? ""))
            rows.append(example.values, label: label, effort: example.effort, time: time)
            items.append(example)
        }
        return (rows, items)
    }

    /// Snapshot points on `tip`'s first-parent chain: `tip` − k·step for k in `range`.
    func grid(from tip: Int32, steps: ClosedRange<Int>, step: Int64) -> [(k: Int, commit: Int32)] {
        let time = index.commit(tip).commitTime
        var result: [(Int, Int32)] = []
        var seen = Set<Int32>()
        for k in steps {
            guard let commit = index.firstParentCommit(from: tip, atOrBefore: time - Int64(k) * step),
                  seen.insert(commit).inserted else { continue }
            result.append((k, commit))
        }
        return result
    }

    /// Training rows for a model that knows everything up to `until`.
    public func trainingRows(level: Level, until: Int32, settings: ExampleSettings) throws -> LabelledRows {
        let world = index.world(at: until)
        let limit = index.commit(until).commitTime - settings.maturity
        switch level {
        case .commit:
            return try commitRows(tip: until, include: { self.index.commit($0.commit).commitTime <= limit },
                                  label: { $0.bugKnownAt != nil })
        case .file, .function:
            return try snapshotTrainingRows(level: level, before: until, known: world, settings: settings)
        }
    }

    /// Snapshots on `cutoff`'s first-parent chain whose horizon ends by the cutoff (every
    /// `step`, at most `snapshots` of them), oldest first (the learner's splits are time splits),
    /// labelled with the fixes in `known`.
    func snapshotTrainingRows(level: Level, before cutoff: Int32, known: [Bool], settings: ExampleSettings) throws -> LabelledRows {
        let first = Int((settings.horizon + settings.step - 1) / settings.step)
        var result = LabelledRows(level: level)
        for point in grid(from: cutoff, steps: first...(first + settings.snapshots - 1), step: settings.step).reversed() {
            progress?("snapshot at \(index.commit(point.commit).oid.hex.prefix(10))")
            let part = try snapshotRows(level: level, at: point.commit, known: known, horizon: settings.horizon).rows
            for row in 0..<part.data.count {
                result.append(Array(part.data.row(row)), label: part.data.labels[row], effort: part.effort[row], time: part.times[row])
            }
        }
        return result
    }
}

extension Workspace {
    /// The items of the horizon after `cutoff`, labelled with everything known at `tip`: commits
    /// made in it (commit level), or the snapshot at the cutoff (file and function levels).
    public func heldOutRows(level: Level, cutoff: Int32, tip: Int32, settings: ExampleSettings) throws -> LabelledRows {
        let world = index.world(at: tip), before = index.world(at: cutoff)
        let time = index.commit(cutoff).commitTime
        switch level {
        case .commit:
            return try commitRows(tip: tip, include: {
                let at = self.index.commit($0.commit).commitTime
                return !before[Int($0.commit)] && at > time && at <= time + settings.horizon
            }, label: { $0.bugKnownAt != nil })
        case .file, .function:
            return try snapshotRows(level: level, at: cutoff, known: world, horizon: settings.horizon).rows
        }
    }
}
