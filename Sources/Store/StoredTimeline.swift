import Foundation
import GitKit
import GRDB
import History

/// The whole mined history as plain arrays, read in one pass: what the risk model's features
/// are computed from. Commits are indexed densely in store order (parents before children);
/// every other array refers to commits by that index.
public struct StoredTimeline: Sendable {
    public struct Commit: Sendable {
        public var oid: OID
        public var author: Int32
        public var authorTime: Int64
        public var commitTime: Int64
        /// Indices of the parents that are stored (a shallow boundary has fewer than `parentCount`).
        public var parents: [Int32]
        public var parentCount: Int
        /// The fix classifier's verdict: fix, not-fix, harmless, bot.
        public var verdict: String
        public var subject: String

        public init(oid: OID, author: Int32, authorTime: Int64, commitTime: Int64, parents: [Int32], parentCount: Int,
                    verdict: String, subject: String) {
            self.oid = oid
            self.author = author
            self.authorTime = authorTime
            self.commitTime = commitTime
            self.parents = parents
            self.parentCount = parentCount
            self.verdict = verdict
            self.subject = subject
        }
    }

    public struct Change: Sendable {
        public var path: Int32
        /// "A", "M", "D", "T"…
        public var status: UInt8
        /// nil for binary or `-diff` files (git's numstat prints `-`).
        public var added: Int32?
        public var deleted: Int32?
        public var oldBlob: OID?
        public var newBlob: OID?

        public init(path: Int32, status: UInt8, added: Int32?, deleted: Int32?, oldBlob: OID?, newBlob: OID?) {
            self.path = path
            self.status = status
            self.added = added
            self.deleted = deleted
            self.oldBlob = oldBlob
            self.newBlob = newBlob
        }
    }

    public struct FunctionTouch: Sendable {
        public var path: Int32
        public var name: String
        public var added: Int32
        public var deleted: Int32

        public init(path: Int32, name: String, added: Int32, deleted: Int32) {
            self.path = path
            self.name = name
            self.added = added
            self.deleted = deleted
        }
    }

    /// A line a fix deleted or changed, and the commit that wrote it.
    public struct Link: Sendable {
        public var fix: Int32
        public var path: Int32
        public var line: Int32
        public var origin: Int32
        public var originPath: Int32
    }

    public var commits: [Commit] = []
    public var changes: [[Change]] = []
    public var functionTouches: [[FunctionTouch]] = []
    public var renames: [[(old: Int32, new: Int32)]] = []
    public var links: [Link] = []
    /// By path id.
    public var paths: [Int32: String] = [:]
    /// Store commit id → index (line origins name commits by store id).
    public var indexOfStoreID: [Int64: Int32] = [:]
}

extension Store {
    public func timeline() throws -> StoredTimeline {
        try read { db in
            var timeline = StoredTimeline()
            var index: [Int64: Int32] = [:]
            try Row.fetchCursor(db, sql: """
                SELECT c.id, c.oid, c.author_id, c.author_time, c.commit_time, c.parent_count, COALESCE(l.verdict, ''), c.message
                FROM commits c LEFT JOIN commit_labels l ON l.commit_id = c.id ORDER BY c.id
                """).forEach { row in
                index[row[0]] = Int32(timeline.commits.count)
                let message: String = row[7]
                timeline.commits.append(.init(oid: OID(bytes: row[1] as Data) ?? OID(bytes: [UInt8](repeating: 0, count: 20))!,
                                              author: Int32(row[2] as Int64), authorTime: row[3], commitTime: row[4],
                                              parents: [], parentCount: row[5], verdict: row[6],
                                              subject: String(message.prefix { $0 != "\n" }.prefix(200))))
            }
            var byOID: [Data: Int32] = [:]
            for (position, commit) in timeline.commits.enumerated() { byOID[Data(commit.oid.bytes)] = Int32(position) }
            try Row.fetchCursor(db, sql: "SELECT commit_id, parent_oid FROM commit_parents ORDER BY commit_id, position").forEach { row in
                guard let child = index[row[0]], let parent = byOID[row[1] as Data] else { return }
                timeline.commits[Int(child)].parents.append(parent)
            }
            let count = timeline.commits.count
            timeline.changes = Array(repeating: [], count: count)
            timeline.functionTouches = Array(repeating: [], count: count)
            timeline.renames = Array(repeating: [], count: count)
            try Row.fetchCursor(db, sql: """
                SELECT commit_id, path_id, status, added, deleted, old_blob, new_blob FROM file_changes ORDER BY commit_id, seq
                """).forEach { row in
                guard let commit = index[row[0]] else { return }
                let status: String = row[2]
                timeline.changes[Int(commit)].append(.init(
                    path: Int32(row[1] as Int64), status: status.utf8.first ?? 0,
                    added: (row[3] as Int64?).map { Int32($0) }, deleted: (row[4] as Int64?).map { Int32($0) },
                    oldBlob: (row[5] as Data?).flatMap { OID(bytes: $0) }, newBlob: (row[6] as Data?).flatMap { OID(bytes: $0) }))
            }
            try Row.fetchCursor(db, sql: "SELECT commit_id, path_id, name, added, deleted FROM function_changes").forEach { row in
                guard let commit = index[row[0]] else { return }
                timeline.functionTouches[Int(commit)].append(.init(path: Int32(row[1] as Int64), name: row[2],
                                                                    added: Int32(row[3] as Int64), deleted: Int32(row[4] as Int64)))
            }
            try Row.fetchCursor(db, sql: "SELECT commit_id, old_path_id, new_path_id FROM renames").forEach { row in
                guard let commit = index[row[0]] else { return }
                timeline.renames[Int(commit)].append((Int32(row[1] as Int64), Int32(row[2] as Int64)))
            }
            try Row.fetchCursor(db, sql: "SELECT fix_id, path_id, line, origin_id, origin_path_id FROM szz_links").forEach { row in
                guard let fix = index[row[0]], let origin = index[row[3]] else { return }
                timeline.links.append(.init(fix: fix, path: Int32(row[1] as Int64), line: Int32(row[2] as Int64),
                                            origin: origin, originPath: Int32(row[4] as Int64)))
            }
            for (id, name) in try Self.pathNames(db) { timeline.paths[Int32(id)] = name }
            timeline.indexOfStoreID = index
            return timeline
        }
    }

