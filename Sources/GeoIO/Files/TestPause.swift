import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Pauses for the interruption tests, so that they can send a signal at a known moment of the
/// write rather than at a lucky one. Set `HEALTHCOVERAGE_TEST_PAUSE` to a comma-separated list of
/// points; the first time the process reaches one it prints `paused at POINT` on standard error
/// and sleeps for a minute (the test interrupts it meanwhile), then goes on. The points:
///
/// - `staged`: the staging folder is made, nothing is written in it yet;
/// - `file`: a file's temporary copy is complete, just before it is renamed into place (inside
///   the write of a folder, or the one file an import writes);
/// - `swap`: every output and the manifest are in the staging folder, just before the swap.
///
/// For the tests only: unset, it costs one look at the environment per process.
package enum TestPause {
    private static let points = Set((ProcessInfo.processInfo.environment["HEALTHCOVERAGE_TEST_PAUSE"] ?? "").split(separator: ",").map(String.init))
    private static let reached = Mutex<Set<String>>([])

    /// Pauses at `point` if the environment asks for it and it is the first time.
    package static func at(_ point: String) {
        guard points.contains(point), reached.withLock({ $0.insert(point).inserted }) else { return }
        let line = "paused at \(point)\n"
        line.utf8CString.withUnsafeBufferPointer { buffer in _ = write(2, buffer.baseAddress, buffer.count - 1) }
        sleep(60)
    }
}
