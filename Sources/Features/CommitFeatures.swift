import CodeModel
import Foundation
import GitKit
import History
import Store

/// One commit as the just-in-time model sees it, computed from what was known just before it.
public struct CommitExample: Sendable {
    public var commit: Int32
    public var position: Int32
    public var values: [Float]
    /// Lines added plus deleted: what reviewing the change costs.
    public var effort: Double
    /// When the commit became known as bug-introducing (a fix's position), nil when never in this world.
    public var bugKnownAt: Int32?
}

/// Kamei et al.'s 14 change metrics and ours (complexity, functions, the lines a change
/// rewrites, ownership, tests, file kinds, words).
public enum CommitFeatures {
    static let words = ["fix", "bug", "add", "remove", "refactor", "test", "doc", "update", "revert", "support",
                        "improve", "error", "crash", "issue", "typo", "clean", "bump", "release", "deprecat", "handle",
                        "allow", "change", "use", "wip"]

    public static let names: [String] = [
        "ns", "nd", "nf", "entropy", "la", "ld", "lt", "fix", "ndev", "age", "nuc", "exp", "rexp", "sexp",
        "cyclomatic_added", "cyclomatic_removed", "cognitive_added", "cognitive_removed",
        "functions_touched", "function_prior_fixes", "function_prior_bugs",
        "rewritten_lines", "rewritten_age_days", "rewritten_origins", "rewritten_fixed_share", "rewritten_fixed_lines",
        "author_line_share", "other_line_authors",
        "tests_changed", "test_files", "python_files", "swift_files", "other_files", "message_length",
        "la_share", "ld_share", "la_per_file",
    ] + words.map { "word_" + $0 }

    /// Examples for every commit of `world` that changes code and is not a merge, in replay order.
    /// `only`, when given, limits the examples (not the replay) to those commits.
    public static func examples(walk: ProcessWalk, measures: (OID) -> BlobMeasure?, only: Set<Int32>? = nil) -> [CommitExample] {
        var result: [CommitExample] = []
        let index = walk.index
        walk.run { commit, position in
            if let only, !only.contains(commit) { return }
            guard let values = features(of: commit, position: position, walk: walk, measures: measures) else { return }
            let changes = index.timeline.changes[Int(commit)]
            let effort = changes.reduce(0.0) { $0 + Double(($1.added ?? 0) + ($1.deleted ?? 0)) }
            result.append(CommitExample(commit: commit, position: position, values: values, effort: effort,
                                        bugKnownAt: index.bugKnownAt(commit, in: walk.world)))
        }
        return result
    }

    /// nil for merges and for commits that change no Python or Swift code.
    static func features(of commit: Int32, position: Int32, walk: ProcessWalk, measures: (OID) -> BlobMeasure?) -> [Float]? {
        let timeline = walk.index.timeline
        let record = walk.index.commit(commit)
        guard record.parents.count <= 1 else { return nil }
        return features(commit: commit, record: record, changes: timeline.changes[Int(commit)],
                        touches: timeline.functionTouches[Int(commit)], renames: timeline.renames[Int(commit)],
                        position: position, context: walk, measures: measures)
    }

