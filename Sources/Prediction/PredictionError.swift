import Foundation

public enum PredictionError: Error, LocalizedError {
    case notScanned(revision: String)
    case noModel(level: String)
    case tooLittleHistory(level: String, detail: String)
    case badRange(String)
    case nothingReadable(revision: String, files: Int, reason: String)

    public var errorDescription: String? {
        switch self {
        case .notScanned(let revision):
            return "\(revision) is not in the store yet: run `prognosis scan` first"
        case .noModel(let level):
            return "no \(level)-level model is stored and none is shipped: run `prognosis train --level \(level)`"
        case .tooLittleHistory(let level, let detail):
            return "too little history for the \(level) level: \(detail)"
        case .badRange(let range):
            return "'\(range)' is not a range: give A..B"
        case .nothingReadable(let revision, let files, let reason):
            return "none of the \(files) Python and Swift files at \(revision) could be read (\(reason)); "
                + "in a partial clone, fetch the missing blobs first: git fetch --refetch origin"
        }
    }
}

/// The three things a model can score.
public enum Level: String, CaseIterable, Sendable, Codable {
    case commit, file, function

    public var featureNames: [String] {
        switch self {
        case .commit: return CommitFeaturesNames.all
        case .file: return SnapshotNames.file
        case .function: return SnapshotNames.function
        }
    }

    /// The size feature a model may blend with (`SizeBlend`): lines added, or lines of code.
    public var sizeFeature: String {
        switch self {
        case .commit: return "la"
        case .file: return "code_lines"
        case .function: return "lines"
        }
    }
}
