internal import CGEOS

/// Reads a GeoJSON geometry object (or the geometry of a Feature; a FeatureCollection becomes a
/// geometry collection). Owns a `GEOSGeoJSONReader`.
///
/// Not `Sendable`: use one reader from one task at a time. Each call runs on the GEOS context of
/// the thread it is made on.
package final class GeoJSONGeometryReader {
    private let reader: OpaquePointer

    /// A reader.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS cannot create it.
    /// - Note: Wraps `GEOSGeoJSONReader_create_r`; freed with `GEOSGeoJSONReader_destroy_r`.
    package init() throws {
        let context = ThreadResources.current.geos
        context.clearMessages()
        guard let reader = GEOSGeoJSONReader_create_r(context.handle) else { throw context.error("GEOSGeoJSONReader_create_r") }  // NULL on exception
        self.reader = reader
        LiveHandles.created(.geoJSONReader)
    }

    deinit {
        GEOSGeoJSONReader_destroy_r(ThreadResources.current.geos.handle, reader)
        LiveHandles.freed(.geoJSONReader)
    }

    /// The geometry `json` describes.
    ///
    /// - Throws: ``GeometryError`` (`.geos`, operation `GEOSGeoJSONReader_readGeometry_r`) with
    ///   GEOS's message, for example "ParseException: Unknown geometry type!" or the JSON parser's
    ///   "ParseException: Error parsing JSON: …".
    /// - Note: Wraps `GEOSGeoJSONReader_readGeometry_r`.
    package func read(_ json: String) throws -> Geometry {
        try ThreadResources.current.geos.newGeometry("GEOSGeoJSONReader_readGeometry_r") {
            GEOSGeoJSONReader_readGeometry_r($0, reader, json)  // NULL on exception
        }
    }
}

extension Geometry {
    /// The geometry described by a GeoJSON geometry object (or Feature, or FeatureCollection).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) with GEOS's parse message.
    /// - Note: Thread-safe (a reader per call). Wraps `GEOSGeoJSONReader_readGeometry_r`.
    package init(geoJSON: String) throws {
        self = try GeoJSONGeometryReader().read(geoJSON)
    }
}
