import Foundation
import GitKit
import GRDB
import History

/// Writes mined commits, one transaction per batch, keeping the frontier (stored commits with no
/// stored child) in the same transaction so it always describes exactly what is stored.
public final class HistoryWriter {
    private let store: Store
    private var pathIDs: [String: Int64] = [:]
    private var personIDs: [PersonKey: Int64] = [:]
    private var missingSeen: Set<OID> = []
    /// Ids are chosen here, before the batch is written, because line origins (computed before
    /// the write) refer to commits and paths by id. A failed batch ends the scan and this
    /// writer with it, so ids handed out for it are never reused wrongly.
    private var nextCommitID: Int64 = 1
    private var nextPathID: Int64 = 1
    private var reservedCommits: [OID: Int64] = [:]
    private var pendingPaths: [String: Int64] = [:]

    private struct PersonKey: Hashable {
        var name: String
        var email: String
    }

    public init(store: Store) throws {
        self.store = store
        try store.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, path_text(path) FROM paths") {
                pathIDs[row[1]] = row[0]
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, name, email FROM people") {
                personIDs[PersonKey(name: row[1], email: row[2])] = row[0]
            }
            nextCommitID = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM commits") ?? 0) + 1
            nextPathID = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM paths") ?? 0) + 1
        }
    }

    /// The id the commit will have once its batch is written.
    public func reserveCommitID(_ oid: OID) -> Int64 {
        if let id = reservedCommits[oid] { return id }
        let id = nextCommitID
        nextCommitID += 1
        reservedCommits[oid] = id
        return id
    }

    /// The id of a path, stored or to be stored with the next batch.
    public func pathID(_ path: String) -> Int64 {
        if let id = pathIDs[path] ?? pendingPaths[path] { return id }
        let id = nextPathID
        nextPathID += 1
        pendingPaths[path] = id
        return id
    }

    /// Records the start of a scan; its row says "running" until `finishScan`, so a killed
    /// scan is visible in the log of scans.
    public func beginScan(rev: String, tip: OID, planned: Int) throws -> Int64 {
        try store.write { db in
            try db.execute(sql: """
                UPDATE scans SET status = 'interrupted' WHERE status = 'running';
                INSERT INTO scans (started_at, rev, tip_oid, commits_planned, status) VALUES (?, ?, ?, ?, 'running')
                """, arguments: [Date().timeIntervalSince1970, rev, Data(tip.bytes), planned])
            return db.lastInsertedRowID
        }
    }

    /// Ends a scan's row: `complete`, or `interrupted` when it stopped early (Ctrl-C, an error).
    public func finishScan(_ id: Int64, status: String = "complete") throws {
        try store.write { db in
            try db.execute(sql: "UPDATE scans SET status = ?, finished_at = ? WHERE id = ?",
                           arguments: [status, Date().timeIntervalSince1970, id])
        }
    }

    /// Stores a batch atomically. Commits already stored are skipped. Returns how many were new.
    @discardableResult
    public func write(_ batch: [MinedCommit], derivations: [CommitDerivation]? = nil, scanID: Int64) throws -> Int {
        // Interning caches are updated only after the transaction commits, so a failed batch
        // cannot leave ids in memory that the database rolled back.
        var newPaths = pendingPaths
        var newPeople: [PersonKey: Int64] = [:]
        var newMissing: Set<OID> = []
        let stored: Int = try store.write { db in
            let insertCommit = try db.cachedStatement(sql: """
                INSERT INTO commits (id, oid, author_id, author_time, author_offset, committer_id, commit_time,
                                     commit_offset, parent_count, parent_missing, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(oid) DO NOTHING
                """)
            let insertParent = try db.cachedStatement(sql:
                "INSERT INTO commit_parents (commit_id, position, parent_oid) VALUES (?, ?, ?)")
            let insertChange = try db.cachedStatement(sql: """
                INSERT INTO file_changes (commit_id, seq, path_id, status, old_blob, new_blob, old_mode, new_mode,
                                          added, deleted, binary, missing)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertRename = try db.cachedStatement(sql: """
                INSERT INTO renames (commit_id, old_path_id, new_path_id, similarity, added, deleted, binary)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let insertPath = try db.cachedStatement(sql: "INSERT INTO paths (id, path) VALUES (?, path_bytes(?))")
            for (path, id) in pendingPaths.sorted(by: { $0.value < $1.value }) {
                try insertPath.execute(arguments: [id, path])
            }
            let derived = try DerivationStatements(db)
            let insertPerson = try db.cachedStatement(sql: "INSERT INTO people (name, email) VALUES (?, ?)")
            let addFrontier = try db.cachedStatement(sql: "INSERT OR IGNORE INTO frontier (oid) VALUES (?)")
            let dropFrontier = try db.cachedStatement(sql: "DELETE FROM frontier WHERE oid = ?")
            let insertMissing = try db.cachedStatement(sql: "INSERT OR IGNORE INTO missing_blobs (oid) VALUES (?)")

            func pathID(_ path: String) throws -> Int64 {
                if let id = pathIDs[path] ?? newPaths[path] { return id }
                let id = nextPathID
                nextPathID += 1
                try insertPath.execute(arguments: [id, path])
                newPaths[path] = id
                return id
            }
            func personID(_ signature: Signature) throws -> Int64 {
                let key = PersonKey(name: signature.name, email: signature.email)
                if let id = personIDs[key] ?? newPeople[key] { return id }
                try insertPerson.execute(arguments: [signature.name, signature.email])
                let id = db.lastInsertedRowID
                newPeople[key] = id
                return id
            }

            var count = 0
            for (index, commit) in batch.enumerated() {
                let oidData = Data(commit.oid.bytes)
                try insertCommit.execute(arguments: [
                    reserveCommitID(commit.oid), oidData, try personID(commit.author), commit.author.time, commit.author.offsetMinutes,
                    try personID(commit.committer), commit.committer.time, commit.committer.offsetMinutes,
                    commit.parents.count, commit.parentMissing, commit.message,
                ])
                guard db.changesCount == 1 else { continue }
                let commitID = db.lastInsertedRowID
                count += 1
                for (position, parent) in commit.parents.enumerated() {
                    let parentData = Data(parent.bytes)
                    try insertParent.execute(arguments: [commitID, position, parentData])
                    try dropFrontier.execute(arguments: [parentData])
                }
                try addFrontier.execute(arguments: [oidData])
                for (seq, change) in commit.changes.enumerated() {
                    try insertChange.execute(arguments: [
                        commitID, seq, try pathID(change.path), String(change.status.rawValue),
                        change.oldBlob.map { Data($0.bytes) }, change.newBlob.map { Data($0.bytes) },
                        change.oldMode, change.newMode, change.added, change.deleted,
                        change.isBinary, change.isMissing,
                    ])
                }
                for rename in commit.renames {
                    try insertRename.execute(arguments: [
                        commitID, try pathID(rename.oldPath), try pathID(rename.newPath), rename.similarity,
                        rename.added, rename.deleted, rename.isBinary,
                    ])
                }
                if let derivation = derivations?[index] {
                    try derived.insert(derivation, commitID: commitID, pathID: pathID)
                }
                for blob in commit.missingBlobs where !missingSeen.contains(blob) && !newMissing.contains(blob) {
                    newMissing.insert(blob)
                    try insertMissing.execute(arguments: [Data(blob.bytes)])
                }
            }
            try db.execute(sql: "UPDATE scans SET commits_stored = commits_stored + ? WHERE id = ?",
                           arguments: [count, scanID])
            return count
        }
        pathIDs.merge(newPaths) { a, _ in a }
        pendingPaths = [:]
        for commit in batch { reservedCommits.removeValue(forKey: commit.oid) }
        personIDs.merge(newPeople) { a, _ in a }
        missingSeen.formUnion(newMissing)
        return stored
    }
}

