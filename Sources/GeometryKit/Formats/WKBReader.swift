internal import CGEOS

/// Reads Well-Known Binary (ISO or extended, either byte order). Owns a `GEOSWKBReader`.
///
/// Not `Sendable`: use one reader from one task at a time. Each call runs on the GEOS context of
/// the thread it is made on.
public final class WKBReader {
    private let reader: OpaquePointer

    /// A reader.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS cannot create it.
    /// - Note: Wraps `GEOSWKBReader_create_r`; freed with `GEOSWKBReader_destroy_r`.
    public init() throws {
        reader = try ThreadResources.current.geos.newHandle("GEOSWKBReader_create_r", .wkbReader) { GEOSWKBReader_create_r($0) }  // NULL on exception
    }

    deinit {
        GEOSContext.freeHandle(.wkbReader) { GEOSWKBReader_destroy_r($0, reader) }
    }

    /// The geometry encoded in `bytes`.
    ///
    /// - Throws: ``GeometryError`` (`.geos`, operation `GEOSWKBReader_read_r`) with GEOS's parse
    ///   message, for example "ParseException: Unexpected EOF parsing WKB".
    /// - Note: Wraps `GEOSWKBReader_read_r`.
    public func read(_ bytes: [UInt8]) throws -> Geometry {
        try ThreadResources.current.geos.newGeometry("GEOSWKBReader_read_r") { handle in
            bytes.withUnsafeBufferPointer { GEOSWKBReader_read_r(handle, reader, $0.baseAddress, $0.count) }  // NULL on exception
        }
    }
}

extension Geometry {
    /// The geometry encoded as Well-Known Binary.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) with GEOS's parse message.
    /// - Note: Thread-safe (a reader per call). Wraps `GEOSWKBReader_read_r`.
    public init(wkb: [UInt8]) throws {
        self = try WKBReader().read(wkb)
    }
}