    /// The features of one change as `context` knows the history before it: a replayed walk,
    /// or the gate's stored state. Both feed this one function, so they cannot disagree.
    public static func features(commit: Int32, record: StoredTimeline.Commit, changes: [StoredTimeline.Change],
                                touches: [StoredTimeline.FunctionTouch], renames: [(old: Int32, new: Int32)], position: Int32,
                                context: some CommitContext, measures: (OID) -> BlobMeasure?) -> [Float]? {
        let named = changes.map { ($0, context.path($0.path) ?? "") }
        guard named.contains(where: { PathKind.language($0.1) != nil }) else { return nil }
        let day = 86_400.0, now = record.authorTime
        var renamedFrom: [Int32: Int32] = [:]
        for rename in renames { renamedFrom[rename.new] = rename.old }

        let subsystems = Set(named.map { PathKind.subsystem($0.1) })
        let directories = Set(named.map { PathKind.directory($0.1) })
        let churns = changes.map { Double(($0.added ?? 0) + ($0.deleted ?? 0)) }
        let totalChurn = churns.reduce(0, +)
        var entropy = 0.0
        if totalChurn > 0 {
            for churn in churns where churn > 0 {
                let p = churn / totalChurn
                entropy -= p * log2(p)
            }
        }
        let la = changes.reduce(0) { $0 + Int($1.added ?? 0) }, ld = changes.reduce(0) { $0 + Int($1.deleted ?? 0) }
        var developers = Set<Int32>(), earlier = Set<Int32>()
        var ages: [Double] = []
        for change in changes {
            guard let file = context.file(renamedFrom[change.path] ?? change.path) else { continue }
            developers.formUnion(file.authors)
            earlier.formUnion(file.commits)
            if file.last > Int64.min { ages.append(Double(now - file.last) / day) }
        }
        let authorTimes = context.authorTimes(record.author)
        let experience = Double(authorTimes.count)
        let recentExperience = authorTimes.reduce(0.0) { $0 + 1 / (1 + max(0, Double(now - $1)) / (365 * day)) }
        let bySubsystem = context.authorSubsystems(record.author)
        let subsystemExperience = subsystems.reduce(0) { $0 + (bySubsystem[$1] ?? 0) }

        // Complexity added and removed: the blobs' totals before and after, file by file.
        var cyclomaticAdded = 0.0, cyclomaticRemoved = 0.0, cognitiveAdded = 0.0, cognitiveRemoved = 0.0
        var measured = true
        for (change, path) in named where PathKind.language(path) != nil {
            let before = change.oldBlob.map { measures($0) } ?? BlobMeasure(cyclomatic: 0, cognitive: 0, functions: 0, codeLines: 0)
            let after = change.newBlob.map { measures($0) } ?? BlobMeasure(cyclomatic: 0, cognitive: 0, functions: 0, codeLines: 0)
            guard let before, let after else { measured = false; continue }
            let cyclomatic = Double(after.cyclomatic - before.cyclomatic), cognitive = Double(after.cognitive - before.cognitive)
            if cyclomatic > 0 { cyclomaticAdded += cyclomatic } else { cyclomaticRemoved -= cyclomatic }
            if cognitive > 0 { cognitiveAdded += cognitive } else { cognitiveRemoved -= cognitive }
        }

        // Functions touched and what is known of them.
        var priorFixes = 0, priorBugs = 0
        for touch in touches {
            guard let function = context.function(ProcessWalk.FunctionKey(path: touch.path, name: touch.name)) else { continue }
            priorFixes += function.fixes.count
            priorBugs += function.commits.lazy.filter { context.isKnownBug($0, before: position) }.count
        }

        // The lines the change deletes or rewrites, from the origins just before it.
        var rewritten = 0, rewrittenAge = 0.0, rewrittenFixed = 0
        var rewrittenOrigins = Set<Int32>()
        var linesBefore = 0, ownLines = 0
        var lineAuthors = Set<Int32>()
        var knownBug: [Int32: Bool] = [:]
        for change in changes {
            let before = context.origins(of: renamedFrom[change.path] ?? change.path)
            linesBefore += before.count
            guard !before.isEmpty else { continue }
            var counts: [Int32: Int] = [:]
            for origin in before { counts[origin.commit, default: 0] += 1 }
            for (storeID, count) in counts {
                guard let origin = context.originCommit(storeID: storeID) else { continue }
                let author = origin.author
                lineAuthors.insert(author)
                if author == record.author { ownLines += count }
            }
            guard case .some(let after) = context.originsAfter(commit, path: change.path) else { continue }
            var remaining: [Int32: Int] = [:]
            for origin in after ?? [] { remaining[origin.commit, default: 0] += 1 }
            for (storeID, count) in counts {
                let gone = count - (remaining[storeID] ?? 0)
                guard gone > 0, let origin = context.originCommit(storeID: storeID) else { continue }
                rewritten += gone
                rewrittenOrigins.insert(origin.index)
                rewrittenAge += Double(gone) * max(0, Double(now - origin.authorTime)) / day
                let fixed = knownBug[origin.index] ?? context.isKnownBug(origin.index, before: position)
                knownBug[origin.index] = fixed
                if fixed { rewrittenFixed += gone }
            }
        }
        lineAuthors.remove(record.author)

        let testFiles = named.filter { PathKind.isTest($0.1) }.count
        let python = named.filter { PathKind.language($0.1) == .python }.count
        let swift = named.filter { PathKind.language($0.1) == .swift }.count
        let subject = record.subject.lowercased()
        let wordFlags: [Float] = words.map { subject.contains($0) ? 1 : 0 }
        let nan = Float.nan

        var values: [Float] = [
            Float(subsystems.count), Float(directories.count), Float(changes.count), Float(entropy),
            Float(la), Float(ld), Float(linesBefore), record.verdict == "fix" ? 1 : 0, Float(developers.count),
            ages.isEmpty ? nan : Float(ages.reduce(0, +) / Double(ages.count)), Float(earlier.count),
            Float(experience), Float(recentExperience), Float(subsystemExperience),
            measured ? Float(cyclomaticAdded) : nan, measured ? Float(cyclomaticRemoved) : nan,
            measured ? Float(cognitiveAdded) : nan, measured ? Float(cognitiveRemoved) : nan,
            Float(touches.count), Float(priorFixes), Float(priorBugs),
            Float(rewritten), rewritten > 0 ? Float(rewrittenAge / Double(rewritten)) : nan, Float(rewrittenOrigins.count),
            rewritten > 0 ? Float(Double(rewrittenFixed) / Double(rewritten)) : nan, Float(rewrittenFixed),
            linesBefore > 0 ? Float(Double(ownLines) / Double(linesBefore)) : nan, Float(lineAuthors.count),
            testFiles > 0 ? 1 : 0, Float(testFiles), Float(python), Float(swift), Float(changes.count - python - swift),
            Float(record.subject.count),
            // Kamei's normalised size: what the change adds and deletes against what the files held.
            Float(Double(la) / Double(max(linesBefore, 1))), Float(Double(ld) / Double(max(linesBefore, 1))),
            Float(Double(la) / Double(max(changes.count, 1))),
        ]
        values += wordFlags
        return values
    }
}

