import CGEOS

/// Writes Well-Known Text. Owns a `GEOSWKTWriter`; use it on one thread (not `Sendable`).
public final class WKTWriter {
    private let context: GEOSContext
    private let writer: OpaquePointer

    /// A writer that trims trailing zeros and, when `decimals` is given, rounds to that many
    /// decimal places. Wraps `GEOSWKTWriter_create_r`, `…_setTrim_r` and `…_setRoundingPrecision_r`.
    public init(decimals: Int? = nil) throws {
        context = ThreadResources.current.geos
        context.clearMessages()
        guard let writer = GEOSWKTWriter_create_r(context.handle) else { throw context.error("GEOSWKTWriter_create_r") }  // NULL on exception
        self.writer = writer
        LiveHandles.created(.wktWriter)
        GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
        GEOSWKTWriter_setRoundingPrecision_r(context.handle, writer, Int32(decimals ?? -1))
    }

    deinit {
        GEOSWKTWriter_destroy_r(context.handle, writer)
        LiveHandles.freed(.wktWriter)
    }

    /// The text of `geometry`. Wraps `GEOSWKTWriter_write_r`.
    public func write(_ geometry: Geometry) throws -> String {
        try context.string("GEOSWKTWriter_write_r") { GEOSWKTWriter_write_r($0, writer, geometry.handle.pointer) }  // NULL on exception
    }
}

extension Geometry {
    /// Well-Known Text with trailing zeros trimmed, for example `POINT (102.6 17.97)`.
    public func wkt(decimals: Int? = nil) throws -> String {
        try WKTWriter(decimals: decimals).write(self)
    }
}
