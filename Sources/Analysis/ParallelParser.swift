import CodeModel
import Foundation
import PythonFrontend

/// Parses many files on worker threads, one file at a time per worker, results in input order.
/// Workers get large stacks: recursive descent on a pathological file must hit the parser's
/// depth limit (a diagnostic), never the thread's stack.
public enum ParallelParser {
    public static let stackSize = 64 << 20

    public enum Outcome: Sendable {
        case parsed(SourceUnit)
        case failed(path: String, message: String)
    }

    public static func parse(_ paths: [String], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                             language: Language? = nil) -> [Outcome] {
        let results = ResultSlots(count: paths.count)
        let next = Counter()
        let workerCount = max(1, min(workers, paths.count))
        let group = DispatchGroup()
        for _ in 0..<workerCount {
            group.enter()
            let thread = Thread {
                let python = PythonFrontend()
                while true {
                    let index = next.take()
                    guard index < paths.count else { break }
                    results.set(index, parseOne(paths[index], language: language, python: python))
                }
                group.leave()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        group.wait()
        return results.values()
    }

    static func parseOne(_ path: String, language: Language?, python: PythonFrontend) -> Outcome {
        guard let language = language ?? Language(path: path) else {
            return .failed(path: path, message: AnalysisError.unsupportedLanguage(path).localizedDescription)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failed(path: path, message: AnalysisError.unreadable(path).localizedDescription)
        }
        switch language {
        case .python:
            return .parsed(python.parse([UInt8](data), path: path))
        case .swift:
            return .failed(path: path, message: "\(path): Swift outlines arrive with the Swift frontend")
        }
    }
}

/// A lock-protected array of result slots, written once each by the workers.
final class ResultSlots: @unchecked Sendable {
    private var slots: [ParallelParser.Outcome?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: ParallelParser.Outcome) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [ParallelParser.Outcome] { slots.map { $0! } }
}

final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}
