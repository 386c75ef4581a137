import Foundation
import GitKit
import GRDB

/// A stored commit as the history readers need it.
public struct StoredCommit: Sendable {
    public var id: Int64
    public var oid: OID
    public var commitTime: Int64
    public var parents: [OID]
}

/// A stored per-file change (`git log --numstat --no-renames` row).
public struct StoredChange: Sendable, Equatable {
    public var seq: Int
    public var path: String
    public var status: String
    public var added: Int?
    public var deleted: Int?
    public var isBinary: Bool
    public var isMissing: Bool
}

public struct StoredRename: Sendable, Equatable {
    public var oldPath: String
    public var newPath: String
    public var similarity: Int
    public var added: Int?
    public var deleted: Int?
    public var isBinary: Bool
}

public struct StoreInfo: Sendable {
    public var path: String
    public var schemaVersion: Int
    public var sizeBytes: Int64
    public var commitCount: Int
    public var authorCount: Int
    public var fileChangeCount: Int
    public var missingBlobCount: Int
    public var newestCommit: (oid: OID, time: Int64, summary: String)?
    public var lastScan: (rev: String, tip: OID, status: String, finishedAt: Double?)?
}

extension Store {
    /// Stored commits with no stored child: hiding them from a walk hides everything stored.
    public func frontier() throws -> [OID] {
        try read { db in
            try Data.fetchAll(db, sql: "SELECT oid FROM frontier").compactMap { OID(bytes: $0) }
        }
    }

