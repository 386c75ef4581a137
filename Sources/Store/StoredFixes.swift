import Foundation
import GitKit
import GRDB

/// A fix branch Prognosis opened, as remembered so a later run can tell whether it was merged
/// (accepted) or deleted unmerged (rejected).
public struct StoredFixBranch: Sendable, Hashable {
    public var branch: String
    public var rule: String
    public var path: String
    public var commit: OID
    public var base: OID
    /// The edited file's blob on the branch: a squash or rebase merge leaves it in the main line.
    public var fixedBlob: OID
    public var findingIDs: [String]
    public var status: String

    public init(branch: String, rule: String, path: String, commit: OID, base: OID, fixedBlob: OID, findingIDs: [String],
                status: String = "open") {
        self.branch = branch
        self.rule = rule
        self.path = path
        self.commit = commit
        self.base = base
        self.fixedBlob = fixedBlob
        self.findingIDs = findingIDs
        self.status = status
    }
}

/// One verdict on a rule's finding or branch.
public struct FixVerdict: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable { case accept, reject, wrong }
    public var rule: String
    /// The finding id or the branch name.
    public var target: String
    public var verdict: Kind
    /// `user` (given with `feedback`), `merged` or `deleted` (seen by a later run).
    public var source: String
    public var why: String?

    public init(rule: String, target: String, verdict: Kind, source: String, why: String? = nil) {
        self.rule = rule
        self.target = target
        self.verdict = verdict
        self.source = source
        self.why = why
    }
}

extension Store {
    public func saveFixBranch(_ branch: StoredFixBranch) throws {
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO fix_branches (branch, rule, path, commit_oid, base_oid, fixed_blob, finding_ids, created_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [branch.branch, branch.rule, branch.path, Data(branch.commit.bytes), Data(branch.base.bytes),
                                 Data(branch.fixedBlob.bytes), branch.findingIDs.joined(separator: ","),
                                 Date().timeIntervalSince1970, branch.status])
        }
    }

    public func fixBranches(status: String? = nil) throws -> [StoredFixBranch] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT branch, rule, path, commit_oid, base_oid, fixed_blob, finding_ids, status FROM fix_branches
                \(status == nil ? "" : "WHERE status = ?") ORDER BY branch
                """, arguments: status.map { [$0] } ?? [])
            return rows.compactMap { row in
                guard let commit = OID(bytes: row[3] as Data), let base = OID(bytes: row[4] as Data),
                      let blob = OID(bytes: row[5] as Data) else { return nil }
                let ids: String = row[6]
                return StoredFixBranch(branch: row[0], rule: row[1], path: row[2], commit: commit, base: base, fixedBlob: blob,
                                       findingIDs: ids.split(separator: ",").map(String.init), status: row[7])
            }
        }
    }

    /// Marks a branch accepted or rejected and records the verdict, in one transaction.
    public func resolveFixBranch(_ branch: String, status: String, verdict: FixVerdict) throws {
        try write { db in
            try db.execute(sql: "UPDATE fix_branches SET status = ? WHERE branch = ?", arguments: [status, branch])
            try Self.insert(verdict, db)
        }
    }

    public func recordVerdict(_ verdict: FixVerdict) throws {
        try write { db in try Self.insert(verdict, db) }
    }

    private static func insert(_ verdict: FixVerdict, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO fix_feedback (rule, target, verdict, source, why, at) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [verdict.rule, verdict.target, verdict.verdict.rawValue, verdict.source, verdict.why,
                                   Date().timeIntervalSince1970])
    }

    /// Accepted and rejected counts per rule (`wrong` counts as rejected: the finding misled).
    public func ruleRecords() throws -> [String: (accepted: Int, rejected: Int)] {
        try read { db in
            var records: [String: (accepted: Int, rejected: Int)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT rule, verdict, COUNT(*) FROM fix_feedback GROUP BY rule, verdict") {
                let rule: String = row[0], verdict: String = row[1], count: Int = row[2]
                var record = records[rule] ?? (0, 0)
                if verdict == FixVerdict.Kind.accept.rawValue { record.accepted += count } else { record.rejected += count }
                records[rule] = record
            }
            return records
        }
    }

    /// Remembers the findings a run showed, so `feedback ID` knows their rule later.
    public func rememberFindings(_ findings: [(id: String, rule: String, path: String, line: Int)]) throws {
        try write { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO fix_findings (id, rule, path, line, seen_at) VALUES (?, ?, ?, ?, ?)")
            let now = Date().timeIntervalSince1970
            for finding in findings { try statement.execute(arguments: [finding.id, finding.rule, finding.path, finding.line, now]) }
        }
    }

    /// The rule of a finding id or fix branch name shown earlier, nil when unknown.
    public func fixTarget(_ target: String) throws -> (rule: String, isBranch: Bool)? {
        try read { db in
            if let rule = try String.fetchOne(db, sql: "SELECT rule FROM fix_branches WHERE branch = ?", arguments: [target]) {
                return (rule, true)
            }
            if let rule = try String.fetchOne(db, sql: "SELECT rule FROM fix_findings WHERE id = ?", arguments: [target]) {
                return (rule, false)
            }
            return nil
        }
    }
}
