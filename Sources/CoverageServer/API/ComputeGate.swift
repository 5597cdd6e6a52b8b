import Foundation

/// Runs the heavy computations (assignments, what-ifs, suggestions) off Swift's cooperative
/// threads, a few at a time: each already uses every core, so more at once would only slow them
/// all, and the server keeps answering light requests meanwhile. Requests beyond the waiting room
/// are refused with 429 (come back later) rather than queued without bound.
actor ComputeGate {
    private let concurrent: Int
    private let waitingLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(concurrent: Int = APILimits.concurrentComputations, waiting: Int = APILimits.waitingComputations) {
        self.concurrent = concurrent
        waitingLimit = waiting
    }

    /// `work`'s result, computed on a thread of its own once a place is free.
    /// - Throws: ``APIError`` (429) when the waiting room is full; whatever `work` throws.
    func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        if running < concurrent {
            running += 1
        } else {
            guard waiting.count < waitingLimit else {
                throw APIError(429, "the server is busy with \(running + waiting.count) computations; try again in a few seconds")
            }
            // The place is handed over by the computation that leaves (release), so `running` stays counted.
            await withCheckedContinuation { waiting.append($0) }
        }
        let result: Result<Value, any Error> = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: Result { try work() }) }
        }
        release()
        return try result.get()
    }

    /// The computations waiting for a place.
    var waitingCount: Int { waiting.count }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
