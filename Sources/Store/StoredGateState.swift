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

    /// What invalidates the gate's state besides the tip: stored models, commits, labels and links.
    public func gateFingerprint() throws -> String {
        try read { db in
            let models = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM models") ?? 0
            let commits = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM commits") ?? 0
            let fixes = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM commit_labels WHERE verdict = 'fix'") ?? 0
            let links = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM szz_links") ?? 0
            return "\(models).\(commits).\(fixes).\(links)"
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
