import Foundation
import GitKit
import GRDB

extension Store {
    /// Blob ids that file changes of stored commits lacked when mined (a partial clone), with
    /// the earliest commit (insertion order) that lacked each.
    public func missingContent() throws -> [(blob: OID, firstCommitID: Int64)] {
        try read { db in
            let missing = Set(try Data.fetchAll(db, sql: "SELECT oid FROM missing_blobs").compactMap { OID(bytes: $0) })
            guard !missing.isEmpty else { return [] }
            var first: [OID: Int64] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT commit_id, old_blob, new_blob FROM file_changes WHERE missing = 1 ORDER BY commit_id
                """) {
                for column in [1, 2] {
                    guard let data = row[column] as Data?, let oid = OID(bytes: data), missing.contains(oid) else { continue }
                    if first[oid] == nil { first[oid] = row[0] }
                }
            }
            return first.map { ($0.key, $0.value) }
        }
    }

    /// Forgets every commit stored at or after `commitID`, with everything derived from them,
    /// so the next scan mines them again. Commits are stored parents first, so what remains is
    /// closed under "parent of" and the rebuilt frontier hides exactly it. One transaction:
    /// a process killed here leaves the store as it was.
    @discardableResult
    public func rewind(from commitID: Int64) throws -> Int {
        try write { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM commits WHERE id >= ?", arguments: [commitID]) ?? 0
            try db.execute(sql: """
                DELETE FROM commit_parents WHERE commit_id >= :id;
                DELETE FROM file_changes WHERE commit_id >= :id;
                DELETE FROM renames WHERE commit_id >= :id;
                DELETE FROM line_origins WHERE commit_id >= :id;
                DELETE FROM commit_labels WHERE commit_id >= :id;
                DELETE FROM szz_links WHERE fix_id >= :id OR origin_id >= :id;
                DELETE FROM function_changes WHERE commit_id >= :id;
                DELETE FROM function_renames WHERE commit_id >= :id;
                DELETE FROM commits WHERE id >= :id;
                DELETE FROM frontier;
                INSERT INTO frontier (oid)
                    SELECT c.oid FROM commits c
                    WHERE NOT EXISTS (SELECT 1 FROM commit_parents p WHERE p.parent_oid = c.oid);
                DELETE FROM missing_blobs WHERE oid NOT IN (
                    SELECT old_blob FROM file_changes WHERE missing = 1 AND old_blob IS NOT NULL
                    UNION SELECT new_blob FROM file_changes WHERE missing = 1 AND new_blob IS NOT NULL);
                """, arguments: ["id": commitID])
            return count
        }
    }
}
