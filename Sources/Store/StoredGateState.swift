import Foundation
import GitKit
import GRDB

/// The gate's cached state of one tip: a header and keyed records, all opaque bytes here
/// (Features encodes and reads them).
public struct GateRecordKey: Hashable, Sendable {
    public var kind: Int
    public var id: Int64
    public var name: String

    public init(kind: Int, id: Int64, name: String = "") {
        self.kind = kind
        self.id = id
        self.name = name
    }
}

extension Store {
    /// Replaces the cached state with `tip`'s, in one transaction.
    public func saveGateState(tip: OID, key: String, header: Data, records: [(GateRecordKey, Data)]) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM gate_state")
            try db.execute(sql: "DELETE FROM gate_records")
            try db.execute(sql: "INSERT INTO gate_state (tip, key, created_at, header) VALUES (?, ?, ?, ?)",
                           arguments: [Data(tip.bytes), key, Date().timeIntervalSince1970, header])
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO gate_records (kind, id, name, data) VALUES (?, ?, ?, ?)")
            for (record, data) in records {
                try statement.execute(arguments: [record.kind, record.id, record.name, data])
            }
        }
    }

    /// The cached header of `tip` when its key is `key`; nil otherwise.
    public func gateHeader(tip: OID, key: String) throws -> Data? {
        try read { db in
            try Data.fetchOne(db, sql: "SELECT header FROM gate_state WHERE tip = ? AND key = ?", arguments: [Data(tip.bytes), key])
        }
    }

    public func gateRecords(_ keys: [GateRecordKey]) throws -> [GateRecordKey: Data] {
        try read { db in
            let statement = try db.cachedStatement(sql: "SELECT data FROM gate_records WHERE kind = ? AND id = ? AND name = ?")
            var result: [GateRecordKey: Data] = [:]
            for key in Set(keys) {
                if let data = try Data.fetchOne(statement, arguments: [key.kind, key.id, key.name]) { result[key] = data }
            }
            return result
        }
    }

    /// Store path ids of paths (absent ones are left out).
    public func pathIDs(_ paths: [String]) throws -> [String: Int32] {
        try read { db in
            let statement = try db.cachedStatement(sql: "SELECT id FROM paths WHERE path = path_bytes(?)")
            var result: [String: Int32] = [:]
            for path in Set(paths) {
                if let id = try Int64.fetchOne(statement, arguments: [path]) { result[path] = Int32(id) }
            }
            return result
        }
    }

    public func maxPathID() throws -> Int32 {
        try read { db in Int32(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM paths") ?? 0) }
    }

    /// Measures of these blobs, when stored.
    public func blobMeasures(_ oids: [OID]) throws -> [OID: Data] {
        try read { db in
            let statement = try db.cachedStatement(sql: "SELECT data FROM blob_measures WHERE oid = ?")
            var result: [OID: Data] = [:]
            for oid in Set(oids) {
                if let data = try Data.fetchOne(statement, arguments: [Data(oid.bytes)]) { result[oid] = data }
            }
            return result
        }
    }
}

/// One stored commit as the gate's state needs it to move forward over it.
public struct GateCommitRows: Sendable {
    public var storeID: Int64
    public var author: Int32
    public var authorTime: Int64
    public var commitTime: Int64
    public var parentCount: Int
    public var verdict: String
    /// Path id, path, added, deleted (nil for binary).
    public var changes: [(path: Int32, name: String, added: Int32?, deleted: Int32?)] = []
    public var touches: [(path: Int32, name: String, added: Int32, deleted: Int32)] = []
    public var renames: [(old: Int32, new: Int32)] = []
    public var origins: [(path: Int32, runs: Data?)] = []
    /// Store ids of the commits this fix's SZZ links trace lines back to.
    public var linkedOrigins: Set<Int64> = []
    /// Its SZZ link rows.
    public var links = 0
}

extension Store {
    /// Commits, fix labels and SZZ links in the store: the gate's state records the counts it
    /// was built with, so anything else that changed them sends the gate back to a replay.
    public func gateCounts() throws -> [Int64] {
        try read { db in
            [try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM commits") ?? 0,
             try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM commit_labels WHERE verdict = 'fix'") ?? 0,
             try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM szz_links") ?? 0]
        }
    }

    public func maxModelID() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM models") ?? 0 }
    }

    /// The stored state whatever its tip, when its key is `key`.
    public func gateState(key: String) throws -> (tip: OID, header: Data)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT tip, header FROM gate_state WHERE key = ?", arguments: [key]),
                  let tip = OID(bytes: row[0] as Data) else { return nil }
            return (tip, row[1])
        }
    }

    /// Moves the state to `tip`: a new header, changed records written, removed ones deleted.
    public func advanceGateState(tip: OID, key: String, header: Data, records: [(GateRecordKey, Data?)]) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM gate_state")
            try db.execute(sql: "INSERT INTO gate_state (tip, key, created_at, header) VALUES (?, ?, ?, ?)",
                           arguments: [Data(tip.bytes), key, Date().timeIntervalSince1970, header])
            let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO gate_records (kind, id, name, data) VALUES (?, ?, ?, ?)")
            let delete = try db.cachedStatement(sql: "DELETE FROM gate_records WHERE kind = ? AND id = ? AND name = ?")
            for (record, data) in records {
                if let data {
                    try upsert.execute(arguments: [record.kind, record.id, record.name, data])
                } else {
                    try delete.execute(arguments: [record.kind, record.id, record.name])
                }
            }
        }
    }

    /// What the gate's state needs of these stored commits, in the order given.
    public func gateCommitRows(_ oids: [OID]) throws -> [GateCommitRows]? {
        try read { db in
            var result: [GateCommitRows] = []
            for oid in oids {
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT c.id, c.author_id, c.author_time, c.commit_time, c.parent_count, COALESCE(l.verdict, '')
                    FROM commits c LEFT JOIN commit_labels l ON l.commit_id = c.id WHERE c.oid = ?
                    """, arguments: [Data(oid.bytes)]) else { return nil }
                let id: Int64 = row[0]
                var rows = GateCommitRows(storeID: id, author: Int32(row[1] as Int64), authorTime: row[2], commitTime: row[3],
                                          parentCount: row[4], verdict: row[5])
                for change in try Row.fetchAll(db, sql: """
                    SELECT f.path_id, path_text(p.path), f.added, f.deleted FROM file_changes f JOIN paths p ON p.id = f.path_id
                    WHERE f.commit_id = ? ORDER BY f.seq
                    """, arguments: [id]) {
                    rows.changes.append((Int32(change[0] as Int64), change[1], (change[2] as Int64?).map { Int32($0) },
                                         (change[3] as Int64?).map { Int32($0) }))
                }
                for touch in try Row.fetchAll(db, sql: "SELECT path_id, name, added, deleted FROM function_changes WHERE commit_id = ?",
                                              arguments: [id]) {
                    rows.touches.append((Int32(touch[0] as Int64), touch[1], Int32(touch[2] as Int64), Int32(touch[3] as Int64)))
                }
                for rename in try Row.fetchAll(db, sql: "SELECT old_path_id, new_path_id FROM renames WHERE commit_id = ?",
                                               arguments: [id]) {
                    rows.renames.append((Int32(rename[0] as Int64), Int32(rename[1] as Int64)))
                }
                for origin in try Row.fetchAll(db, sql: "SELECT path_id, runs FROM line_origins WHERE commit_id = ?", arguments: [id]) {
                    rows.origins.append((Int32(origin[0] as Int64), origin[1] as Data?))
                }
                let origins = try Int64.fetchAll(db, sql: "SELECT origin_id FROM szz_links WHERE fix_id = ?", arguments: [id])
                rows.linkedOrigins = Set(origins)
                rows.links = origins.count
                result.append(rows)
            }
            return result
        }
    }
}
