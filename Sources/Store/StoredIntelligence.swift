import Foundation
import GitKit
import GRDB
import History

/// A fix and a commit that introduced lines it had to change: SZZ's evidence.
public struct BugIntroduction: Sendable, Hashable, Codable {
    public var fix: String
    public var introducing: String
    public var path: String
    /// Line numbers in the fix's first parent.
    public var lines: [Int]
}

/// One commit's change to a file or function, with who and when.
public struct HistoryEvent: Sendable, Hashable, Codable {
    public var commit: String
    public var author: String
    public var time: Int64
    public var verdict: String
    public var path: String
    public var function: String?
    public var added: Int?
    public var deleted: Int?
    public var summary: String
}

extension Store {
    public func bugIntroductions() throws -> [BugIntroduction] {
        try read { db in
            var result: [BugIntroduction] = []
            var index: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT f.oid, o.oid, p.path, s.line FROM szz_links s
                JOIN commits f ON f.id = s.fix_id JOIN commits o ON o.id = s.origin_id JOIN paths p ON p.id = s.path_id
                ORDER BY f.id, o.id, p.path, s.line
                """) {
                let fix = (OID(bytes: row[0] as Data)?.hex) ?? "", introducing = (OID(bytes: row[1] as Data)?.hex) ?? ""
                let path: String = row[2]
                let key = fix + introducing + path
                if let at = index[key] {
                    result[at].lines.append(row[3])
                } else {
                    index[key] = result.count
                    result.append(BugIntroduction(fix: fix, introducing: introducing, path: path, lines: [row[3]]))
                }
            }
            return result
        }
    }

    /// What a commit did to functions (for tests and the history view).
    public func functionChanges(at oid: OID) throws -> [FunctionChange] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.path, f.name, f.kind, f.added, f.deleted FROM function_changes f
                JOIN commits c ON c.id = f.commit_id JOIN paths p ON p.id = f.path_id WHERE c.oid = ? ORDER BY p.path, f.name
                """, arguments: [Data(oid.bytes)]).map {
                FunctionChange(path: $0[0], name: $0[1], kind: $0[2], added: $0[3], deleted: $0[4])
            }
        }
    }

    public func functionRenames(at oid: OID) throws -> [(path: String, old: String, new: String)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.path, r.old_name, r.new_name FROM function_renames r
                JOIN commits c ON c.id = r.commit_id JOIN paths p ON p.id = r.path_id WHERE c.oid = ?
                """, arguments: [Data(oid.bytes)]).map { ($0[0], $0[1], $0[2]) }
        }
    }

    public func verdict(of oid: OID) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT l.verdict FROM commit_labels l JOIN commits c ON c.id = l.commit_id WHERE c.oid = ?
                """, arguments: [Data(oid.bytes)])
        }
    }

    /// The names a file had, newest first, following stored renames backwards.
    func lineage(of path: String, _ db: Database) throws -> [String] {
        var names = [path]
        var current = path
        while let older = try String.fetchOne(db, sql: """
            SELECT o.path FROM renames r JOIN paths o ON o.id = r.old_path_id JOIN paths n ON n.id = r.new_path_id
            WHERE n.path = ? ORDER BY r.commit_id DESC LIMIT 1
            """, arguments: [current]), !names.contains(older) {
            names.append(older)
            current = older
        }
        return names
    }

    /// The story of a file (through its renames) or, with `function`, of one function in it
    /// (through renames of the function whose body did not change), oldest first.
    public func history(path: String, function: String? = nil) throws -> [HistoryEvent] {
        try read { db in
            let names = try lineage(of: path, db)
            var functionNames: [String] = function.map { [$0] } ?? []
            if let function {
                var current = function
                while let older = try String.fetchOne(db, sql: """
                    SELECT r.old_name FROM function_renames r JOIN paths p ON p.id = r.path_id
                    WHERE r.new_name = ? AND p.path IN (\(names.map { _ in "?" }.joined(separator: ",")))
                    ORDER BY r.commit_id DESC LIMIT 1
                    """, arguments: StatementArguments([current] + names)), !functionNames.contains(older) {
                    functionNames.append(older)
                    current = older
                }
            }
            let pathList = names.map { _ in "?" }.joined(separator: ",")
            let sql: String
            var arguments = StatementArguments(names)
            if function != nil {
                sql = """
                    SELECT c.oid, a.name, c.author_time, COALESCE(l.verdict, ''), p.path, f.name, f.added, f.deleted, c.message
                    FROM function_changes f JOIN commits c ON c.id = f.commit_id JOIN people a ON a.id = c.author_id
                    JOIN paths p ON p.id = f.path_id LEFT JOIN commit_labels l ON l.commit_id = c.id
                    WHERE p.path IN (\(pathList)) AND f.name IN (\(functionNames.map { _ in "?" }.joined(separator: ",")))
                    ORDER BY c.id
                    """
                arguments += StatementArguments(functionNames)
            } else {
                sql = """
                    SELECT c.oid, a.name, c.author_time, COALESCE(l.verdict, ''), p.path, NULL, fc.added, fc.deleted, c.message
                    FROM file_changes fc JOIN commits c ON c.id = fc.commit_id JOIN people a ON a.id = c.author_id
                    JOIN paths p ON p.id = fc.path_id LEFT JOIN commit_labels l ON l.commit_id = c.id
                    WHERE p.path IN (\(pathList)) ORDER BY c.id
                    """
            }
            var events: [HistoryEvent] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let message: String = row[8]
                let event = HistoryEvent(commit: OID(bytes: row[0] as Data)?.hex ?? "", author: row[1], time: row[2],
                                         verdict: row[3], path: row[4], function: row[5], added: row[6], deleted: row[7],
                                         summary: String(message.prefix { $0 != "\n" }))
                // A file renamed by a commit is one event under its new name, with the rename's counts.
                if function == nil, let last = events.last, last.commit == event.commit {
                    let newer = (names.firstIndex(of: event.path) ?? 0) < (names.firstIndex(of: last.path) ?? 0) ? event : last
                    let older = newer == event ? last : event
                    var merged = newer
                    if let counts = try Row.fetchOne(db, sql: """
                        SELECT r.added, r.deleted FROM renames r JOIN commits c ON c.id = r.commit_id
                        JOIN paths o ON o.id = r.old_path_id JOIN paths n ON n.id = r.new_path_id
                        WHERE c.oid = ? AND o.path = ? AND n.path = ?
                        """, arguments: [Data(OID(hex: event.commit)?.bytes ?? []), older.path, newer.path]) {
                        merged.added = counts[0]
                        merged.deleted = counts[1]
                    }
                    events[events.count - 1] = merged
                    continue
                }
                events.append(event)
            }
            return events
        }
    }
}
