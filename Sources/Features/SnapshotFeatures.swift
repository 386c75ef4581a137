import CodeModel
import Foundation
import History
import Metrics
import Store

/// A file or a function at one moment, as the file- and function-level models see it.
public struct SnapshotExample: Sendable {
    public var path: String
    /// nil for a file.
    public var function: String?
    public var startLine: Int
    public var endLine: Int
    public var isTest: Bool
    public var values: [Float]
    /// Lines to read: the file's code lines, the function's lines.
    public var effort: Double
}

/// File and function features at commit C: code metrics of C's blobs, process metrics over
/// C's world (C and its ancestors), and the line-origin profile of C's lines.
public struct SnapshotFeatures {
    public static let fileNames: [String] = [
        "lines", "code_lines", "functions", "cyclomatic_total", "cyclomatic_max", "cognitive_total", "cognitive_max",
        "nesting_max", "fan_in", "fan_out", "in_cycle", "is_test",
    ] + processNames + originNames

    public static let functionNames: [String] = [
        "lines", "cyclomatic", "cognitive", "nesting", "parameters", "returns",
        "file_lines", "file_fan_in", "file_fan_out", "file_in_cycle", "is_test", "file_changes", "file_fixes",
    ] + processNames + originNames

    static let processNames = ["changes", "churn", "authors", "owner_share", "age_days", "recency_days", "fixes", "prior_bugs",
                               "bugspots", "changes_90d", "authors_90d", "churn_90d"]
    static let originNames = ["young_share", "fixed_share", "line_authors", "line_owner_share", "origin_commits"]

    public let walk: ProcessWalk
    public let at: Int32
    let pathIDs: [String: Int32]
    let firstTime: Int64

    public init(walk: ProcessWalk, at commit: Int32) {
        self.walk = walk
        self.at = commit
        var ids: [String: Int32] = [:]
        for (id, path) in walk.index.timeline.paths { ids[path] = id }
        pathIDs = ids
        firstTime = walk.index.replayOrder(walk.world).first.map { walk.index.commit($0).authorTime } ?? 0
    }

    public func examples(files: [FileMetrics], origins: OriginState) -> (files: [SnapshotExample], functions: [SnapshotExample]) {
        let graph = DependencyGraph(files: files.map { .init(path: $0.path, language: $0.language, imports: $0.imports) })
        var moduleByName: [String: DependencyGraph.Module] = [:]
        for module in graph.modules { moduleByName[module.name] = module }
        let inCycle = Set(graph.cycles.flatMap { $0 })
        var fileRows: [SnapshotExample] = [], functionRows: [SnapshotExample] = []
        var knownBug: [Int32: Bool] = [:]
        for file in files {
            let module = graph.moduleOfFile[file.path].flatMap { moduleByName[$0] }
            let fanIn = Float(module?.fanIn ?? 0), fanOut = Float(module?.fanOut ?? 0)
            let cycle: Float = graph.moduleOfFile[file.path].map { inCycle.contains($0) ? 1 : 0 } ?? 0
            let isTest = PathKind.isTest(file.path)
            let pathID = pathIDs[file.path]
            let record = pathID.flatMap { walk.files[$0] }
            let lineOrigins = origins[file.path] ?? []
            let fileProcess = process(record)
            fileRows.append(SnapshotExample(
                path: file.path, function: nil, startLine: 1, endLine: file.lines, isTest: isTest,
                values: [Float(file.lines), Float(file.codeLines), Float(file.functions.count), Float(file.totalCyclomatic),
                         Float(file.maxCyclomatic), Float(file.totalCognitive), Float(file.maxCognitive), Float(file.maxNesting),
                         fanIn, fanOut, cycle, isTest ? 1 : 0]
                    + fileProcess + originProfile(lineOrigins[...], &knownBug),
                effort: Double(max(file.codeLines, 1))))
            for function in file.functions where function.kind.isFunctionLike {
                let functionRecord = pathID.flatMap { walk.functions[ProcessWalk.FunctionKey(path: $0, name: function.qualifiedName)] }
                let low = max(0, min(function.startLine - 1, lineOrigins.count)), high = max(low, min(function.endLine, lineOrigins.count))
                functionRows.append(SnapshotExample(
                    path: file.path, function: function.qualifiedName, startLine: function.startLine, endLine: function.endLine,
                    isTest: isTest,
                    values: [Float(function.lines), Float(function.cyclomatic), Float(function.cognitive), Float(function.maxNesting),
                             Float(function.parameters), Float(function.returns), Float(file.lines), fanIn, fanOut, cycle,
                             isTest ? 1 : 0, Float(record?.commits.count ?? 0), Float(record?.fixes.count ?? 0)]
                        + process(functionRecord) + originProfile(lineOrigins[low..<high], &knownBug),
                    effort: Double(max(function.lines, 1))))
            }
        }
        return (fileRows, functionRows)
    }

