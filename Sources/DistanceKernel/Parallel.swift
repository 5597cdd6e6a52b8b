import Dispatch
import Foundation
import Synchronization

/// Runs work over a range in chunks on several threads, each thread taking the next chunk from a
/// shared counter (so that a slow chunk does not hold the others up). Results must go to disjoint
/// places: each index is processed exactly once, by one thread.
enum Parallel {
    /// The default thread count: every core this process may use.
    static var defaultThreadCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    static func forEachChunk(count: Int, threads: Int, chunkSize: Int, _ body: @Sendable (Range<Int>) -> Void) {
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
}

extension Double {
    /// The square of the value.
    @inline(__always) var squared: Double { self * self }
}

/// A buffer that several threads write to at disjoint indices.
///
/// `@unchecked Sendable` because the kernel's loops give every index to exactly one thread, and
/// the buffer is read only after ``Parallel/forEachChunk(count:threads:chunkSize:_:)`` returns.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
        count = buffer.count
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
