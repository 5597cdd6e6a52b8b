import Synchronization
import TestSupport
import Testing

@testable import Parallelism

/// The one fan-out: every index once, results in index order whatever the thread count, the
/// lowest failing index's error rethrown.
@Suite struct ParallelTests {
    struct Failure: Error, Equatable { let index: Int }

    @Test(arguments: [1, 2, 3, 8, 64])
    func mapKeepsIndexOrder(threads: Int) throws {
        let squares = try Parallel.map(count: 1_000, threads: threads) { $0 * $0 }
        #expect(squares == (0..<1_000).map { $0 * $0 })
        #expect(try Parallel.map(count: 0, threads: threads) { $0 }.isEmpty)
    }

    @Test(arguments: [1, 2, 8])
    func mapRethrowsTheLowestFailingIndexAfterRunningEvery(threads: Int) {
        let ran = Atomic<Int>(0)
        #expect(throws: Failure(index: 7)) {
            try Parallel.map(count: 100, threads: threads) { index in
                ran.add(1, ordering: .relaxed)
                if index == 7 || index == 60 { throw Failure(index: index) }
                return index
            }
        }
        #expect(ran.load(ordering: .relaxed) == 100)
    }

    @Test(arguments: [(1, 1), (2, 7), (4, 1_000), (8, 3)])
    func forEachChunkVisitsEveryIndexOnce(threads: Int, chunkSize: Int) {
        var visits = [Int](repeating: 0, count: 5_003)
        visits.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointBuffer(buffer)
            Parallel.forEachChunk(count: out.count, threads: threads, chunkSize: chunkSize) { range in
                if threads > 1 { #expect(range.count <= chunkSize) }  // one thread takes the whole range at once
                for index in range { out[index] += 1 }
            }
        }
        #expect(visits.allSatisfy { $0 == 1 })
    }

    @Test func backgroundTaskHandsBackItsResultOrError() throws {
        let value = BackgroundTask { (1...100).reduce(0, +) }
        #expect(try value.result() == 5_050)
        let inline = BackgroundTask(inline: true) { 42 }
        #expect(try inline.result() == 42)
        let failing = BackgroundTask<Int> { throw Failure(index: 3) }
        #expect(throws: Failure(index: 3)) { try failing.result() }
    }

    @Test func threadCountDefaultsToEveryCore() {
        #expect(Parallel.threadCount(nil) == Parallel.defaultThreadCount)
        #expect(Parallel.threadCount(0) == 1)
        #expect(Parallel.threadCount(3) == 3)
    }
}
