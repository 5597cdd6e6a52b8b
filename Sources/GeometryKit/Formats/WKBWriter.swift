internal import CGEOS

/// Writes Well-Known Binary: two-dimensional, little-endian, ISO flavour (an empty point is
/// written with NaN coordinates). Owns a `GEOSWKBWriter`.
///
/// Not `Sendable`: use one writer from one task at a time. Each call runs on the GEOS context of
/// the thread it is made on.
public final class WKBWriter {
    private let writer: OpaquePointer

    /// A writer.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS cannot create it.
    /// - Note: Wraps `GEOSWKBWriter_create_r`, `GEOSWKBWriter_setOutputDimension_r`,
    ///   `GEOSWKBWriter_setByteOrder_r` and `GEOSWKBWriter_setFlavor_r`; freed with `GEOSWKBWriter_destroy_r`.
    public init() throws {
        let context = ThreadResources.current.geos
        writer = try context.newHandle("GEOSWKBWriter_create_r", .wkbWriter) { GEOSWKBWriter_create_r($0) }  // NULL on exception
        GEOSWKBWriter_setOutputDimension_r(context.handle, writer, 2)  // no status
        GEOSWKBWriter_setByteOrder_r(context.handle, writer, Int32(GEOS_WKB_NDR.rawValue))  // no status
        GEOSWKBWriter_setFlavor_r(context.handle, writer, Int32(GEOS_WKB_ISO.rawValue))  // no status
    }

    deinit {
        GEOSContext.freeHandle(.wkbWriter) { GEOSWKBWriter_destroy_r($0, writer) }
    }

    /// The bytes of `geometry`.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSWKBWriter_write_r` (the buffer is freed with `GEOSFree_r`).
    public func write(_ geometry: Geometry) throws -> [UInt8] {
        let context = ThreadResources.current.geos
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
    /// Well-Known Binary, little-endian, ISO flavour; reads back exactly.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe (a writer per call). Wraps `GEOSWKBWriter_write_r`.
    public func wkb() throws -> [UInt8] {
        try WKBWriter().write(self)
    }
}
