#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of an input file, read once, with the checksum of exactly those bytes: every reader
/// parses an `InputFile`, and a run's manifest records the checksum of what was parsed, not of
/// the file as it may be after the run.
public struct InputFile: Sendable {
    /// The path as given.
    public let path: String
    /// The whole content.
    public let bytes: [UInt8]

    /// A file held in memory (tests, documents received over a network), named `path` in messages.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The size and SHA-256 of ``bytes``, named by ``path``.
    public var checksum: FileChecksum {
        FileChecksum(path: path, byteCount: bytes.count, sha256: SHA256Digest.hex(bytes))
    }

    /// Reads the whole file at `path` (with `read(2)`, no Foundation buffer in between).
    /// - Throws: ``InputError`` (`.unreadable`) when it does not exist, is a directory or cannot be read.
    public static func read(path: String) throws -> InputFile {
        func unreadable(_ reason: String) -> InputError {
            InputError(file: path, reason: "cannot be read: \(reason)", category: .unreadable)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw unreadable(errno == ENOENT ? "no such file" : message(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw unreadable(message(errno)) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw unreadable("it is a directory") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw unreadable(message(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return InputFile(path: path, bytes: bytes)
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(descriptor, buffer, count)
        #else
            Darwin.read(descriptor, buffer, count)
        #endif
    }

    private static func message(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// What a run records of an input file: its path, size and SHA-256.
public struct FileChecksum: Sendable, Equatable, Codable {
    /// The path as given.
    public let path: String
    /// The size in bytes.
    public let byteCount: Int
    /// The SHA-256 of the bytes, 64 lowercase hexadecimal digits.
    public let sha256: String

    /// A checksum record.
    public init(path: String, byteCount: Int, sha256: String) {
        self.path = path
        self.byteCount = byteCount
        self.sha256 = sha256
    }
}
