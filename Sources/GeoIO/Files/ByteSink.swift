/// Where a writer's bytes go. Writers append to ``bytes`` and call ``flushIfFull()`` after each
/// record; a sink that fills a file (``AtomicFile/write(to:_:)``) then hands its bytes on each
/// time it holds a mebibyte, so that an output of gigabytes (a row per village of a national
/// layer) is never held in memory whole. A sink made with ``init()`` keeps every byte.
///
/// Handing bytes on does not throw, so that writers need not: the first failure is kept in
/// ``failure`` and later bytes are dropped, and the file's writer reports it once the content is
/// complete (as C's `ferror`).
public struct ByteSink {
    /// The bytes not yet handed on (all of them, for a sink in memory).
    package var bytes: [UInt8] = []
    /// The first error of handing bytes on, if any.
    package private(set) var failure: (any Error)?
    private let destination: ((UnsafeRawBufferPointer) throws -> Void)?

    /// How many bytes a sink that fills a file gathers before handing them on.
    package static let chunkBytes = 1 << 20

    /// A sink that keeps every byte in ``bytes``.
    public init() {
        destination = nil
    }

    /// A sink that hands its bytes to `destination` a mebibyte at a time.
    package init(destination: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.destination = destination
        bytes.reserveCapacity(Self.chunkBytes + Self.chunkBytes / 4)
    }

    /// Appends `more`; a sink that fills a file hands a chunk or more on at once, uncopied.
    package mutating func append(contentsOf more: [UInt8]) {
        guard destination != nil, more.count >= Self.chunkBytes else {
            bytes.append(contentsOf: more)
            flushIfFull()
            return
        }
        flush()
        handOn(more)
    }

    /// Hands the bytes on when they fill a chunk; a sink in memory keeps them.
    package mutating func flushIfFull() {
        if destination != nil, bytes.count >= Self.chunkBytes { flush() }
    }

    /// Hands every byte gathered on; a sink in memory keeps them.
    package mutating func flush() {
        guard destination != nil else { return }
        handOn(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func handOn(_ chunk: [UInt8]) {
        guard let destination, failure == nil, !chunk.isEmpty else { return }
        do {
            try chunk.withUnsafeBytes(destination)
        } catch {
            failure = error
        }
    }
}
