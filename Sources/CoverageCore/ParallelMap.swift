import Dispatch
import Foundation
import Synchronization

/// `body` for every index in `0..<count` on up to `threads` threads (default: all cores), each
/// thread taking the next index; the results in index order, whatever the thread count. Every
/// index runs; then the error of the lowest failing index, if any, is rethrown.
func parallelMap<T: Sendable>(count: Int, threads: Int?, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, count))
    if workers == 1 { return try (0..<count).map(body) }
    let slots = ResultSlots<T>(count: count)
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < count else { return }
            slots.set(index, Result { try body(index) })
        }
    }
    return try slots.values().map { try $0.get() }
}

/// Result slots that parallel workers fill at disjoint indices; read after they all finish.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Result<T, Error>?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Writes slot `index`; each index is written by one thread only.
    func set(_ index: Int, _ value: Result<T, Error>) { base[index] = value }

    func values() -> [Result<T, Error>] { (0..<count).map { base[$0]! } }
}
