import CGEOS

/// Reads a GeoJSON geometry object (or the geometry of a Feature; a FeatureCollection becomes a
/// collection). Owns a `GEOSGeoJSONReader`; use it on one thread.
public final class GeoJSONGeometryReader {
    private let context: GEOSContext
    private let reader: OpaquePointer

    /// Wraps `GEOSGeoJSONReader_create_r`.
    public init() throws {
        context = ThreadResources.current.geos
        context.clearMessages()
        guard let reader = GEOSGeoJSONReader_create_r(context.handle) else { throw context.error("GEOSGeoJSONReader_create_r") }  // NULL on exception
        self.reader = reader
        LiveHandles.created(.geoJSONReader)
    }

    deinit {
        GEOSGeoJSONReader_destroy_r(context.handle, reader)
        LiveHandles.freed(.geoJSONReader)
    }

    /// The geometry `json` describes. Wraps `GEOSGeoJSONReader_readGeometry_r`.
    public func read(_ json: String) throws -> Geometry {
        try context.newGeometry("GEOSGeoJSONReader_readGeometry_r") { GEOSGeoJSONReader_readGeometry_r($0, reader, json) }  // NULL on exception
    }
}

extension Geometry {
    /// The geometry described by a GeoJSON geometry object.
    public init(geoJSON: String) throws {
        self = try GeoJSONGeometryReader().read(geoJSON)
    }
}
