import Foundation

/// Runs `count` jobs on worker threads with large stacks, results in input order. Each worker
/// builds its own state once (`makeWorker`): a frontend, or a libgit2 repository handle, which
/// must not be shared between threads.
public enum WorkerPool {
    public static let stackSize = 64 << 20

    public static func map<T: Sendable>(count: Int, workers: Int,
                                        makeWorker: @escaping @Sendable () -> (Int) -> T) -> [T] {
        let results = ResultSlots<T>(count: count)
        let next = Counter()
        let workerCount = max(1, min(workers, count))
        let group = DispatchGroup()
        for _ in 0..<workerCount {
            group.enter()
            let thread = Thread {
                let job = makeWorker()
                while true {
                    let index = next.take()
                    guard index < count else { break }
                    results.set(index, job(index))
                }
                group.leave()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        group.wait()
        return results.values()
    }
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
