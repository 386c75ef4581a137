import GitKit

/// Turns one commit into a `MinedCommit`. Holds its own repository handle, so each worker of a
/// parallel scan owns one miner.
public final class HistoryMiner {
    public let repository: Repository
    private let mailmap: Mailmap?
    /// Rename detection costs a similarity pass; history mining needs it, a quick churn count not.
    public var detectRenames = true
    /// Paths whose attributes say `binary` or `-diff`, as git's numstat reads them (the work
    /// tree's `.gitattributes`), asked once per path per miner.
    private var noDiffPaths: [String: Bool] = [:]

    public init(repositoryPath: String) throws {
        repository = try Repository(discovering: repositoryPath)
        mailmap = try? Mailmap(repository: repository)
    }

    public func mine(_ oid: OID) throws -> MinedCommit {
        let commit: Commit
        do {
            commit = try repository.commit(oid)
        } catch {
            throw HistoryError.unreadableCommit(oid, underlying: "\(error.localizedDescription)")
        }
        let parents = commit.parentIDs
        var mined = MinedCommit(oid: oid, parents: parents, author: try canonical(commit.author),
                                committer: try canonical(commit.committer), message: commit.message,
                                changes: [], renames: [], missingBlobs: [], parentMissing: false)
        // git log shows no diff for a merge unless asked (-m, --cc): neither do we.
        guard parents.count <= 1 else { return mined }

        var parentTree: Tree?
        if let first = parents.first {
            do {
                parentTree = try repository.commit(first).tree()
            } catch let error as GitError where error.isNotFound {
                mined.parentMissing = true
            }
        }
        let tree = try commit.tree()
        let deltas = try repository.treeChanges(from: parentTree, to: tree)
        var contents: [OID: Content] = [:]
        var adds = 0, deletes = 0
        mined.changes.reserveCapacity(deltas.count)
        for delta in deltas {
            switch delta.status {
            case .added: adds += 1
            case .deleted: deletes += 1
            default: break
            }
            let old = delta.status == .added ? Content.none : load(delta.oldOID, mode: delta.oldMode, into: &contents)
            let new = delta.status == .deleted ? Content.none : load(delta.newOID, mode: delta.newMode, into: &contents)
            let counted = try noDiff(delta.path) ? Counted(isBinary: true) : try count(old: old, new: new)
            if case .missing(let id) = old { mined.missingBlobs.append(id) }
            if case .missing(let id) = new { mined.missingBlobs.append(id) }
            mined.changes.append(FileChange(
                path: delta.path,
                status: delta.status,
                oldBlob: delta.oldOID.isZero ? nil : delta.oldOID,
                newBlob: delta.newOID.isZero ? nil : delta.newOID,
                oldMode: delta.oldMode, newMode: delta.newMode,
                added: counted.added, deleted: counted.deleted,
                isBinary: counted.isBinary, isMissing: counted.isMissing, hunks: counted.hunks))
        }
        if detectRenames, adds > 0, deletes > 0 {
            // Only a commit that both adds and deletes files can hold a rename: only then is
            // libgit2's (costlier) diff built for its similarity pass.
            mined.renames = try renames(deltas, contents: &contents)
        }
        return mined
    }

    // MARK: - Content of one side of a delta

    private enum Content {
        case none
        case blob(Blob)
        /// A submodule pointer: git diffs it as the one line "Subproject commit <id>".
        case gitlink(OID)
        case missing(OID)
    }

    private func load(_ oid: OID, mode: UInt32, into cache: inout [OID: Content]) -> Content {
        if oid.isZero { return .none }
        if mode & 0o170000 == 0o160000 { return .gitlink(oid) }
        if let cached = cache[oid] { return cached }
        let content: Content
        do {
            content = .blob(try repository.blob(oid))
        } catch {
            content = .missing(oid)
        }
        cache[oid] = content
        return content
    }

