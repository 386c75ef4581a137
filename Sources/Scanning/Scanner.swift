import Foundation
import GitKit
import History
import Store

public struct ScanOptions: Sendable {
    /// What to scan: every commit reachable from it.
    public var revision = "HEAD"
    /// Mining threads; each opens its own repository handle.
    public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Commits per store transaction: the most a killed scan can lose.
    public var batchSize = 256
    /// Wait for another scan's lock instead of failing at once.
    public var waitForLock = false
    /// Which commits are bug fixes (SZZ starts from them); `.prognosis.yml`'s `fixes` section.
    public var classifier = FixClassifier()
    /// Parse changed files to attribute changes to functions and pick SZZ's lines. Off, a scan
    /// keeps numstat, line origins and fix labels only (the origin benchmark's mode).
    public var analyzeCode = true
    public init() {}
}

public struct ScanProgress: Sendable {
    public var done: Int
    public var total: Int
    public var elapsed: Double
}

public struct ScanResult: Sendable {
    public var storePath: String
    public var tip: OID
    public var commitsPlanned: Int
    public var commitsStored: Int
    /// Blobs whose content the clone lacks (partial clone); their files have no line counts.
    public var missingBlobs: Int
    /// Commits whose parent is absent (shallow clone boundary), diffed against the empty tree.
    public var shallowBoundaries: Int
    public var isShallow: Bool
    /// Commits labelled as bug fixes in this scan, and the lines SZZ traced from them.
    public var fixCommits = 0
    public var szzLinks = 0
    /// The store's schema before this scan upgraded it (an upgrade to 2 clears mined history).
    public var storeUpgradedFrom: Int?
    /// True when the upgrade cleared the mined history, mined again by this scan.
    public var storeHistoryCleared = false
    /// Commits mined again because blobs they lacked have been fetched since.
    public var completedAfterFetch = 0
    public var elapsed: Double
}

