import CGEOS

/// Reads Well-Known Binary (ISO or extended). Owns a `GEOSWKBReader`; use it on one thread.
public final class WKBReader {
    private let context: GEOSContext
    private let reader: OpaquePointer

    /// Wraps `GEOSWKBReader_create_r`.
    public init() throws {
        context = ThreadResources.current.geos
        context.clearMessages()
        guard let reader = GEOSWKBReader_create_r(context.handle) else { throw context.error("GEOSWKBReader_create_r") }  // NULL on exception
        self.reader = reader
        LiveHandles.created(.wkbReader)
    }

    deinit {
        GEOSWKBReader_destroy_r(context.handle, reader)
        LiveHandles.freed(.wkbReader)
    }

    /// The geometry encoded in `bytes`. Wraps `GEOSWKBReader_read_r`.
    public func read(_ bytes: [UInt8]) throws -> Geometry {
        try context.newGeometry("GEOSWKBReader_read_r") { handle in
            bytes.withUnsafeBufferPointer { GEOSWKBReader_read_r(handle, reader, $0.baseAddress, $0.count) }  // NULL on exception
        }
    }
}

extension Geometry {
    /// The geometry encoded as Well-Known Binary.
    public init(wkb: [UInt8]) throws {
        self = try WKBReader().read(wkb)
    }
}
