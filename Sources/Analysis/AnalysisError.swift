import Foundation

public enum AnalysisError: Error, LocalizedError {
    case noSuchFile(String)
    case unsupportedLanguage(String)
    case unreadable(String)
    case unreadableBecause(String, String)
    case revision(String, String)
    case missingBlob(String, String)

    public var errorDescription: String? {
        switch self {
        case .noSuchFile(let path): return "no such file or directory: \(path)"
        case .unsupportedLanguage(let path): return "\(path): not a Python or Swift file"
        case .unreadable(let path): return "cannot read \(path)"
        case .unreadableBecause(let path, let reason): return "cannot read \(path): \(reason)"
        case .revision(let revision, let problem): return "cannot read revision '\(revision)': \(problem)"
        case .missingBlob(let path, let oid):
            return "\(path): blob \(oid.prefix(12)) is not in this clone (a partial or shallow clone); fetch it to measure this file"
        }
    }
}
