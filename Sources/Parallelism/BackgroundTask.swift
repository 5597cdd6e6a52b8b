import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Work started on a thread of its own, whose result the caller collects later: how two
/// independent stages run side by side. A plain thread, not a Dispatch worker, so that the work
/// may itself fan out with `DispatchQueue.concurrentPerform` (libdispatch runs an apply nested in
/// another apply's worker serially); a POSIX thread, not Foundation's `Thread`, so that the
/// kernels' C library (KernelABI) links no Foundation.
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
        startThread {
            self.outcome = Result { try body() }
            self.done.signal()
        }
    }

    /// Waits for the work to finish; its result, or its error rethrown. Call once.
    package func result() throws -> T {
        done.wait()
        return try outcome!.get()
    }
}

/// Runs `body` on a new detached POSIX thread with a stack of 8 MiB, as the main thread has (the recursive
/// JSON parser runs on it).
private func startThread(_ body: @escaping () -> Void) {
    let work = Unmanaged.passRetained(ThreadWork(body))
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, 8 << 20)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    var thread = pthread_t()
    let status = pthread_create(
        &thread, &attributes,
        { context in
            Unmanaged<ThreadWork>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, work.toOpaque())
    precondition(status == 0, "pthread_create failed (\(status))")
}

/// The closure a new thread runs, passed to it as one retained pointer.
private final class ThreadWork {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
