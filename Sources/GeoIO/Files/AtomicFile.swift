import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file all at once or not at all: the bytes go to a temporary file in the target's
/// directory, which is then renamed over the target. On any failure the temporary file is
/// removed and an existing target is left as it was, so a reader never sees a half-written file.
///
/// The file is not flushed to disk before the rename (no `fsync`, as GDAL and geopandas do not):
/// the write is atomic against a failing or killed run, but a power cut just after it may leave
/// the new file empty or missing. Outputs are remade by running again; flushing each of a
/// report's ~30 files cost up to a tenth of a second of waiting.
///
/// Thread-safe: each call uses its own uniquely named temporary file. The temporary file is
/// recorded with ``Interruption`` while it exists, so that SIGINT or SIGTERM removes it.
public enum AtomicFile {
    /// Writes `bytes` to `path`, replacing any file there (its permissions are kept).
    /// - Throws: ``OutputError`` when the directory does not exist or is not writable, when
    ///   `path` is a directory, or when writing, closing or renaming fails.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(bytes, to: path, beforeRename: {})
    }

    /// Writes what `produce` appends to its sink to `path`, a mebibyte at a time as it is made
    /// (see ``ByteSink``), atomically as ``write(_:to:)``: an error thrown by `produce` leaves no
    /// file.
    public static func write(to path: String, _ produce: (inout ByteSink) throws -> Void) throws {
        try write(to: path, beforeRename: {}, produce)
    }

    /// Writes `text` as UTF-8 to `path` (see ``write(_:to:)``).
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// The implementation, with a hook that runs after the temporary file is complete and
    /// before the rename (tests use it to fail at the last moment).
    package static func write(_ bytes: [UInt8], to path: String, beforeRename: () throws -> Void) throws {
        try write(to: path, beforeRename: beforeRename) { $0.append(contentsOf: bytes) }
    }

    package static func write(to path: String, beforeRename: () throws -> Void, _ produce: (inout ByteSink) throws -> Void) throws {
        let directory = try checkedDirectory(of: path)
        var existing = stat()
        let existingMode: mode_t? = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : nil
        let temporary = temporaryPath(for: path)
        // Made and recorded together, so that an interruption removes it (see Interruption).
        var descriptor: Int32 = -1
        var failure: Int32 = 0
        let created = Interruption.creating(temporary, target: path) {
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            failure = errno
            return descriptor >= 0
        }
        guard created else {
            throw OutputError(file: path, reason: "cannot create a file in \(directory): \(systemMessage(failure))")
        }
        var renamed = false
        defer {
            if !renamed {
                unlink(temporary)
                Interruption.forget(temporary)
            }
        }
        do {
            var closed = false
            defer { if !closed { close(descriptor) } }
            var sink = ByteSink { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw OutputError(file: path, reason: "writing failed: \(systemMessage(errno))")
                    }
                    offset += written
                }
            }
            try produce(&sink)
            sink.flush()
            if let failure = sink.failure { throw failure }
            if let existingMode, fchmod(descriptor, existingMode) != 0 {
                throw OutputError(file: path, reason: "cannot keep the permissions of the existing file: \(systemMessage(errno))")
            }
            closed = true
            guard close(descriptor) == 0 else {
                throw OutputError(file: path, reason: "closing the file failed: \(systemMessage(errno))")
            }
        }
        try beforeRename()
        TestPause.at("file")
        failure = 0
        renamed = Interruption.moving(temporary) {
            if rename(temporary, path) == 0 { return true }
            failure = errno
            return false
        }
        guard renamed else {
            throw OutputError(file: path, reason: "renaming the temporary file failed: \(systemMessage(failure))")
        }
    }

    /// Checks, before any work, that a file can be written at `path`: its directory exists and
    /// a file can be made there (one is made and removed to find out, which catches a read-only
    /// file system and missing rights whoever runs it), and `path` is not a directory.
    /// - Throws: ``OutputError`` saying why not.
    public static func checkWritable(_ path: String) throws {
        let directory = try checkedDirectory(of: path)
        let probe = temporaryPath(for: path)
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw OutputError(file: path, reason: "cannot create a file in \(directory): \(systemMessage(errno))")
        }
        close(descriptor)
        unlink(probe)
    }

    /// The directory `path` goes in, once it is known to exist and `path` not to be a directory.
    private static func checkedDirectory(of path: String) throws -> String {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw OutputError(file: path, reason: "the directory \(directory) does not exist")
        }
        guard isDirectory.boolValue else {
            throw OutputError(file: path, reason: "\(directory) is not a directory")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputError(file: path, reason: "it is a directory")
        }
        return directory
    }

    /// A new temporary file's path beside `path`: `.NAME.tmp-PID-N`.
    private static func temporaryPath(for path: String) -> String {
        let target = URL(fileURLWithPath: path)
        return target.deletingLastPathComponent().path + "/." + target.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Whether `name` is that of a temporary file this type makes (`.NAME.tmp-PID-N`): one a
    /// killed run may have left beside its target.
    package static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards), marker.lowerBound > name.index(after: name.startIndex) else {
            return false
        }
        let numbers = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        return numbers.count == 2 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, buffer, count)
        #else
            Darwin.write(descriptor, buffer, count)
        #endif
    }

    private static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
