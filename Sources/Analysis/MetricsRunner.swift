import CodeModel
import Configuration
import Foundation
import Support
import GitKit
import Metrics

/// Reads, parses and measures many files in parallel. Only the metrics leave a worker, so the
/// syntax trees of a whole repository never sit in memory at once.
public enum MetricsRunner {
    public enum Outcome: Sendable {
        case measured(FileMetrics)
        case failed(path: String, message: String)
        /// Left out by `CodeRule` once read (its header says it was generated).
        case skipped(path: String, verdict: ProjectConfiguration.Verdict)
    }

    /// `repository` is needed only for inputs read from blobs.
    public static func run(_ inputs: [SourceInput], repository: String? = nil,
                           workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Outcome] {
        WorkerPool.map(count: inputs.count, workers: workers) {
            let frontends = Frontends()
            // libgit2 handles are per thread.
            let repositoryResult: Result<Repository, Error>? = repository.map { path in
                Result { try Repository(discovering: path) }
            }
            return { index in
                let input = inputs[index]
                let bytes: [UInt8]
                switch read(input, repositoryResult) {
                case .success(let read): bytes = read
                case .failure(let error): return .failed(path: input.path, message: error.localizedDescription)
                }
                if bytes.count > CodeRule.sizeLimit {
                    return .failed(path: input.path,
                                   message: "skipped: \(bytes.count / 1_048_576) MB is over the \(CodeRule.sizeLimit >> 20) MB limit")
                }
                if CodeRule.isBinary(bytes) {
                    return .failed(path: input.path, message: "skipped: binary content")
                }
                if input.filtered && CodeRule.headerSaysGenerated(bytes) {
                    return .skipped(path: input.path, verdict: .generated)
                }
                let unit = frontends.parse(bytes, path: input.path, language: input.language)
                return .measured(MetricsCalculator.measure(unit, source: bytes))
            }
        }
    }

    static func read(_ input: SourceInput, _ repository: Result<Repository, Error>?) -> Result<[UInt8], Error> {
        switch input.origin {
        case .file(let path):
            return Result { try FileBytes.read(path) }
        case .blob(let oid):
            guard let repository else { return .failure(AnalysisError.unreadable(input.path)) }
            return Result {
                do {
                    return try repository.get().blob(oid).bytes
                } catch GitError.missingObject {
                    throw AnalysisError.missingBlob(input.path, oid.hex)
                }
            }
        }
    }
}
