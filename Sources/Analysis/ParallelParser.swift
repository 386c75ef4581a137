import CodeModel
import Foundation
import Support
import PythonFrontend
import SwiftFrontend

/// Parses many files in parallel (see `WorkerPool`), one frontend per worker. Workers get large
/// stacks: recursive descent on a pathological file must hit the parser's depth limit (a
/// diagnostic), never the thread's stack.
public enum ParallelParser {
    public static let stackSize = WorkerPool.stackSize

    public enum Outcome: Sendable {
        case parsed(SourceUnit)
        case failed(path: String, message: String)
    }

    public static func parse(_ paths: [String], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                             language: Language? = nil) -> [Outcome] {
        WorkerPool.map(count: paths.count, workers: workers) {
            let frontends = Frontends()
            return { index in parseOne(paths[index], language: language, frontends: frontends) }
        }
    }

    static func parseOne(_ path: String, language: Language?, frontends: Frontends) -> Outcome {
        guard let language = language ?? Language(path: path) else {
            return .failed(path: path, message: AnalysisError.unsupportedLanguage(path).localizedDescription)
        }
        do {
            return .parsed(frontends.parse(try FileBytes.read(path), path: path, language: language))
        } catch {
            return .failed(path: path, message: error.localizedDescription)
        }
    }
}

/// Both frontends, so a worker can read whichever language a file is in.
public struct Frontends: Sendable {
    public let python = PythonFrontend()
    public let swift = SwiftFrontend()

    public init() {}

    public func parse(_ bytes: [UInt8], path: String, language: Language) -> SourceUnit {
        switch language {
        case .python: return python.parse(bytes, path: path)
        case .swift: return swift.parse(bytes, path: path)
        }
    }

    /// Definitions and comments (and, for Python, everything: its parser is fast enough that a
    /// lighter mode would gain little).
    public func outline(_ bytes: [UInt8], path: String, language: Language) -> SourceUnit {
        switch language {
        case .python: return python.parse(bytes, path: path)
        case .swift: return swift.outline(bytes, path: path)
        }
    }
}
