internal import CGEOS

/// Reads Well-Known Text. Owns a `GEOSWKTReader`.
///
/// Not `Sendable`: use one reader from one task at a time. Each call runs on the GEOS context of
/// the thread it is made on (a task may resume on another thread after an `await`).
public final class WKTReader {
    private let reader: OpaquePointer

    /// A reader.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS cannot create it.
    /// - Note: Wraps `GEOSWKTReader_create_r`; freed with `GEOSWKTReader_destroy_r`.
    public init() throws {
        reader = try ThreadResources.current.geos.newHandle("GEOSWKTReader_create_r", .wktReader) { GEOSWKTReader_create_r($0) }  // NULL on exception
    }

    deinit {
        GEOSContext.freeHandle(.wktReader) { GEOSWKTReader_destroy_r($0, reader) }
    }

    /// The geometry `wkt` describes, for example `POINT (102.6 17.97)` or `POLYGON EMPTY`.
    ///
    /// - Throws: ``GeometryError`` (`.geos`, operation `GEOSWKTReader_read_r`) with GEOS's parse
    ///   message, for example "ParseException: Expected word but encountered end of stream".
    /// - Note: Wraps `GEOSWKTReader_read_r`.
    public func read(_ wkt: String) throws -> Geometry {
        try ThreadResources.current.geos.newGeometry("GEOSWKTReader_read_r") {
            GEOSWKTReader_read_r($0, reader, wkt)  // NULL on exception
        }
    }
}

extension Geometry {
    /// The geometry described by Well-Known Text, for example `POINT (102.6 17.97)`.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) with GEOS's parse message.
    /// - Note: Thread-safe (a reader per call). Wraps `GEOSWKTReader_read_r`.
    public init(wkt: String) throws {
        self = try WKTReader().read(wkt)
    }
}
