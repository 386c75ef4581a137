import CodeModel
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
    /// Fixes that later changed lines this commit introduced in this file (SZZ).
    public var fixedBy: [String] = []
}

/// A function's record over the whole stored history: what the risk model reads per function.
public struct FunctionStats: Sendable, Hashable, Codable {
    public var path: String
    public var function: String
    public var kind: String
    public var changes: Int
    public var added: Int
    public var deleted: Int
    public var authors: Int
    /// Author time of the first and of the latest change.
    public var firstChange: Int64
    public var lastChange: Int64
    public var fixes: Int
}

extension Store {
    public func bugIntroductions() throws -> [BugIntroduction] {
        try read { db in
            var result: [BugIntroduction] = []
            var index: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT f.oid, o.oid, path_text(p.path), s.line FROM szz_links s
                JOIN commits f ON f.id = s.fix_id JOIN commits o ON o.id = s.origin_id JOIN paths p ON p.id = s.path_id
                ORDER BY f.id, o.id, path_text(p.path), s.line
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
                SELECT path_text(p.path), f.name, f.kind, f.added, f.deleted FROM function_changes f
                JOIN commits c ON c.id = f.commit_id JOIN paths p ON p.id = f.path_id WHERE c.oid = ? ORDER BY p.path, f.name
                """, arguments: [Data(oid.bytes)]).map {
                FunctionChange(path: $0[0], name: $0[1], kind: Definition.Kind(rawValue: $0[2]) ?? .function, added: $0[3], deleted: $0[4])
            }
        }
    }

    public func functionRenames(at oid: OID) throws -> [(path: String, old: String, new: String)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT path_text(p.path), r.old_name, r.new_name FROM function_renames r
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
            SELECT path_text(o.path) FROM renames r JOIN paths o ON o.id = r.old_path_id JOIN paths n ON n.id = r.new_path_id
            WHERE path_text(n.path) = ? ORDER BY r.commit_id DESC LIMIT 1
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
                    WHERE r.new_name = ? AND path_text(p.path) IN (\(names.map { _ in "?" }.joined(separator: ",")))
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
                    SELECT c.oid, a.name, c.author_time, COALESCE(l.verdict, ''), path_text(p.path), f.name, f.added, f.deleted, c.message
                    FROM function_changes f JOIN commits c ON c.id = f.commit_id JOIN people a ON a.id = c.author_id
                    JOIN paths p ON p.id = f.path_id LEFT JOIN commit_labels l ON l.commit_id = c.id
                    WHERE path_text(p.path) IN (\(pathList)) AND f.name IN (\(functionNames.map { _ in "?" }.joined(separator: ",")))
                    ORDER BY c.id
                    """
                arguments += StatementArguments(functionNames)
            } else {
                sql = """
                    SELECT c.oid, a.name, c.author_time, COALESCE(l.verdict, ''), path_text(p.path), NULL, fc.added, fc.deleted, c.message
                    FROM file_changes fc JOIN commits c ON c.id = fc.commit_id JOIN people a ON a.id = c.author_id
                    JOIN paths p ON p.id = fc.path_id LEFT JOIN commit_labels l ON l.commit_id = c.id
                    WHERE path_text(p.path) IN (\(pathList)) ORDER BY c.id
                    """
            }
            // Which fixes changed lines that each commit introduced in this file (under any of its names).
            var fixedBy: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT o.oid, f.oid FROM szz_links s JOIN commits o ON o.id = s.origin_id JOIN commits f ON f.id = s.fix_id
                JOIN paths p ON p.id = s.origin_path_id WHERE path_text(p.path) IN (\(pathList)) GROUP BY s.origin_id, s.fix_id ORDER BY f.id
                """, arguments: StatementArguments(names)) {
                if let origin = OID(bytes: row[0] as Data)?.hex, let fix = OID(bytes: row[1] as Data)?.hex {
                    fixedBy[origin, default: []].append(fix)
                }
            }
            var events: [HistoryEvent] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let message: String = row[8]
                var event = HistoryEvent(commit: OID(bytes: row[0] as Data)?.hex ?? "", author: row[1], time: row[2],
                                         verdict: row[3], path: row[4], function: row[5], added: row[6], deleted: row[7],
                                         summary: String(message.prefix { $0 != "\n" }))
                event.fixedBy = fixedBy[event.commit] ?? []
                // A file renamed by a commit is one event under its new name, with the rename's counts.
                if function == nil, let last = events.last, last.commit == event.commit {
                    let newer = (names.firstIndex(of: event.path) ?? 0) < (names.firstIndex(of: last.path) ?? 0) ? event : last
                    let older = newer == event ? last : event
                    var merged = newer
                    if let counts = try Row.fetchOne(db, sql: """
                        SELECT r.added, r.deleted FROM renames r JOIN commits c ON c.id = r.commit_id
                        JOIN paths o ON o.id = r.old_path_id JOIN paths n ON n.id = r.new_path_id
                        WHERE c.oid = ? AND path_text(o.path) = ? AND path_text(n.path) = ?
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

extension Store {
    /// Every function's record: changes, churn, authors, first and last change, fix commits
    /// that touched it. Functions renamed with an unchanged body, and files renamed, are
    /// followed: a function is counted under its newest name in its file's newest path.
    public func functionStats() throws -> [FunctionStats] {
        try read { db in
            var newest: [String: String] = [:]  // "path\u{0}old" → new name
            for row in try Row.fetchAll(db, sql: """
                SELECT path_text(p.path), r.old_name, r.new_name FROM function_renames r JOIN paths p ON p.id = r.path_id ORDER BY r.commit_id
                """) {
                let path: String = row[0], old: String = row[1], new: String = row[2]
                newest[path + "\u{0}" + old] = new
            }
            // Renames in history's order: a change at commit X to path P belongs to whatever P
            // was renamed to by the first rename of P after X, and so on.
            var renamesOf: [String: [(commit: Int64, new: String)]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT r.commit_id, path_text(o.path), path_text(n.path) FROM renames r JOIN paths o ON o.id = r.old_path_id
                JOIN paths n ON n.id = r.new_path_id ORDER BY r.commit_id
                """) {
                renamesOf[row[1] as String, default: []].append((row[0], row[2]))
            }
            func resolvePath(_ path: String, after commit: Int64) -> String {
                var current = path, when = commit
                var steps = 0
                while steps < 1000, let next = renamesOf[current]?.first(where: { $0.commit > when }) {
                    current = next.new
                    when = next.commit
                    steps += 1
                }
                return current
            }
            func resolve(_ path: String, _ name: String) -> String {
                var current = name
                var seen: Set<String> = [name]
                while let next = newest[path + "\u{0}" + current], !seen.contains(next) {
                    seen.insert(next)
                    current = next
                }
                return current
            }
            struct Accumulator {
                var kind = ""
                var added = 0, deleted = 0, fixes = 0
                var commits: Set<Int64> = []
                var authors: Set<Int64> = []
                var first = Int64.max, last = Int64.min
            }
            var table: [String: Accumulator] = [:]
            var order: [String] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT path_text(p.path), f.name, f.kind, f.added, f.deleted, c.author_id, c.author_time, COALESCE(l.verdict, ''), c.id
                FROM function_changes f JOIN commits c ON c.id = f.commit_id JOIN paths p ON p.id = f.path_id
                LEFT JOIN commit_labels l ON l.commit_id = c.id ORDER BY c.id
                """) {
                let original: String = row[0]
                let path = resolvePath(original, after: row[8])
                let key = path + "\u{0}" + resolve(original, resolve(path, row[1]))
                if table[key] == nil { order.append(key) }
                var entry = table[key, default: Accumulator()]
                entry.kind = row[2]
                // A rename commit touches the old and the new name: one change.
                let isNew = entry.commits.insert(row[8]).inserted
                entry.added += row[3] as Int
                entry.deleted += row[4] as Int
                entry.authors.insert(row[5])
                let time: Int64 = row[6]
                entry.first = min(entry.first, time)
                entry.last = max(entry.last, time)
                if isNew && (row[7] as String) == "fix" { entry.fixes += 1 }
                table[key] = entry
            }
            return order.map { key in
                let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
                let entry = table[key]!
                return FunctionStats(path: parts[0], function: parts.count > 1 ? parts[1] : "", kind: entry.kind,
                                     changes: entry.commits.count, added: entry.added, deleted: entry.deleted,
                                     authors: entry.authors.count, firstChange: entry.first, lastChange: entry.last,
                                     fixes: entry.fixes)
            }
        }
    }
}
