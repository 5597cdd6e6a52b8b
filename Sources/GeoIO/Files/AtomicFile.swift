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
/// Thread-safe: each call uses its own uniquely named temporary file.
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
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent().path
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

        var existing = stat()
        let existingMode: mode_t? = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : nil
        let temporary = directory + "/." + target.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw OutputError(file: path, reason: "cannot create a file in \(directory): \(systemMessage(errno))")
        }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
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
        guard rename(temporary, path) == 0 else {
            throw OutputError(file: path, reason: "renaming the temporary file failed: \(systemMessage(errno))")
        }
        renamed = true
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
