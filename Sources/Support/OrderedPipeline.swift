import Foundation

/// Runs jobs over `count` items on several threads while handing results back in the original
/// order, a chunk at a time: the scan writes the store parents-first this way, so a killed scan
/// leaves an ancestor-closed prefix. Each worker builds its own state once (`makeJob`), such as
/// a libgit2 repository handle, which must not be shared between threads. Workers run on
/// `WorkerPool.stackSize` stacks, as the parser's do: they parse blobs too.
public final class OrderedPipeline<Output: Sendable>: @unchecked Sendable {
    private let count: Int
    private let chunkSize: Int
    private let workerCount: Int
    /// At most this many mined chunks wait for the writer: bounds memory on huge histories.
    private let window: Int

    private let condition = NSCondition()
    private var results: [Int: Result<[Output], Error>] = [:]
    /// Builds each worker's job (item index → output), once per worker.
    private let makeJob: @Sendable () throws -> (Int) throws -> Output
    private var nextChunkToClaim = 0
    private var nextChunkToDeliver = 0
    private var cancelled = false

    public init(count: Int, chunkSize: Int, workers: Int,
                makeJob: @escaping @Sendable () throws -> (Int) throws -> Output) {
        self.makeJob = makeJob
        self.count = count
        self.chunkSize = max(1, chunkSize)
        self.workerCount = max(1, workers)
        self.window = max(4, workers * 4)
    }

    var chunkCount: Int { (count + chunkSize - 1) / chunkSize }

    /// Calls `consume` on the calling thread with each chunk, in order. If `consume` or a worker
    /// throws, the workers stop and the error is rethrown.
    public func run(_ consume: ([Output]) throws -> Void) throws {
        let total = chunkCount
        guard total > 0 else { return }
        var threads: [Thread] = []
        let done = DispatchGroup()
        for _ in 0..<min(workerCount, total) {
            done.enter()
            let thread = Thread { [self] in
                defer { done.leave() }
                work(total: total)
            }
            thread.stackSize = WorkerPool.stackSize
            threads.append(thread)
            thread.start()
        }
        defer {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
            done.wait()
        }
        for index in 0..<total {
            condition.lock()
            while results[index] == nil { condition.wait() }
            let result = results.removeValue(forKey: index)!
            nextChunkToDeliver = index + 1
            condition.broadcast()
            condition.unlock()
            try consume(try result.get())
        }
    }

    private func work(total: Int) {
        let job: (Int) throws -> Output
        do {
            job = try makeJob()
        } catch {
            // Report the failure in place of the first chunk this worker would have taken.
            publishFailure(error, total: total)
            return
        }
        while true {
            condition.lock()
            while !cancelled && nextChunkToClaim < total && nextChunkToClaim >= nextChunkToDeliver + window {
                condition.wait()
            }
            if cancelled || nextChunkToClaim >= total {
                condition.unlock()
                return
            }
            let index = nextChunkToClaim
            nextChunkToClaim += 1
            condition.unlock()

            let lower = index * chunkSize
            let upper = min(lower + chunkSize, count)
            let result: Result<[Output], Error> = Result {
                try (lower..<upper).map { try job($0) }
            }
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }

    private func publishFailure(_ error: Error, total: Int) {
        condition.lock()
        defer { condition.unlock() }
        guard nextChunkToClaim < total else { return }
        results[nextChunkToClaim] = .failure(error)
        nextChunkToClaim += 1
        condition.broadcast()
    }
}
