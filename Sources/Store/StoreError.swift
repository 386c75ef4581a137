import Foundation

public enum StoreError: Error, Sendable {
    /// Another process holds the scan lock.
    case locked(path: String, holder: String?)
    /// The store was written by a newer Prognosis; this one must not touch it.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The file is not a readable SQLite database.
    case corrupt(path: String, message: String)
    /// No store yet for this repository.
    case missing(path: String)
    /// A store too old to read without upgrading it, opened by a reader.
    case needsUpgrade(path: String, found: Int)
    /// A commit the caller asked for is not in the store.
    case commitNotStored(String)
    /// The store's folder cannot be created or written.
    case unwritable(path: String, message: String)
    case database(String)
}

extension StoreError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .locked(let path, let holder):
            return "another Prognosis scan is running on this repository"
                + (holder.map { " (\($0))" } ?? "") + "; lock: \(path). Wait for it, or pass --wait."
        case .newerSchema(let path, let found, let supported):
            return "the store at \(path) has schema version \(found), newer than this Prognosis understands (\(supported)); upgrade Prognosis, or delete the store to rescan"
        case .corrupt(let path, let message):
            return "the store at \(path) cannot be read (\(message)); delete it to rescan"
        case .needsUpgrade(let path, let found):
            return "the store at \(path) has schema version \(found) and must be upgraded: run 'prognosis scan'"
        case .missing(let path):
            return "no Prognosis store at \(path): run 'prognosis scan' first"
        case .commitNotStored(let what):
            return "\(what) is not in the store: run 'prognosis scan --rev \(what)' first"
        case .unwritable(let path, let message):
            return "cannot write the store at \(path): \(message)"
        case .database(let message):
            return "store error: \(message)"
        }
    }
}