/// The statements that store a commit's derivation, prepared once per batch.
struct DerivationStatements {
    let label, origin, szz, function, rename, outline: Statement

    init(_ db: Database) throws {
        label = try db.cachedStatement(sql: "INSERT OR REPLACE INTO commit_labels (commit_id, verdict) VALUES (?, ?)")
        origin = try db.cachedStatement(sql: "INSERT OR REPLACE INTO line_origins (commit_id, path_id, runs) VALUES (?, ?, ?)")
        szz = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO szz_links (fix_id, path_id, line, origin_id, origin_path_id) VALUES (?, ?, ?, ?, ?)
            """)
        function = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO function_changes (commit_id, path_id, name, kind, added, deleted) VALUES (?, ?, ?, ?, ?, ?)
            """)
        rename = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO function_renames (commit_id, path_id, old_name, new_name) VALUES (?, ?, ?, ?)
            """)
        outline = try db.cachedStatement(sql: "INSERT OR IGNORE INTO blob_outlines (oid, data) VALUES (?, ?)")
    }

    func insert(_ derivation: CommitDerivation, commitID: Int64, pathID: (String) throws -> Int64) throws {
        try label.execute(arguments: [commitID, derivation.verdict.rawValue])
        for entry in derivation.origins {
            try origin.execute(arguments: [commitID, try pathID(entry.path), entry.origins.map(OriginCodec.encode)])
        }
        for link in derivation.szz {
            try szz.execute(arguments: [commitID, try pathID(link.path), link.line, Int64(link.origin.commit),
                                        Int64(link.origin.path)])
        }
        for change in derivation.functions {
            try function.execute(arguments: [commitID, try pathID(change.path), change.name, change.kind.rawValue,
                                             change.added, change.deleted])
        }
        for renamed in derivation.functionRenames {
            try rename.execute(arguments: [commitID, try pathID(renamed.path), renamed.oldName, renamed.newName])
        }
        for (oid, blobOutline) in derivation.newOutlines {
            try outline.execute(arguments: [Data(oid.bytes), OutlineCodec.encode(blobOutline)])
        }
    }
}
