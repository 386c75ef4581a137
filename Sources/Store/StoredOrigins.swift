import Foundation
import GitKit
import GRDB
import History

/// Reads line origins back. A file's origins at a commit are those of the nearest
/// `line_origins` row along the first-parent chain (a row exists wherever they differ from the
/// first parent's), so any stored commit's state can be rebuilt without replaying history.
extension Store {
    public func commitID(_ oid: OID) throws -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT id FROM commits WHERE oid = ?", arguments: [Data(oid.bytes)]) }
    }

    /// Every tracked file's origins at a stored commit (an incremental scan starts from these).
    public func originState(at oid: OID) throws -> OriginState {
        guard let start = try commitID(oid) else { return [:] }
        return try read { db in
            let firstParents = try Self.firstParents(db)
            var pathsByCommit: [Int64: [Int64]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT commit_id, path_id FROM line_origins") {
                pathsByCommit[row[0], default: []].append(row[1])
            }
            var chosen: [Int64: Int64] = [:]  // path → commit holding its nearest row
            var current: Int64? = start
            while let commit = current {
                for path in pathsByCommit[commit] ?? [] where chosen[path] == nil { chosen[path] = commit }
                current = firstParents[commit]
            }
            let names = try Self.pathNames(db)
            let select = try db.cachedStatement(sql: "SELECT runs FROM line_origins WHERE commit_id = ? AND path_id = ?")
            var state: OriginState = [:]
            for (path, commit) in chosen {
                guard let runs = try Data.fetchOne(select, arguments: [commit, path]), let name = names[path] else { continue }
                state[name] = try OriginCodec.decode(runs)
            }
            return state
        }
    }

    /// One file's origins at a stored commit; nil when the file has none there (not tracked,
    /// absent, or its content was missing).
    public func origins(ofPath path: String, at oid: OID) throws -> [LineOrigin]? {
        guard let start = try commitID(oid) else { throw StoreError.commitNotStored(oid.hex) }
        return try read { db in
            guard let pathID = try Int64.fetchOne(db, sql: "SELECT id FROM paths WHERE path = path_bytes(?)", arguments: [path]) else {
                return nil
            }
            let holders = Set(try Int64.fetchAll(db, sql: "SELECT commit_id FROM line_origins WHERE path_id = ?",
                                                 arguments: [pathID]))
            guard !holders.isEmpty else { return nil }
            let firstParents = try Self.firstParents(db)
            var current: Int64? = start
            while let commit = current {
                if holders.contains(commit) {
                    let runs = try Data.fetchOne(db, sql: "SELECT runs FROM line_origins WHERE commit_id = ? AND path_id = ?",
                                                 arguments: [commit, pathID])
                    return try runs.map(OriginCodec.decode)
                }
                current = firstParents[commit]
            }
            return nil
        }
    }

    /// Commit ids and path ids of origins, resolved.
    public func commitOIDs(_ ids: Set<Int64>) throws -> [Int64: OID] {
        try read { db in
            var result: [Int64: OID] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, oid FROM commits") where ids.contains(row[0]) {
                if let oid = OID(bytes: row[1] as Data) { result[row[0]] = oid }
            }
            return result
        }
    }

    public func pathNames() throws -> [Int64: String] {
        try read { db in try Self.pathNames(db) }
    }

    /// Outlines already parsed by an earlier scan.
    public func outline(of blob: OID) throws -> BlobOutline? {
        try read { db in
            try Data.fetchOne(db, sql: "SELECT data FROM blob_outlines WHERE oid = ?", arguments: [Data(blob.bytes)])
                .map(OutlineCodec.decode)
        }
    }

    static func firstParents(_ db: Database) throws -> [Int64: Int64] {
        var result: [Int64: Int64] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT cp.commit_id, p.id FROM commit_parents cp JOIN commits p ON p.oid = cp.parent_oid WHERE cp.position = 0
            """) {
            result[row[0]] = row[1]
        }
        return result
    }

    static func pathNames(_ db: Database) throws -> [Int64: String] {
        var result: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, path_text(path) FROM paths") { result[row[0]] = row[1] }
        return result
    }
}

extension Store {
    /// Which of these commits git blame shows as a boundary (`^`): roots and shallow boundaries.
    public func boundaryCommits(_ ids: Set<Int64>) throws -> Set<Int64> {
        try read { db in
            Set(try Int64.fetchAll(db, sql: "SELECT id FROM commits WHERE parent_count = 0 OR parent_missing = 1")
                .filter { ids.contains($0) })
        }
    }
}

extension Store {
    public func outlinedBlobs() throws -> Set<OID> {
        try read { db in Set(try Data.fetchAll(db, sql: "SELECT oid FROM blob_outlines").compactMap { OID(bytes: $0) }) }
    }
}

/// One line's origin with ids resolved: the commit and path that introduced it, and whether
/// that commit is a root or shallow boundary (git blame marks those `^`).
public struct ResolvedOrigin: Sendable, Hashable {
    public var commit: OID
    public var path: String
    public var boundary: Bool
}

extension Store {
    /// The origins of each line of `path` at `revision`, nil when none are stored.
    public func resolvedOrigins(ofPath path: String, at revision: OID) throws -> [ResolvedOrigin]? {
        guard let origins = try origins(ofPath: path, at: revision) else { return nil }
        let ids = Set(origins.map { Int64($0.commit) })
        let commits = try commitOIDs(ids)
        let boundaries = try boundaryCommits(ids)
        let paths = try pathNames()
        return origins.map { origin in
            let id = Int64(origin.commit)
            return ResolvedOrigin(commit: commits[id] ?? OID(bytes: [UInt8](repeating: 0, count: 20))!,
                                  path: paths[Int64(origin.path)] ?? path, boundary: boundaries.contains(id))
        }
    }
}
