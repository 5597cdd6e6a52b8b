import Foundation

/// Work started on a thread of its own, whose result the caller collects later: how two
/// independent stages run side by side. A plain thread, not a Dispatch worker, so that the work
/// may itself fan out with `DispatchQueue.concurrentPerform` (libdispatch runs an apply nested in
/// another apply's worker serially).
package final class BackgroundTask<T: Sendable>: @unchecked Sendable {
    /// Written once by the thread before it signals `done`, read only after waiting on it.
    private var outcome: Result<T, any Error>?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `body` at once on a new thread, or runs it here and now when `inline` (for a run
    /// asked to use one thread).
    package init(inline: Bool = false, _ body: @escaping @Sendable () throws -> T) {
        if inline {
            outcome = Result { try body() }
            done.signal()
            return
        }
        let thread = Thread {
            self.outcome = Result { try body() }
            self.done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work to finish; its result, or its error rethrown. Call once.
    package func result() throws -> T {
        done.wait()
        return try outcome!.get()
    }
}