    /// Every stored line-origin row in store order: (commit index, path id, origins or nil when
    /// the file is gone), for a walk that replays the origins of every file.
    public func lineOriginRows(indexOf: [Int64: Int32]) throws -> [(commit: Int32, path: Int32, runs: Data?)] {
        try read { db in
            var rows: [(commit: Int32, path: Int32, runs: Data?)] = []
            try Row.fetchCursor(db, sql: "SELECT commit_id, path_id, runs FROM line_origins").forEach { row in
                guard let commit = indexOf[row[0]] else { return }
                rows.append((commit, Int32(row[1] as Int64), row[2] as Data?))
            }
            return rows
        }
    }

    public static func decodeOrigins(_ runs: Data) throws -> [LineOrigin] { try OriginCodec.decode(runs) }

    /// The outlines of these blobs that are stored (parsed by a scan).
    public func outlines(of blobs: Set<OID>) throws -> [OID: BlobOutline] {
        try read { db in
            var result: [OID: BlobOutline] = [:]
            let statement = try db.cachedStatement(sql: "SELECT data FROM blob_outlines WHERE oid = ?")
            for blob in blobs {
                if let data = try Data.fetchOne(statement, arguments: [Data(blob.bytes)]) {
                    result[blob] = try OutlineCodec.decode(data)
                }
            }
            return result
        }
    }
}

/// Models and blob measures: written by `train`, read by `predict`.
public struct StoredModel: Sendable {
    public var id: Int64
    public var level: String
    public var until: OID
    public var untilTime: Int64
    public var createdAt: Double
    public var archive: Data
}

extension Store {
    public func saveModel(level: String, until: OID, untilTime: Int64, archive: Data) throws -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO models (level, until_oid, until_time, created_at, archive) VALUES (?, ?, ?, ?, ?)",
                           arguments: [level, Data(until.bytes), untilTime, Date().timeIntervalSince1970, archive])
            return db.lastInsertedRowID
        }
    }

    /// Every stored model of a level, newest training moment first.
    public func models(level: String) throws -> [StoredModel] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, level, until_oid, until_time, created_at, archive FROM models WHERE level = ?
                ORDER BY until_time DESC, id DESC
                """, arguments: [level]).map {
                StoredModel(id: $0[0], level: $0[1], until: OID(bytes: $0[2] as Data)!, untilTime: $0[3], createdAt: $0[4],
                            archive: $0[5])
            }
        }
    }

    public func blobMeasures() throws -> [OID: Data] {
        try read { db in
            var result: [OID: Data] = [:]
            try Row.fetchCursor(db, sql: "SELECT oid, data FROM blob_measures").forEach { row in
                if let oid = OID(bytes: row[0] as Data) { result[oid] = row[1] }
            }
            return result
        }
    }

    public func saveBlobMeasures(_ measures: [OID: Data]) throws {
        guard !measures.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO blob_measures (oid, data) VALUES (?, ?)")
            for (oid, data) in measures { try statement.execute(arguments: [Data(oid.bytes), data]) }
        }
    }
}
