import Foundation

/// Results of parallel work, one lock-protected slot per job, each written once, read in job
/// order: shared by the worker pool that parses files and the writer that renders their JSON.
public final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    public func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// Every slot's value; call after all jobs finished.
    public func values() -> [T] { slots.map { $0! } }
}
