import GitKit
import History
import Support

/// Mines commits on several threads, results in history's order (see `OrderedPipeline`). Each
/// worker owns its own `HistoryMiner`, and so its own libgit2 repository handle.
public struct ParallelMiner<Output: Sendable> {
    private let pipeline: OrderedPipeline<Output>

    public init(repositoryPath: String, commits: [OID], chunkSize: Int, workers: Int,
                makeJob: @escaping @Sendable (HistoryMiner) -> (OID) throws -> Output) {
        pipeline = OrderedPipeline(count: commits.count, chunkSize: chunkSize, workers: workers) {
            let job = makeJob(try HistoryMiner(repositoryPath: repositoryPath))
            return { index in try job(commits[index]) }
        }
    }

    /// Calls `consume` on the calling thread with each chunk, in order.
    public func run(_ consume: ([Output]) throws -> Void) throws { try pipeline.run(consume) }
}
