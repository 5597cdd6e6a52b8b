import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What an interrupted run leaves behind: nothing it made. Every temporary file (``AtomicFile``)
/// and staging folder (``StagedFolder``) is recorded here while it exists; on SIGINT, SIGTERM or
/// SIGHUP the process removes them, prints one line and exits 128 + the signal (130, 143, 129),
/// so that an output that was being replaced is as it was before the run.
///
/// How the signal is taken: ``handleSignals()``, called first thing in `main` while the process
/// has one thread, blocks the three signals; every thread started later inherits the mask, so no
/// thread is ever interrupted by them. One dedicated thread waits for them with `sigwait` and,
/// on one, does the clean-up in ordinary thread context (locks, `rename`, a recursive removal),
/// which a C signal handler could not do safely. A signal the process was started with ignored
/// (`nohup`, a background job of a script) stays ignored.
///
/// Why the clean-up cannot race the writers: every creation of a recorded path happens under the
/// same lock as the clean-up (``creating(_:target:onlyIfEmpty:_:)``), and so does the swap of a
/// staging folder into place (``swapping(_:keeping:_:)``). The handler takes the lock and never gives it back: a
/// writer that wants to create a file after that waits until the process exits. A staging folder
/// is first renamed aside, so that a file a writer opens by its path after that fails instead of
/// appearing in a folder being removed; nothing writes into a staging folder with `mkdir -p`,
/// which would make the folder again.
public enum Interruption {
    /// A path this process made and an interruption removes.
    private struct Entry {
        /// The output the path is the unfinished replacement of (as the user named it), for the
        /// message; nil for paths that replace nothing (a folder made for the output to go in,
        /// previous outputs being removed).
        var target: String?
        /// A folder made on the way to an output folder: removed only when empty.
        var onlyIfEmpty: Bool
    }

    /// The recorded paths, read and changed only inside ``withEntries(_:)``.
    nonisolated(unsafe) private static var entries: [String: Entry] = [:]
    /// A pthread mutex (NSLock), not `Synchronization.Mutex`: on Linux the thread sanitizer does
    /// not see the futex under `Mutex` and reports the accesses it orders as races.
    private static let lock = NSLock()

    private static func withEntries<Result>(_ body: (inout [String: Entry]) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&entries)
    }

    /// The signals handled; each exits with 128 + its number, as shells report it.
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread and starts the thread that handles
    /// them. Call it once, first thing in `main`, before any other thread starts (a thread started
    /// before keeps the signals unblocked and would be killed by them with nothing cleaned up).
    public static func handleSignals() {
        let handled = signals.filter { !isIgnored($0) }
        guard !handled.isEmpty else { return }
        var set = sigset_t()
        sigemptyset(&set)
        for signal in handled { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let waited = set
        let thread = Thread {
            var set = waited
            var received: Int32 = 0
            // sigwait fails only for a set without a valid signal, which this one is not.
            while sigwait(&set, &received) != 0 {}
            interrupt(by: received)
        }
        thread.name = "coverage-signals"
        thread.start()
    }

    /// Whether `signal` was ignored when the process started (kept so: the caller wanted that).
    /// Read by setting it ignored and putting back what was there: the process has one thread.
    private static func isIgnored(_ number: Int32) -> Bool {
        let previous = signal(number, SIG_IGN)
        signal(number, previous)
        return unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Runs `create`, which makes the file or folder at `path` and says whether it did, and
    /// records `path` for removal on an interruption, both under the lock: the handler sees
    /// either no file or a recorded one. `target` is the output it is the unfinished
    /// replacement of; a folder `onlyIfEmpty` is removed only when empty.
    package static func creating(_ path: String, target: String?, onlyIfEmpty: Bool = false, _ create: () -> Bool) -> Bool {
        withEntries { entries in
            guard create() else { return false }
            entries[path] = Entry(target: target, onlyIfEmpty: onlyIfEmpty)
            return true
        }
    }

    /// Stops recording `path` (it was renamed into place or removed).
    package static func forget(_ path: String) {
        withEntries { _ = $0.removeValue(forKey: path) }
    }

    /// Runs `move`, which renames the file at `path` into place and says whether it did, and
    /// stops recording `path` when it did, with no interruption handled in between.
    package static func moving(_ path: String, _ move: () -> Bool) -> Bool {
        withEntries { entries in
            guard move() else { return false }
            entries[path] = nil
            return true
        }
    }

    /// Runs `swap`, which puts the finished staging folder `staging` in its target's place, with
    /// no interruption handled while it runs (the handler waits for the lock). Once it has
    /// succeeded, `staging` (now the previous contents, if any) replaces nothing, and the folders
    /// `kept` (made for the target to go in) are no longer removed.
    package static func swapping(_ staging: String, keeping kept: [String], _ swap: () throws -> Void) throws {
        try withEntries { entries in
            try swap()
            entries[staging]?.target = nil
            for folder in kept { entries[folder] = nil }
        }
    }

    /// Removes every recorded path (the deepest first), says so in one line on standard error
    /// and exits with 128 + `signal`. Holds the lock until the process is gone.
    private static func interrupt(by signal: Int32) -> Never {
        withEntries { entries in
            for (path, entry) in entries.sorted(by: { $0.key.utf8.count > $1.key.utf8.count }) {
                if entry.onlyIfEmpty { rmdir(path) } else { removeAside(path) }
            }
            // The outputs left as they were, each named once: a temporary file inside a staging
            // folder is part of the staging folder's output.
            let replacing = entries.filter { $0.value.target != nil }.keys
            let targets = Set(
                replacing.filter { path in !replacing.contains { path.hasPrefix($0 + "/") } }.compactMap { entries[$0]?.target }
            ).sorted()
            let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signal] ?? "signal \(signal)"
            let message =
                targets.isEmpty
                ? "error: interrupted (\(name))\n"
                : "error: interrupted (\(name)); nothing was written to \(targets.joined(separator: ", ")): it is as it was before the run\n"
            message.utf8CString.withUnsafeBufferPointer { buffer in
                _ = write(2, buffer.baseAddress, buffer.count - 1)
            }
            _exit(128 + signal)
        }
    }

    /// Removes `path`, renaming a folder aside first so that nothing can be created in it by its
    /// path while it is being removed.
    private static func removeAside(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if status.st_mode & S_IFMT == S_IFDIR {
            let aside = path + ".removing"
            let removed = rename(path, aside) == 0 ? aside : path
            var attempts = 1
            while !FileTree.remove(removed) && attempts < 3 { attempts += 1 }
        } else {
            unlink(path)
        }
    }
}