    private struct Counted {
        var added: Int?
        var deleted: Int?
        var isBinary = false
        var isMissing = false
        var hunks: [Hunk] = []
    }

    /// Counts exactly as `git diff --numstat`: binary when either side has a NUL byte in its
    /// first 8,000 bytes; two texts by their diff's hunks; otherwise each side's whole lines
    /// (an absent side has none, a submodule pointer has one).
    private func count(old: Content, new: Content) throws -> Counted {
        if case .missing = old { return Counted(isMissing: true) }
        if case .missing = new { return Counted(isMissing: true) }
        if case .blob(let b) = old, b.isBinary { return Counted(isBinary: true) }
        if case .blob(let b) = new, b.isBinary { return Counted(isBinary: true) }
        switch (old, new) {
        case (.blob(let a), .blob(let b)):
            if a.oid == b.oid { return Counted(added: 0, deleted: 0) }
            let hunks = LineDiff.hunks(old: a, new: b, options: .git)
            return Counted(added: hunks.reduce(0) { $0 + $1.newLines },
                           deleted: hunks.reduce(0) { $0 + $1.oldLines }, hunks: hunks)
        case (.gitlink(let a), .gitlink(let b)):
            return a == b ? Counted(added: 0, deleted: 0) : Counted(added: 1, deleted: 1)
        default:
            let deleted = lines(of: old), added = lines(of: new)
            var hunks: [Hunk] = []
            if deleted > 0 || added > 0 {
                hunks = [Hunk(oldStart: deleted > 0 ? 1 : 0, oldLines: deleted,
                              newStart: added > 0 ? 1 : 0, newLines: added)]
            }
            return Counted(added: added, deleted: deleted, hunks: hunks)
        }
    }

    private func lines(of content: Content) -> Int {
        switch content {
        case .none, .missing: return 0
        case .gitlink: return 1
        case .blob(let b): return b.lineCount
        }
    }

    private func renames(_ deltas: [TreeChange], contents: inout [OID: Content]) throws -> [Rename] {
        let deleted = deltas.filter { $0.status == .deleted }
        let added = deltas.filter { $0.status == .added }
        let sources = deleted.map { RenameDetector.Side(path: $0.path, oid: $0.oldOID, mode: $0.oldMode) }
        let destinations = added.map { RenameDetector.Side(path: $0.path, oid: $0.newOID, mode: $0.newMode) }
        var loaded: [OID: Blob] = [:]
        for case .blob(let blob) in contents.values { loaded[blob.oid] = blob }
        var spanCache: [OID: [(UInt32, Int)]] = [:]
        let pairs = RenameDetector().detect(sources: sources, destinations: destinations, load: { oid in
            loaded[oid]
        }, spanCache: &spanCache)
        var result: [Rename] = []
        for pair in pairs {
            let old = deleted[pair.source], new = added[pair.destination]
            let counted = try noDiff(old.path) || noDiff(new.path) ? Counted(isBinary: true)
                : try count(old: load(old.oldOID, mode: old.oldMode, into: &contents),
                            new: load(new.newOID, mode: new.newMode, into: &contents))
            result.append(Rename(oldPath: old.path, newPath: new.path,
                                 similarity: Int(0.5 + pair.score * 100 / RenameDetector.maxScore),
                                 added: counted.added, deleted: counted.deleted, isBinary: counted.isBinary))
        }
        return result
    }

    /// git prints `-	-` for a path whose attributes unset `diff` (`binary` does), without
    /// reading its content.
    private func noDiff(_ path: String) throws -> Bool {
        if let known = noDiffPaths[path] { return known }
        let answer = try repository.attributes(of: path, from: .workTree).noDiff
        noDiffPaths[path] = answer
        return answer
    }

    private func canonical(_ signature: Signature) throws -> Signature {
        guard let mailmap else { return signature }
        var resolved = signature
        (resolved.name, resolved.email) = try mailmap.resolve(name: signature.name, email: signature.email)
        return resolved
    }
}
