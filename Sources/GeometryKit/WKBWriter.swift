import CGEOS

/// Writes Well-Known Binary, two-dimensional, little-endian, ISO flavour.
/// Owns a `GEOSWKBWriter`; use it on one thread.
public final class WKBWriter {
    private let context: GEOSContext
    private let writer: OpaquePointer

    /// Wraps `GEOSWKBWriter_create_r` and its setters.
    public init() throws {
        context = ThreadResources.current.geos
        context.clearMessages()
        guard let writer = GEOSWKBWriter_create_r(context.handle) else { throw context.error("GEOSWKBWriter_create_r") }  // NULL on exception
        self.writer = writer
        LiveHandles.created(.wkbWriter)
        GEOSWKBWriter_setOutputDimension_r(context.handle, writer, 2)
        GEOSWKBWriter_setByteOrder_r(context.handle, writer, Int32(GEOS_WKB_NDR.rawValue))
        GEOSWKBWriter_setFlavor_r(context.handle, writer, Int32(GEOS_WKB_ISO.rawValue))
    }

    deinit {
        GEOSWKBWriter_destroy_r(context.handle, writer)
        LiveHandles.freed(.wkbWriter)
    }

    /// The bytes of `geometry`. Wraps `GEOSWKBWriter_write_r` (the buffer is freed with `GEOSFree_r`).
    public func write(_ geometry: Geometry) throws -> [UInt8] {
        var size = 0
        context.clearMessages()
        guard let buffer = GEOSWKBWriter_write_r(context.handle, writer, geometry.handle.pointer, &size) else {  // NULL on exception
            throw context.error("GEOSWKBWriter_write_r")
        }
        defer { GEOSFree_r(context.handle, buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: size))
    }
}

extension Geometry {
    /// Well-Known Binary, little-endian, ISO flavour.
    public func wkb() throws -> [UInt8] {
        try WKBWriter().write(self)
    }
}