/// Mines a repository's history into its store: incremental (only commits not yet stored),
/// resumable (one transaction per batch, parents first), exclusive (one scan at a time).
public enum Scanner {
    public static func scan(repositoryPath: String, options: ScanOptions = ScanOptions(),
                            stopRequested: @escaping @Sendable () -> Bool = { false },
                            progress: (ScanProgress) -> Void = { _ in }) throws -> ScanResult {
        let start = Date()
        let repository = try Repository(discovering: repositoryPath)
        if options.revision == "HEAD", try repository.headCommit() == nil {
            let path = repository.workDirectory ?? repository.gitDirectory
            let branches = try repository.branchNames().sorted()
            if !branches.isEmpty {
                let head = (repository.headReferenceName() ?? "HEAD").replacingOccurrences(of: "refs/heads/", with: "")
                throw ScanError.unbornHead(path: path, head: head, branches: branches)
            }
            throw ScanError.emptyRepository(path: path)
        }
        let tip = try repository.resolveCommit(options.revision)
        // Larger object caches than libgit2's default: each blob is read twice in a walk.
        Libgit2.configureCache(maxBytes: 48 << 20, blobLimit: 1 << 20)

        let location = StoreLocation(gitCommonDirectory: repository.commonDirectory)
        do {
            try FileManager.default.createDirectory(atPath: location.directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.unwritable(path: location.directory, message: error.localizedDescription)
        }
        let lock = try ScanLock(path: location.lockPath, wait: options.waitForLock)
        defer { withExtendedLifetime(lock) {} }
        let store = try Store(location: location, create: true)
        // A partial clone's blobs may have been fetched since: commits mined without them are
        // forgotten (with everything after them) and mined again, now complete.
        var completed = 0
        let nowPresent = try store.missingContent().filter { (try? repository.contains($0.blob)) == true }
        if let earliest = nowPresent.map(\.firstCommitID).min() {
            completed = try store.rewind(from: earliest)
        }
        let commits = try CommitPlan.commits(in: repository, tip: tip, alreadyStoredFrontier: try store.frontier())
        try Self.requireTrees(of: commits, in: repository)

        var result = ScanResult(storePath: location.databasePath, tip: tip, commitsPlanned: commits.count,
                                commitsStored: 0, missingBlobs: 0, shallowBoundaries: 0,
                                isShallow: repository.isShallow, elapsed: 0)
        result.storeUpgradedFrom = store.upgradedFrom
        result.storeHistoryCleared = store.historyCleared
        result.completedAfterFetch = completed
        guard !commits.isEmpty else {
            result.elapsed = Date().timeIntervalSince(start)
            return result
        }
        let writer = try HistoryWriter(store: store)
        let scanID = try writer.beginScan(rev: options.revision, tip: tip, planned: commits.count)
        let tracker = LineOriginTracker(childCounts: try Self.childCounts(commits, repository: repository),
                                        loadStored: { try store.originState(at: $0) })
        let outlines = try OutlineCache(store: store)
        let classifier = options.classifier
        let analyzeCode = options.analyzeCode
        let miner = ParallelMiner(repositoryPath: repositoryPath, commits: commits,
                                  chunkSize: options.batchSize, workers: options.workers) { historyMiner in
            var analyzer = CommitAnalyzer(miner: historyMiner, classifier: classifier, outlines: outlines)
            analyzer.analyzeCode = analyzeCode
            return { try analyzer.prepare($0) }
        }
        var done = 0
        // However the scan ends, the log of scans must not keep saying "running".
        var finished = false
        defer { if !finished { try? writer.finishScan(scanID, status: "interrupted") } }
        try miner.run { prepared in
            if stopRequested() {
                throw ScanError.interrupted(stored: result.commitsStored, remaining: commits.count - done)
            }
            var derivations: [CommitDerivation] = []
            for commit in prepared {
                derivations.append(try Self.derive(commit, tracker: tracker, writer: writer))
                if commit.derivation.verdict == .fix { result.fixCommits += 1 }
                result.szzLinks += derivations[derivations.count - 1].szz.count
            }
            let batch = prepared.map(\.mined)
            result.commitsStored += try writer.write(batch, derivations: derivations, scanID: scanID)
            for commit in batch {
                result.missingBlobs += commit.missingBlobs.count
                if commit.parentMissing { result.shallowBoundaries += 1 }
            }
            done += batch.count
            progress(ScanProgress(done: done, total: commits.count, elapsed: Date().timeIntervalSince(start)))
        }
        try writer.finishScan(scanID)
        finished = true
        result.elapsed = Date().timeIntervalSince(start)
        return result
    }

    /// Origins need history's order, so they are computed here, on the writer's thread, before
    /// the batch is written: the commit's origins from its parents', and SZZ's links from its
    /// first parent's.
    static func derive(_ commit: PreparedCommit, tracker: LineOriginTracker, writer: HistoryWriter) throws -> CommitDerivation {
        let id = Int32(truncatingIfNeeded: writer.reserveCommitID(commit.mined.oid))
        let applied = try tracker.apply(commit: commit.mined.oid, id: id, parents: commit.origins.parents,
                                        delta: commit.origins) { Int32(truncatingIfNeeded: writer.pathID($0)) }
        var derivation = commit.derivation
        derivation.origins = applied.entries
        for (path, lines) in commit.szzCandidates {
            derivation.szz += SZZ.links(path: path, lines: lines, parentOrigins: applied.firstParentOrigins[path])
        }
        return derivation
    }

    /// A tree-less partial clone (`--filter=tree:0`) lacks the trees of old commits, which git
    /// fetches on demand and libgit2 cannot: refuse before mining, saying what to run.
    static func requireTrees(of commits: [OID], in repository: Repository) throws {
        var missing = 0
        for oid in commits {
            guard let commit = try? repository.commit(oid) else { continue }
            if try !repository.contains(commit.treeOID) { missing += 1 }
        }
        if missing > 0 {
            throw ScanError.missingTrees(count: missing, filter: repository.partialCloneFilter())
        }
    }

    /// How many of the planned commits have each commit as a parent: the tracker keeps a
    /// commit's state exactly until its last child is done.
    public static func childCounts(_ commits: [OID], repository: Repository) throws -> [OID: Int] {
        var counts: [OID: Int] = [:]
        for oid in commits {
            for parent in try repository.commit(oid).parentIDs { counts[parent, default: 0] += 1 }
        }
        return counts
    }
}