/// What the commit features read about the history before a change.
public protocol CommitContext {
    func path(_ id: Int32) -> String?
    func file(_ path: Int32) -> ProcessWalk.FileRecord?
    func function(_ key: ProcessWalk.FunctionKey) -> ProcessWalk.FileRecord?
    func authorTimes(_ author: Int32) -> [Int64]
    func authorSubsystems(_ author: Int32) -> [Substring: Int]
    /// A file's line origins just before the change.
    func origins(of path: Int32) -> [LineOrigin]
    /// The origins the change leaves for `path`: .none when it leaves them as they were.
    func originsAfter(_ commit: Int32, path: Int32) -> [LineOrigin]??
    /// The commit a line origin names (origins name commits by store id).
    func originCommit(storeID: Int32) -> (index: Int32, author: Int32, authorTime: Int64)?
    /// Whether a fix known before `position` traced lines back to `commit`.
    func isKnownBug(_ commit: Int32, before position: Int32) -> Bool
}

extension ProcessWalk: CommitContext {
    public func path(_ id: Int32) -> String? { index.timeline.paths[id] }
    public func file(_ path: Int32) -> FileRecord? { files[path] }
    public func function(_ key: FunctionKey) -> FileRecord? { functions[key] }
    public func authorTimes(_ author: Int32) -> [Int64] { authorTimes[author] ?? [] }
    public func authorSubsystems(_ author: Int32) -> [Substring: Int] { authorSubsystems[author] ?? [:] }
    public func originCommit(storeID: Int32) -> (index: Int32, author: Int32, authorTime: Int64)? {
        guard let origin = index.timeline.indexOfStoreID[Int64(storeID)] else { return nil }
        let commit = index.commit(origin)
        return (origin, commit.author, commit.authorTime)
    }
    public func isKnownBug(_ commit: Int32, before position: Int32) -> Bool {
        (index.bugKnownAt(commit, in: world) ?? .max) < position
    }
}
