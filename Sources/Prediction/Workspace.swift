import Analysis
import CodeModel
import Configuration
import Features
import Foundation
import GitKit
import History
import Metrics
import Store
import Support

enum CommitFeaturesNames { static var all: [String] { CommitFeatures.names } }
enum SnapshotNames {
    static var file: [String] { SnapshotFeatures.fileNames }
    static var function: [String] { SnapshotFeatures.functionNames }
}

/// A repository, its store and its history indexed once, shared by training, prediction and
/// back-tests. Blob measures and parsed files are cached here (and measures in the store), so
/// each blob is parsed at most once.
public final class Workspace {
    public let repository: Repository
    public let repositoryPath: String
    public let store: Store
    public let index: HistoryIndex
    public let originRows: [(commit: Int32, path: Int32, runs: Data?)]
    private var measures: [OID: BlobMeasure] = [:]
    private var unmeasurable = Set<OID>()
    private var fileMetrics: [OID: FileMetrics] = [:]
    private var snapshots: [Int32: (files: [SnapshotExample], functions: [SnapshotExample])] = [:]
    private var snapshotFiles: [Int32: [FileMetrics]] = [:]
    private var replayed: (commit: Int32, walk: ProcessWalk)?
    private var labelOutlines: [OID: BlobOutline]?
    /// Commit examples of a tip's world: a training run and its back-test share one replay.
    private var commitExampleCache: [Int32: [CommitExample]] = [:]
    public var progress: ((String) -> Void)?
    /// Said once per snapshot with unreadable files (missing blobs of a partial clone, binary,
    /// too large), whether or not stderr is a terminal: those files are not scored.
    public var warning: ((String) -> Void)?
    /// Snapshots whose files could not be read at all, with the first reason.
    private(set) var unreadableSnapshots: [Int32: (count: Int, total: Int, reason: String)] = [:]

    public init(repository: Repository, store: Store) throws {
        self.repository = repository
        repositoryPath = repository.workDirectory ?? repository.commonDirectory
        self.store = store
        index = HistoryIndex(try store.timeline())
        originRows = try store.lineOriginRows(indexOf: index.timeline.indexOfStoreID)
        for (oid, data) in (try? store.blobMeasures()) ?? [:] {
            if let measure = BlobMeasure(data) { measures[oid] = measure } else { unmeasurable.insert(oid) }
        }
    }

    /// The stored commit a revision names.
    public func commit(_ revision: String) throws -> Int32 {
        let oid = try repository.resolveCommit(revision)
        guard let commit = index.index(of: oid) else { throw PredictionError.notScanned(revision: revision) }
        return commit
    }

    public func walk(at commit: Int32) -> ProcessWalk {
        ProcessWalk(index: index, world: index.world(at: commit), originRows: originRows)
    }

    public func measure(_ blob: OID) -> BlobMeasure? { measures[blob] }

    /// Measures blobs that are not in the history (a staged change's), in memory only.
    public func measure(blobs: [(path: String, oid: OID)]) {
        let needed = blobs.filter { measures[$0.oid] == nil && !unmeasurable.contains($0.oid) }
            .compactMap { blob in Language(path: blob.path).map { SourceInput(path: blob.path, language: $0, origin: .blob(blob.oid)) } }
        for (input, outcome) in zip(needed, MetricsRunner.run(needed, repository: repositoryPath)) {
            guard case .blob(let oid) = input.origin else { continue }
            if case .measured(let metrics) = outcome {
                measures[oid] = BlobMeasure(cyclomatic: Int32(metrics.totalCyclomatic), cognitive: Int32(metrics.totalCognitive),
                                            functions: Int32(metrics.functions.count), codeLines: Int32(metrics.codeLines))
            } else {
                unmeasurable.insert(oid)
            }
        }
    }

