import Foundation
import GitKit
import GRDB

/// A point of the trends that a report recorded (one per scanned revision, the latest wins).
public struct StoredTrendPoint: Sendable {
    public var revision: OID
    public var time: Int64
    public var risk: Double?
    public var complexity: Double
    public var hotspots: Int

    public init(revision: OID, time: Int64, risk: Double?, complexity: Double, hotspots: Int) {
        self.revision = revision
        self.time = time
        self.risk = risk
        self.complexity = complexity
        self.hotspots = hotspots
    }
}

extension Store {
    public func saveTrendPoint(_ point: StoredTrendPoint) throws {
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO trend_points (revision, time, recorded_at, risk, complexity, hotspots)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [Data(point.revision.bytes), point.time, Date().timeIntervalSince1970, point.risk,
                                 point.complexity, point.hotspots])
        }
    }

    public func trendPoints() throws -> [StoredTrendPoint] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT revision, time, risk, complexity, hotspots FROM trend_points ORDER BY time").compactMap {
                guard let oid = OID(bytes: $0[0] as Data) else { return nil }
                return StoredTrendPoint(revision: oid, time: $0[1], risk: $0[2], complexity: $0[3], hotspots: $0[4])
            }
        }
    }

    /// Display names of the people the store knows, by id ("Name <email>" is never shown in
    /// reports: names only).
    public func personNames() throws -> [Int32: String] {
        try read { db in
            var names: [Int32: String] = [:]
            try Row.fetchCursor(db, sql: "SELECT id, name FROM people").forEach { names[Int32($0[0] as Int64)] = $0[1] }
            return names
        }
    }
}

/// A function's risk as the latest report scored it.
public struct StoredFunctionRisk: Sendable {
    public var path: String
    public var name: String
    public var startLine: Int
    public var risk: Double

    public init(path: String, name: String, startLine: Int, risk: Double) {
        self.path = path
        self.name = name
        self.startLine = startLine
        self.risk = risk
    }
}

extension Store {
    /// Replaces the stored function risks with one revision's (only the latest report's are kept).
    public func saveFunctionRisks(revision: OID, _ risks: [StoredFunctionRisk]) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM function_risks")
            let statement = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO function_risks (revision, path, name, start_line, risk) VALUES (?, ?, ?, ?, ?)
                """)
            for risk in risks {
                try statement.execute(arguments: [Data(revision.bytes), risk.path, risk.name, risk.startLine, risk.risk])
            }
        }
    }

    /// The stored function risks of `paths`, with the revision they were scored at.
    public func functionRisks(paths: [String]) throws -> (revision: OID, risks: [StoredFunctionRisk])? {
        try read { db in
            guard let data = try Data.fetchOne(db, sql: "SELECT revision FROM function_risks LIMIT 1"),
                  let revision = OID(bytes: data) else { return nil }
            var risks: [StoredFunctionRisk] = []
            let statement = try db.cachedStatement(sql: "SELECT path, name, start_line, risk FROM function_risks WHERE path = ?")
            for path in paths {
                for row in try Row.fetchAll(statement, arguments: [path]) {
                    risks.append(StoredFunctionRisk(path: row[0], name: row[1], startLine: row[2], risk: row[3]))
                }
            }
            return (revision, risks)
        }
    }

    /// The id of the person a commit by `name <email>` would get (email first), nil for someone new.
    public func personID(name: String, email: String) throws -> Int32? {
        try read { db in
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM people WHERE lower(email) = lower(?) ORDER BY id LIMIT 1",
                                        arguments: [email])
                ?? Int64.fetchOne(db, sql: "SELECT id FROM people WHERE name = ? ORDER BY id LIMIT 1", arguments: [name])
            return id.map { Int32($0) }
        }
    }
}
