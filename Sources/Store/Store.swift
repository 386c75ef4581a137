import Foundation
import GRDB

/// A repository's Prognosis store: one SQLite database in WAL mode. Every write is one
/// transaction, so the file is valid whatever moment a process dies at.
public final class Store {
    public let location: StoreLocation
    let queue: DatabaseQueue

    public static var supportedSchemaVersion: Int { Schema.currentVersion }

    /// The schema version this store had before opening migrated it (nil: new or current).
    public private(set) var upgradedFrom: Int?
    /// True when opening cleared the mined history, which the next scan mines again (an old
    /// schema whose rows cannot be completed or repaired in place).
    public private(set) var historyCleared = false

    /// Opens an existing store for reading only: no migration, no journal-mode change, nothing
    /// written, so a store the user cannot write (a shared CI cache, another user's clone) can
    /// still be read. When SQLite cannot open the write-ahead log's shared memory there (the
    /// folder is read-only and no writer left it behind), the file is read as immutable: what
    /// the last checkpoint holds.
    public init(readingAt location: StoreLocation) throws {
        self.location = location
        guard FileManager.default.fileExists(atPath: location.databasePath) else {
            throw StoreError.missing(path: location.databasePath)
        }
        func open(_ path: String) throws -> DatabaseQueue {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(10)
            config.label = "prognosis"
            config.prepareDatabase { db in Schema.addPathFunctions(db) }
            let queue = try DatabaseQueue(path: path, configuration: config)
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return queue
        }
        do {
            do {
                queue = try open(location.databasePath)
            } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) {
                // A URI: `%`, `?` and `#` in the folder's name must not read as URI syntax.
                let escaped = location.databasePath.replacingOccurrences(of: "%", with: "%25")
                    .replacingOccurrences(of: "?", with: "%3f").replacingOccurrences(of: "#", with: "%23")
                queue = try open("file:" + escaped + "?immutable=1")
            }
            let found = try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
            if found > Schema.currentVersion {
                throw StoreError.newerSchema(path: location.databasePath, found: found, supported: Schema.currentVersion)
            }
            if found < 2 { throw StoreError.needsUpgrade(path: location.databasePath, found: found) }
        } catch let error as DatabaseError {
            throw Store.translate(error, path: location.databasePath)
        }
    }

    /// Opens the store, creating it (and its folder) when `create` is true; migrates an older
    /// schema, refuses a newer one.
    public init(location: StoreLocation, create: Bool) throws {
        self.location = location
        let fm = FileManager.default
        if !fm.fileExists(atPath: location.databasePath) {
            guard create else { throw StoreError.missing(path: location.databasePath) }
            do {
                try fm.createDirectory(atPath: location.directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError.unwritable(path: location.directory, message: error.localizedDescription)
            }
        }
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(10)
        config.label = "prognosis"
        config.prepareDatabase { db in
            // WAL with synchronous=NORMAL cannot corrupt the file; at worst a power cut loses the
            // last batch, which the next scan mines again.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            Schema.addPathFunctions(db)
        }
        do {
            queue = try DatabaseQueue(path: location.databasePath, configuration: config)
            let found = try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
            if found > Schema.currentVersion {
                throw StoreError.newerSchema(path: location.databasePath, found: found, supported: Schema.currentVersion)
            }
            if try queue.read({ try Schema.migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerSchema(path: location.databasePath, found: found, supported: Schema.currentVersion)
            }
            if found == 1 {
                historyCleared = true
            } else if found == 2 {
                historyCleared = try queue.read {
                    try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM paths WHERE instr(path, char(65533)) > 0") ?? 0
                } > 0
            }
            try Schema.migrator.migrate(queue)
            if found > 0 && found < Schema.currentVersion { upgradedFrom = found }
        } catch let error as DatabaseError {
            throw Store.translate(error, path: location.databasePath)
        }
    }

    /// The schema version recorded in the file.
    public func schemaVersion() throws -> Int {
        try read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
    }

    /// Bytes on disk: the database plus its write-ahead log.
    public func sizeOnDisk() -> Int64 {
        let fm = FileManager.default
        return [location.databasePath, location.databasePath + "-wal"].reduce(Int64(0)) { sum, path in
            let size = (try? fm.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            return sum + size
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch let error as DatabaseError {
            throw Store.translate(error, path: location.databasePath)
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch let error as DatabaseError {
            throw Store.translate(error, path: location.databasePath)
        }
    }

    static func translate(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .corrupt(path: path, message: error.message ?? "\(error.resultCode)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked(path: path, holder: "another process holds the database's lock: \(error.message ?? "database is locked")")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_FULL, .SQLITE_IOERR:
            return .unwritable(path: path, message: error.message ?? "\(error.resultCode)")
        default:
            return .database(error.message ?? "\(error)")
        }
    }
}