    /// Parses every code blob the commits of `world` changed that has no measure yet, and
    /// keeps the measures in the store (when it is writable) for the next run.
    public func measureBlobs(in world: [Bool]) throws {
        var needed: [SourceInput] = []
        var seen = Set<OID>()
        for commit in index.replayOrder(world) where index.commit(commit).parents.count <= 1 {
            for change in index.timeline.changes[Int(commit)] {
                guard let path = index.timeline.paths[change.path], let language = Language(path: path) else { continue }
                for blob in [change.oldBlob, change.newBlob].compactMap({ $0 })
                where measures[blob] == nil && !unmeasurable.contains(blob) && seen.insert(blob).inserted {
                    needed.append(SourceInput(path: path, language: language, origin: .blob(blob)))
                }
            }
        }
        guard !needed.isEmpty else { return }
        progress?("measuring \(needed.count) blobs of history")
        var fresh: [OID: Data] = [:]
        for (input, outcome) in zip(needed, MetricsRunner.run(needed, repository: repositoryPath)) {
            guard case .blob(let oid) = input.origin else { continue }
            if case .measured(let metrics) = outcome {
                let measure = BlobMeasure(cyclomatic: Int32(metrics.totalCyclomatic), cognitive: Int32(metrics.totalCognitive),
                                          functions: Int32(metrics.functions.count), codeLines: Int32(metrics.codeLines))
                measures[oid] = measure
                fresh[oid] = measure.encoded
            } else {
                // Missing (partial clone), binary or too large: remembered so it is not retried.
                unmeasurable.insert(oid)
                fresh[oid] = Data([0])
            }
        }
        try? store.saveBlobMeasures(fresh)
    }

    /// Every commit example of `tip`'s world, each computed from what came before it.
    public func commitExamples(tip: Int32) throws -> [CommitExample] {
        if let cached = commitExampleCache[tip] { return cached }
        let world = index.world(at: tip)
        try measureBlobs(in: world)
        let examples = CommitFeatures.examples(walk: ProcessWalk(index: index, world: world, originRows: originRows),
                                               measures: { self.measure($0) })
        commitExampleCache[tip] = examples
        return examples
    }

    /// File and function examples at a commit (cached per commit).
    public func snapshot(at commit: Int32) throws -> (files: [SnapshotExample], functions: [SnapshotExample]) {
        if let cached = snapshots[commit] { return cached }
        let record = index.commit(commit)
        let listing = try SourceListing.revision(record.oid.hex, repository: repository, prefixes: [],
                                                 fallback: (try? ProjectConfiguration.load(repositoryPath: repositoryPath)) ?? ProjectConfiguration())
        var files: [FileMetrics] = []
        var toParse: [SourceInput] = []
        for input in listing.inputs {
            guard case .blob(let oid) = input.origin else { continue }
            if var known = fileMetrics[oid] {
                known.path = input.path
                files.append(known)
            } else {
                toParse.append(input)
            }
        }
        var unreadable: [String] = []
        for (input, outcome) in zip(toParse, MetricsRunner.run(toParse, repository: repositoryPath)) {
            switch outcome {
            case .measured(let metrics):
                guard case .blob(let oid) = input.origin else { continue }
                fileMetrics[oid] = metrics
                files.append(metrics)
            case .failed(_, let message):
                unreadable.append(message)
            case .skipped:
                break
            }
        }
        if let first = unreadable.first {
            unreadableSnapshots[commit] = (unreadable.count, listing.inputs.count, first)
            warning?("\(unreadable.count) of \(listing.inputs.count) files at \(record.oid.hex.prefix(10)) could not be read "
                     + "and are not scored (first: \(first))")
        }
        files.sort { $0.path < $1.path }
        snapshotFiles[commit] = files
        let walk = replay(at: commit)
        let origins = try store.originState(at: record.oid)
        let result = SnapshotFeatures(walk: walk, at: commit).examples(files: files, origins: origins)
        snapshots[commit] = result
        return result
    }

    /// The measured files of a snapshot (after `snapshot(at:)`), sorted by path.
    public func files(at commit: Int32) throws -> [FileMetrics] {
        if snapshotFiles[commit] == nil { _ = try snapshot(at: commit) }
        return snapshotFiles[commit] ?? []
    }

    /// The process walk of `commit`'s world, replayed to its end (the last one is kept: a
    /// report reads it after scoring the same snapshot).
    public func replay(at commit: Int32) -> ProcessWalk {
        if let replayed, replayed.commit == commit { return replayed.walk }
        let walk = walk(at: commit)
        walk.run { _, _ in }
        replayed = (commit, walk)
        return walk
    }

    /// Labels of a snapshot: fixes in (C, C + horizon] among the commits of `known`.
    public func labels(at commit: Int32, known: [Bool], horizon: Int64) throws -> (files: Set<String>, functions: Set<String>) {
        if labelOutlines == nil { labelOutlines = try store.outlines(of: SnapshotLabels.neededOutlines(index: index)) }
        return SnapshotLabels.compute(index: index, at: commit, world: index.world(at: commit), known: known, horizon: horizon,
                                      outlines: labelOutlines ?? [:])
    }
}
