import Foundation

/// A progress line on the terminal for a long step (`traveltime: 42 %`), rewritten in place at
/// most twice a second, and only when stderr is a terminal: logs and pipes get nothing.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1
    /// Guards `lastShown` and `shown`: the search calls `update` from its threads.
    private let lock = NSLock()
    private var lastShown = Date.distantPast
    private var shown = false

    init(label: String) {
        self.label = label
    }

    /// Shows `fraction` done (clamped to 100 %).
    @Sendable func update(_ fraction: Double) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastShown) >= 0.5 else { return }
        lastShown = now
        shown = true
        FileHandle.standardError.write(Data("\r\(label): \(Int(min(1, fraction) * 100)) %".utf8))
    }

    /// Clears the line if it was shown.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