    public func info() throws -> StoreInfo {
        let version = try schemaVersion()
        return try read { db in
            let newest = try Row.fetchOne(db, sql: "SELECT oid, commit_time, message FROM commits ORDER BY commit_time DESC, id DESC LIMIT 1")
                .flatMap { row -> (OID, Int64, String)? in
                    guard let oid = OID(bytes: row[0] as Data) else { return nil }
                    let message: String = row[2]
                    return (oid, row[1], String(message.prefix { $0 != "\n" }))
                }
            let scan = try Row.fetchOne(db, sql: "SELECT rev, tip_oid, status, finished_at FROM scans ORDER BY id DESC LIMIT 1")
                .flatMap { row -> (String, OID, String, Double?)? in
                    guard let tip = OID(bytes: row[1] as Data) else { return nil }
                    return (row[0], tip, row[2], row[3])
                }
            return StoreInfo(
                path: location.databasePath,
                schemaVersion: version,
                sizeBytes: sizeOnDisk(),
                commitCount: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM commits") ?? 0,
                authorCount: try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT author_id) FROM commits") ?? 0,
                fileChangeCount: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM file_changes") ?? 0,
                missingBlobCount: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM missing_blobs") ?? 0,
                newestCommit: newest,
                lastScan: scan)
        }
    }

    /// Every stored commit with its parents, keyed by id: the graph history walks run on.
    public func commitGraph() throws -> [OID: StoredCommit] {
        try read { db in
            var parents: [Int64: [OID]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT commit_id, parent_oid FROM commit_parents ORDER BY commit_id, position") {
                if let oid = OID(bytes: row[1] as Data) { parents[row[0], default: []].append(oid) }
            }
            var graph: [OID: StoredCommit] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, oid, commit_time FROM commits") {
                guard let oid = OID(bytes: row[1] as Data) else { continue }
                let id: Int64 = row[0]
                graph[oid] = StoredCommit(id: id, oid: oid, commitTime: row[2], parents: parents[id] ?? [])
            }
            return graph
        }
    }

    /// Per-file changes of every stored commit, keyed by commit id, in git's path order.
    public func allChanges() throws -> [Int64: [StoredChange]] {
        try read { db in
            var result: [Int64: [StoredChange]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT c.commit_id, c.seq, path_text(p.path), c.status, c.added, c.deleted, c.binary, c.missing
                FROM file_changes c JOIN paths p ON p.id = c.path_id ORDER BY c.commit_id, c.seq
                """) {
                result[row[0], default: []].append(StoredChange(
                    seq: row[1], path: row[2], status: row[3], added: row[4], deleted: row[5],
                    isBinary: row[6], isMissing: row[7]))
            }
            return result
        }
    }

    public func allRenames() throws -> [Int64: [StoredRename]] {
        try read { db in
            var result: [Int64: [StoredRename]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT r.commit_id, path_text(o.path), path_text(n.path), r.similarity, r.added, r.deleted, r.binary
                FROM renames r JOIN paths o ON o.id = r.old_path_id JOIN paths n ON n.id = r.new_path_id
                """) {
                result[row[0], default: []].append(StoredRename(
                    oldPath: row[1], newPath: row[2], similarity: row[3], added: row[4], deleted: row[5], isBinary: row[6]))
            }
            return result
        }
    }

    /// Distinct authors (after `.mailmap`) with their commit counts, most active first.
    public func topAuthors(limit: Int) throws -> [(name: String, email: String, commits: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.name, p.email, COUNT(*) AS n FROM commits c JOIN people p ON p.id = c.author_id
                GROUP BY c.author_id ORDER BY n DESC, p.name LIMIT ?
                """, arguments: [limit]).map { ($0[0], $0[1], $0[2]) }
        }
    }

    /// Paths by number of commits that changed them (non-merge history), with their churn.
    public func mostChangedFiles(limit: Int) throws -> [(path: String, commits: Int, added: Int, deleted: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT path_text(p.path), COUNT(*) AS n, COALESCE(SUM(c.added), 0), COALESCE(SUM(c.deleted), 0)
                FROM file_changes c JOIN paths p ON p.id = c.path_id
                GROUP BY c.path_id ORDER BY n DESC, path_text(p.path) LIMIT ?
                """, arguments: [limit]).map { ($0[0], $0[1], $0[2], $0[3]) }
        }
    }

    /// The store's content as deterministic text, independent of row ids and insertion order:
    /// two stores with the same history give byte-identical dumps. Used to prove that an
    /// interrupted-then-resumed scan equals an uninterrupted one.
    public func contentDump() throws -> String {
        try read { db in
            var lines: [String] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT lower(hex(c.oid)), a.name, a.email, c.author_time, c.author_offset, m.name, m.email,
                       c.commit_time, c.commit_offset, c.parent_count, c.parent_missing, c.message,
                       (SELECT group_concat(lower(hex(parent_oid)), ',') FROM
                          (SELECT parent_oid FROM commit_parents WHERE commit_id = c.id ORDER BY position))
                FROM commits c JOIN people a ON a.id = c.author_id JOIN people m ON m.id = c.committer_id
                ORDER BY c.oid
                """) {
                lines.append("commit " + (0..<13).map { "\(row[$0] as DatabaseValue)" }.joined(separator: "|"))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT lower(hex(k.oid)), f.seq, path_text(p.path), f.status, lower(hex(f.old_blob)), lower(hex(f.new_blob)),
                       f.old_mode, f.new_mode, f.added, f.deleted, f.binary, f.missing
                FROM file_changes f JOIN commits k ON k.id = f.commit_id JOIN paths p ON p.id = f.path_id
                ORDER BY k.oid, f.seq
                """) {
                lines.append("change " + (0..<12).map { "\(row[$0] as DatabaseValue)" }.joined(separator: "|"))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT lower(hex(k.oid)), path_text(o.path), path_text(n.path), r.similarity, r.added, r.deleted, r.binary
                FROM renames r JOIN commits k ON k.id = r.commit_id JOIN paths o ON o.id = r.old_path_id
                JOIN paths n ON n.id = r.new_path_id ORDER BY k.oid, n.path
                """) {
                lines.append("rename " + (0..<7).map { "\(row[$0] as DatabaseValue)" }.joined(separator: "|"))
            }
            for hex in try String.fetchAll(db, sql: "SELECT lower(hex(oid)) FROM frontier ORDER BY oid") {
                lines.append("frontier " + hex)
            }
            for hex in try String.fetchAll(db, sql: "SELECT lower(hex(oid)) FROM missing_blobs ORDER BY oid") {
                lines.append("missing " + hex)
            }
            try lines += Self.derivedDump(db)
            return lines.joined(separator: "\n")
        }
    }
}

extension Store {
    /// What scans derive (labels, origins, SZZ links, function history, outlines), with ids
    /// resolved to commit ids and paths so that the dump does not depend on insertion order.
    static func derivedDump(_ db: Database) throws -> [String] {
        var lines: [String] = []
        var oids: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, lower(hex(oid)) FROM commits") { oids[row[0]] = row[1] }
        let paths = try pathNames(db)
        for row in try Row.fetchAll(db, sql: "SELECT commit_id, verdict FROM commit_labels") {
            lines.append("label \(oids[row[0]] ?? "?")|\(row[1] as String)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT commit_id, path_id, runs FROM line_origins") {
            var text = "gone"
            if let data = row[2] as Data? {
                text = try OriginCodec.decode(data).map { "\(oids[Int64($0.commit)] ?? "?"):\(paths[Int64($0.path)] ?? "?")" }
                    .joined(separator: ",")
            }
            lines.append("origins \(oids[row[0]] ?? "?")|\(paths[row[1]] ?? "?")|\(text)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT fix_id, path_id, line, origin_id, origin_path_id FROM szz_links") {
            lines.append("szz \(oids[row[0]] ?? "?")|\(paths[row[1]] ?? "?")|\(row[2] as Int)|\(oids[row[3]] ?? "?")|\(paths[row[4]] ?? "?")")
        }
        for row in try Row.fetchAll(db, sql: "SELECT commit_id, path_id, name, kind, added, deleted FROM function_changes") {
            lines.append("function \(oids[row[0]] ?? "?")|\(paths[row[1]] ?? "?")|\(row[2] as String)|\(row[3] as String)|\(row[4] as Int)|\(row[5] as Int)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT commit_id, path_id, old_name, new_name FROM function_renames") {
            lines.append("function-rename \(oids[row[0]] ?? "?")|\(paths[row[1]] ?? "?")|\(row[2] as String)|\(row[3] as String)")
        }
        for hex in try String.fetchAll(db, sql: "SELECT lower(hex(oid)) FROM blob_outlines") { lines.append("outline " + hex) }
        return lines.sorted()
    }
}
