internal import CGEOS

/// Writes Well-Known Text. Owns a `GEOSWKTWriter`.
///
/// Not `Sendable`: use one writer from one task at a time. Each call runs on the GEOS context of
/// the thread it is made on.
public final class WKTWriter {
    private let writer: OpaquePointer

    /// A writer that trims trailing zeros and, when `decimals` is given, rounds to that many
    /// decimal places.
    ///
    /// - Parameter decimals: decimal places to round to; nil for GEOS's default of 16 decimal
    ///   places, which reads back exactly only for values of magnitude 1 or more (`0.1` and
    ///   smaller lose digits: use WKB or GeoJSON for exact round trips).
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS cannot create it.
    /// - Note: Wraps `GEOSWKTWriter_create_r`, `GEOSWKTWriter_setTrim_r` and
    ///   `GEOSWKTWriter_setRoundingPrecision_r`; freed with `GEOSWKTWriter_destroy_r`.
    public init(decimals: Int? = nil) throws {
        let context = ThreadResources.current.geos
        writer = try context.newHandle("GEOSWKTWriter_create_r", .wktWriter) { GEOSWKTWriter_create_r($0) }  // NULL on exception
        GEOSWKTWriter_setTrim_r(context.handle, writer, 1)  // no status
        GEOSWKTWriter_setRoundingPrecision_r(context.handle, writer, Int32(clamping: decimals ?? -1))  // no status
    }

    deinit {
        GEOSContext.freeHandle(.wktWriter) { GEOSWKTWriter_destroy_r($0, writer) }
    }

    /// The text of `geometry`, for example `POLYGON ((0 0, 1 0, 1 1, 0 0))` or `POINT EMPTY`.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSWKTWriter_write_r` (the text is freed with `GEOSFree_r`).
    public func write(_ geometry: Geometry) throws -> String {
        try ThreadResources.current.geos.string("GEOSWKTWriter_write_r") {
            GEOSWKTWriter_write_r($0, writer, geometry.handle.pointer)  // NULL on exception
        }
    }
}

extension Geometry {
    /// Well-Known Text with trailing zeros trimmed, for example `POINT (102.6 17.97)`.
    ///
    /// - Parameter decimals: decimal places to round to; nil for up to 16 (see ``WKTWriter/init(decimals:)``).
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe (a writer per call). Wraps `GEOSWKTWriter_write_r`.
    public func wkt(decimals: Int? = nil) throws -> String {
        try WKTWriter(decimals: decimals).write(self)
    }
}
