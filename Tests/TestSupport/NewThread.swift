#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private final class ThreadBody: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// Runs `body` on a new POSIX thread and returns once that thread has ended, its thread-local
/// destructors (which release GeometryKit's per-thread resources) included.
public func onNewThread<T>(_ body: @escaping () throws -> T) throws -> T {
    var result: Result<T, Error>?
    let box = ThreadBody { result = Result { try body() } }
    var thread = pthread_t()
    let status = pthread_create(
        &thread, nil,
        { raw in
            Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, Unmanaged.passRetained(box).toOpaque())
    precondition(status == 0, "pthread_create failed: \(status)")
    pthread_join(thread, nil)  // orders the thread's write of `result` before the read below
    return try result!.get()
}
