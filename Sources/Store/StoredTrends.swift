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
