import CGEOS

/// Reads Well-Known Text. Owns a `GEOSWKTReader`; use it on one thread (not `Sendable`).
public final class WKTReader {
    private let context: GEOSContext
    private let reader: OpaquePointer

    /// Wraps `GEOSWKTReader_create_r`.
    public init() throws {
        context = ThreadResources.current.geos
        context.clearMessages()
        guard let reader = GEOSWKTReader_create_r(context.handle) else { throw context.error("GEOSWKTReader_create_r") }  // NULL on exception
        self.reader = reader
        LiveHandles.created(.wktReader)
    }

    deinit {
        GEOSWKTReader_destroy_r(context.handle, reader)
        LiveHandles.freed(.wktReader)
    }

    /// The geometry `wkt` describes. Throws with GEOS's parse message. Wraps `GEOSWKTReader_read_r`.
    public func read(_ wkt: String) throws -> Geometry {
        try context.newGeometry("GEOSWKTReader_read_r") { GEOSWKTReader_read_r($0, reader, wkt) }  // NULL on exception
    }
}

extension Geometry {
    /// The geometry described by Well-Known Text, for example `POINT (102.6 17.97)`.
    public init(wkt: String) throws {
        self = try WKTReader().read(wkt)
    }
}
