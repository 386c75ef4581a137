import Foundation
import GitKit

public enum HistoryError: Error, Sendable {
    /// A commit to be mined could not be read at all (not just some of its blobs).
    case unreadableCommit(OID, underlying: String)
}

extension HistoryError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .unreadableCommit(let oid, let underlying):
            return "commit \(oid) cannot be read: \(underlying)"
        }
    }
}
