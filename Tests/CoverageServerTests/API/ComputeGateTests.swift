import Foundation
import Synchronization
import Testing

@testable import CoverageServer

/// The gate runs at most its limit of computations at once and turns away what its waiting room cannot hold.
@Suite struct ComputeGateTests {
    @Test func atMostTheLimitRunAtOnceAndAllFinish() async throws {
        let gate = ComputeGate(concurrent: 2, waiting: 64)
        final class Counts: Sendable { let value = Mutex((now: 0, most: 0)) }
        let counts = Counts()
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<12 {
                group.addTask {
                    try await gate.run {
                        counts.value.withLock {
                            $0.now += 1
                            $0.most = max($0.most, $0.now)
                        }
                        Thread.sleep(forTimeInterval: 0.01)
                        counts.value.withLock { $0.now -= 1 }
                        return index
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<12))
        #expect(counts.value.withLock { $0.most } == 2)
    }

    @Test func aFullWaitingRoomAnswers429() async throws {
        let gate = ComputeGate(concurrent: 1, waiting: 1)
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let first = Task {
            try await gate.run {
                started.signal()
                release.wait()
                return 1
            }
        }
        started.wait()
        let second = Task { try await gate.run { 2 } }
        while await gate.waitingCount < 1 { try await Task.sleep(for: .milliseconds(2)) }
        var refused: APIError?
        do {
            _ = try await gate.run { 3 }
        } catch let error as APIError {
            refused = error
        }
        release.signal()
        #expect(refused?.status == 429)
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
    }
}
