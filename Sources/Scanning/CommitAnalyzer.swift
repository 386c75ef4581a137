import Analysis
import CodeModel
import GitKit
import History

/// One commit mined and prepared on a worker thread: everything that needs blobs or parsing
/// (origin hunks against every parent, the fix verdict, functions touched, SZZ's candidate
/// lines). Only what needs the order of history — origins — is left for the writer's thread.
struct PreparedCommit: Sendable {
    var mined: MinedCommit
    var origins: OriginDelta
    var derivation: CommitDerivation
    /// For a fix: per file of the first parent, the lines SZZ traces.
    var szzCandidates: [(path: String, lines: [Int])]
}

struct CommitAnalyzer {
    let miner: HistoryMiner
    let classifier: FixClassifier
    let outlines: OutlineCache
    let frontends = Frontends()
    /// Functions touched and SZZ's candidate lines need the frontends; origins alone do not.
    var analyzeCode = true

    func prepare(_ oid: OID) throws -> PreparedCommit {
        let mined = try miner.mine(oid)
        let origins = try miner.originDelta(oid)
        var derivation = CommitDerivation(verdict: classifier.classify(
            message: mined.message, authorName: mined.author.name, authorEmail: mined.author.email, commitID: oid.hex))
        var candidates: [(String, [Int])] = []
        guard !mined.isMerge, analyzeCode else { return PreparedCommit(mined: mined, origins: origins, derivation: derivation, szzCandidates: []) }

        let repository = miner.repository
        func outline(_ blob: OID?, _ path: String) -> (Blob, BlobOutline)? {
            guard let blob, let loaded = try? repository.blob(blob),
                  let (outline, parsed) = outlines.outline(of: loaded, path: path, frontends: frontends) else { return nil }
            if parsed { derivation.newOutlines[blob] = outline }
            return (loaded, outline)
        }
        // Functions touched: the exact (numstat) hunks, renamed files seen from their old path.
        let renamedFrom = Dictionary(mined.renames.map { ($0.newPath, $0.oldPath) }, uniquingKeysWith: { a, _ in a })
        let deletedBlobs = Dictionary(mined.changes.filter { $0.status == .deleted }.map { ($0.path, $0.oldBlob) },
                                      uniquingKeysWith: { a, _ in a })
        for change in mined.changes where Language(path: change.path) != nil && !change.isBinary && !change.isMissing {
            if change.status == .deleted && mined.renames.contains(where: { $0.oldPath == change.path }) { continue }
            var oldBlob = change.oldBlob
            var hunks = change.hunks
            if change.status == .added, let source = renamedFrom[change.path], let sourceBlob = deletedBlobs[source] ?? nil,
               let old = try? repository.blob(sourceBlob), let new = try? change.newBlob.map({ try repository.blob($0) }) {
                oldBlob = sourceBlob
                hunks = LineDiff.hunks(old: old, new: new, options: .git)
            }
            let old = outline(oldBlob, change.path)
            let new = outline(change.newBlob, change.path)
            let attributed = FunctionAttribution.attribute(path: change.path, old: old?.1, new: new?.1, hunks: hunks)
            derivation.functions += attributed.changes
            derivation.functionRenames += attributed.renames
        }
        // SZZ: lines the fix deleted or changed, whitespace-blind, in files it modified.
        if derivation.verdict == .fix {
            for change in origins.changes {
                guard case .changed(let parentPath, let hunks)? = change.parents.first else { continue }
                let parentBlob = mined.changes.first { $0.path == parentPath && $0.oldBlob != nil }?.oldBlob
                guard let (blob, parentOutline) = outline(parentBlob, parentPath) else { continue }
                let lines = blob.withUnsafeBytes { SZZ.candidateLines(hunks: hunks, parentBytes: $0, outline: parentOutline) }
                if !lines.isEmpty { candidates.append((parentPath, lines)) }
            }
        }
        return PreparedCommit(mined: mined, origins: origins, derivation: derivation, szzCandidates: candidates)
    }
}
