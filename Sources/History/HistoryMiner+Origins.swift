import CodeModel
import GitKit

extension HistoryMiner {
    /// What `git blame -w` needs from one commit: for every tracked file that differs from the
    /// first parent, where it came from in each parent (same path, or a rename found the way
    /// blame finds one: only this file as destination, deleted files as sources) and the
    /// whitespace-blind hunks from there. Pure per commit, so workers run it in parallel; the
    /// sequential `LineOriginTracker` turns it into origins.
    public func originDelta(_ oid: OID) throws -> OriginDelta {
        let commit = try repository.commit(oid)
        let tree = try commit.tree()
        // A shallow boundary's absent parents are no parents: its lines are its own, as in git.
        var parentTrees: [Tree] = []
        var delta = OriginDelta()
        for parent in commit.parentIDs {
            do {
                parentTrees.append(try repository.commit(parent).tree())
                delta.parents.append(parent)
            } catch let error as GitError where error.isNotFound {
                continue
            }
        }
        let first = try repository.treeChanges(from: parentTrees.first, to: tree)
        var candidates: [TreeChange] = []
        for change in first where Language(path: change.path) != nil {
            if change.status == .deleted || !Self.isRegularFile(change.newMode) {
                // A tracked file that became a symlink or submodule has no lines of its own.
                if change.status != .added { delta.deleted.append(change.path) }
            } else {
                candidates.append(change)
            }
        }
        guard !candidates.isEmpty else { return delta }

        var blobs = BlobCache(repository: repository)
        // Changes against the other parents, computed only when a merge changes a tracked file.
        var others: [[String: TreeChange]] = []
        for parentTree in parentTrees.dropFirst() {
            var byPath: [String: TreeChange] = [:]
            for change in try repository.treeChanges(from: parentTree, to: tree) {
                byPath[change.path] = change
            }
            others.append(byPath)
        }
        let firstByPath = Dictionary(first.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var renameCache: [Int: [OID: [(UInt32, Int)]]] = [:]
        var renameSources: [Int: [TreeChange]] = [:]
        for change in candidates {
            guard let newBlob = blobs.load(change.newOID), !newBlob.isBinary else {
                delta.unknown.append(change.path)
                continue
            }
            // First every parent's counterpart found cheaply (same path, or an exact rename); a
            // similarity search for renames only when no parent holds the same content, since
            // an identical parent takes the whole file anyway.
            var counterparts: [(path: String, oid: OID)?] = []
            for index in parentTrees.indices {
                let changes = index == 0 ? firstByPath : others[index - 1]
                counterparts.append(try counterpart(of: change, in: changes, parent: index, exactOnly: true, blobs: &blobs,
                                                    renameCache: &renameCache, renameSources: &renameSources))
            }
            if !counterparts.contains(where: { $0?.oid == change.newOID }) {
                for index in parentTrees.indices where counterparts[index] == nil {
                    let changes = index == 0 ? firstByPath : others[index - 1]
                    counterparts[index] = try counterpart(of: change, in: changes, parent: index, exactOnly: false,
                                                          blobs: &blobs, renameCache: &renameCache,
                                                          renameSources: &renameSources)
                }
            }
            var links: [ParentLink] = counterparts.map { _ in .absent }
            if let identical = counterparts.firstIndex(where: { $0?.oid == change.newOID }) {
                links[identical] = .identical(path: counterparts[identical]!.path)
            } else {
                var missing = false
                for (index, counterpart) in counterparts.enumerated() {
                    guard let counterpart else { continue }
                    // A parent's version the clone lacks: its lines' origins cannot be known, and
                    // claiming them for this commit would be wrong.
                    guard let oldBlob = blobs.load(counterpart.oid) else {
                        missing = true
                        break
                    }
                    guard !oldBlob.isBinary else { continue }
                    links[index] = .changed(path: counterpart.path,
                                            hunks: LineDiff.hunks(old: oldBlob, new: newBlob,
                                                                  options: .gitBlameIgnoringWhitespace))
                }
                if missing {
                    delta.unknown.append(change.path)
                    continue
                }
            }
            delta.changes.append(OriginChange(path: change.path, blob: change.newOID, lineCount: newBlob.lineCount,
                                              parents: links))
        }
        return delta
    }

    static func isRegularFile(_ mode: UInt32) -> Bool { mode & 0o170000 == 0o100000 }

    /// The version of `change.path` in one parent: unchanged (absent from `changes`), modified
    /// in place, or — for a file new against that parent — the deleted file it was renamed from.
    private func counterpart(of change: TreeChange, in changes: [String: TreeChange], parent: Int,
                             exactOnly: Bool, blobs: inout BlobCache, renameCache: inout [Int: [OID: [(UInt32, Int)]]],
                             renameSources: inout [Int: [TreeChange]]) throws -> (path: String, oid: OID)? {
        guard let own = changes[change.path] else { return (change.path, change.newOID) }
        if own.status != .added {
            return Self.isRegularFile(own.oldMode) ? (own.path, own.oldOID) : nil
        }
        let sources = renameSources[parent] ?? changes.values
            .filter { $0.status == .deleted && Language(path: $0.path) != nil && Self.isRegularFile($0.oldMode) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        renameSources[parent] = sources
        if exactOnly {
            // git's exact pass: the same blob, preferring a source with the same file name.
            let same = sources.filter { $0.oldOID == change.newOID }
            let name = RenameDetector.Side(path: change.path, oid: change.newOID, mode: change.newMode).basename
            let pick = same.first { RenameDetector.Side(path: $0.path, oid: $0.oldOID, mode: $0.oldMode).basename == name }
                ?? same.first
            return pick.map { ($0.path, $0.oldOID) }
        }
        guard !sources.isEmpty else { return nil }
        let sides = sources.map { RenameDetector.Side(path: $0.path, oid: $0.oldOID, mode: $0.oldMode) }
        let destination = RenameDetector.Side(path: change.path, oid: change.newOID, mode: change.newMode)
        var spanCache = renameCache[parent] ?? [:]
        defer { renameCache[parent] = spanCache }
        var loaded: [OID: Blob] = [:]
        for side in sides + [destination] where loaded[side.oid] == nil {
            if let blob = blobs.load(side.oid) { loaded[side.oid] = blob }
        }
        let pairs = RenameDetector().detect(sources: sides, destinations: [destination], load: { oid in
            loaded[oid]
        }, spanCache: &spanCache)
        return withExtendedLifetime(loaded) {
            pairs.first.map { (sources[$0.source].path, sources[$0.source].oldOID) }
        }
    }
}

/// Blobs of one commit's origin pass, each read once; nil for a blob the clone lacks.
struct BlobCache {
    let repository: Repository
    private var blobs: [OID: Blob?] = [:]

    init(repository: Repository) { self.repository = repository }

    mutating func load(_ oid: OID) -> Blob? {
        if let cached = blobs[oid] { return cached }
        let blob = try? repository.blob(oid)
        blobs[oid] = blob
        return blob
    }
}
