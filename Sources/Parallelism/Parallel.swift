import Dispatch
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials  // ProcessInfo without the rest of Foundation and its 47 MB of ICU (see BackgroundTask)
#else
    import Foundation
#endif

/// The one fan-out of the package: work over a range in chunks on several threads, each thread
/// taking the next chunk from a shared counter (so that a slow chunk does not hold the others up).
///
/// Every index is processed exactly once, by one thread; results go to disjoint places (a
/// ``DisjointBuffer``), so they do not depend on the thread count. `package` access: the kernel,
/// the domain and the tests use it; it is not part of the public API.
package enum Parallel {
    /// The default thread count: every core this process may use.
    package static var defaultThreadCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `threads`, or every core when nil; at least 1.
    package static func threadCount(_ threads: Int?) -> Int { max(1, threads ?? defaultThreadCount) }

    /// Calls `body` with consecutive chunks of `0..<count` of at most `chunkSize` indices, on up to
    /// `threads` threads; with one thread, one call with the whole range, here and now.
    package static func forEachChunk(count: Int, threads: Int, chunkSize: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let workers = max(1, min(threads, chunkCount))
        if workers == 1 {
            body(0..<count)
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let chunk = next.add(1, ordering: .relaxed).oldValue
                guard chunk < chunkCount else { return }
                let start = chunk * chunkSize
                body(start..<min(count, start + chunkSize))
            }
        }
    }

    /// `body` of every index in `0..<count` on up to `threads` threads (nil: every core), each
    /// thread taking the next index; the results in index order, whatever the thread count.
    /// Every index runs; then the error of the lowest failing index, if any, is rethrown.
    package static func map<T: Sendable>(count: Int, threads: Int?, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        var results = [Result<T, any Error>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointBuffer(buffer)
            forEachChunk(count: count, threads: threadCount(threads), chunkSize: 1) { range in
                for index in range { out[index] = Result { try body(index) } }
            }
        }
        return try results.map { try $0!.get() }
    }
}
