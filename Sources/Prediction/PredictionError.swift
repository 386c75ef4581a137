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
            if let folder = ProcessInfo.processInfo.environment[DefaultModels.overrideVariable], !folder.isEmpty {
                return "no \(level)-level model is stored, and \(DefaultModels.overrideVariable)=\(folder) holds no readable "
                    + "default-\(level).json: run `prognosis train --level \(level)`, or unset it to use the shipped model"
            }
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