    func process(_ record: ProcessWalk.FileRecord?) -> [Float] {
        let now = walk.index.commit(at).authorTime, day = 86_400.0
        guard let record, !record.commits.isEmpty else {
            return [0, 0, 0, .nan, .nan, .nan, 0, 0, 0, 0, 0, 0]
        }
        let index = walk.index
        var byAuthor: [Int32: Int] = [:]
        var recent = 0, recentChurn = 0
        var recentAuthors = Set<Int32>()
        for commit in record.commits {
            let entry = index.commit(commit)
            byAuthor[entry.author, default: 0] += 1
            if now - entry.authorTime <= 90 * 86_400 {
                recent += 1
                recentAuthors.insert(entry.author)
            }
        }
        // Churn in the last 90 days: this file's or function's share is not stored per commit,
        // so the commit's whole churn on this path stands in (exact for files).
        for commit in record.commits where now - index.commit(commit).authorTime <= 90 * 86_400 {
            recentChurn += index.timeline.changes[Int(commit)].reduce(0) { $0 + Int(($1.added ?? 0) + ($1.deleted ?? 0)) }
        }
        let span = Double(max(now - firstTime, 1))
        let bugspots = record.fixes.reduce(0.0) { sum, fix in
            let t = Double(index.commit(fix).authorTime - firstTime) / span
            return sum + 1 / (1 + exp(-12 * t + 12))
        }
        let priorBugs = record.commits.lazy.filter { index.bugKnownAt($0, in: self.walk.world) != nil }.count
        return [Float(record.commits.count), Float(record.added + record.deleted), Float(record.authors.count),
                Float(Double(byAuthor.values.max() ?? 0) / Double(record.commits.count)),
                Float(Double(now - record.first) / day), Float(Double(now - record.last) / day),
                Float(record.fixes.count), Float(priorBugs), Float(bugspots), Float(recent), Float(recentAuthors.count),
                Float(recentChurn)]
    }

    func originProfile(_ lines: ArraySlice<LineOrigin>, _ knownBug: inout [Int32: Bool]) -> [Float] {
        guard !lines.isEmpty else { return [.nan, .nan, 0, .nan, 0] }
        let index = walk.index, timeline = index.timeline
        let now = index.commit(at).authorTime
        var young = 0, fixed = 0
        var authors: [Int32: Int] = [:]
        var commits = Set<Int32>()
        for line in lines {
            guard let origin = timeline.indexOfStoreID[Int64(line.commit)] else { continue }
            commits.insert(origin)
            let entry = index.commit(origin)
            authors[entry.author, default: 0] += 1
            if now - entry.authorTime <= 90 * 86_400 { young += 1 }
            let isBug = knownBug[origin] ?? (index.bugKnownAt(origin, in: walk.world) != nil)
            knownBug[origin] = isBug
            if isBug { fixed += 1 }
        }
        let count = Double(lines.count)
        return [Float(Double(young) / count), Float(Double(fixed) / count), Float(authors.count),
                Float(Double(authors.values.max() ?? 0) / count), Float(commits.count)]
    }
}
