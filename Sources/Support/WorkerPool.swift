import Foundation

/// Runs `count` jobs on worker threads with large stacks, results in input order. Each worker
/// builds its own state once (`makeWorker`): a frontend, or a libgit2 repository handle, which
/// must not be shared between threads. It is `OrderedPipeline` with one job per chunk, so the
/// parser and the history miner share one pool, one stack size and one scheduling policy.
public enum WorkerPool {
    /// Recursive descent on a pathological file must hit the parser's depth limit (a
    /// diagnostic), never the thread's stack; blob parsing during a scan runs on these too.
    public static let stackSize = 64 << 20

    public static func map<T: Sendable>(count: Int, workers: Int,
                                        makeWorker: @escaping @Sendable () -> (Int) -> T) -> [T] {
        var results: [T] = []
        results.reserveCapacity(count)
        // The window lets workers run ahead of the slowest job by many items, and nothing here
        // throws, so the pipeline's error paths are never taken.
        let pipeline = OrderedPipeline<T>(count: count, chunkSize: 1, workers: workers, window: max(64, workers * 64)) {
            makeWorker()
        }
        try? pipeline.run { results.append(contentsOf: $0) }
        return results
    }
}
