internal import CGEOS

/// Writes a geometry as a GeoJSON geometry object. Owns a `GEOSGeoJSONWriter`.
///
/// Numbers are written in the shortest form that reads back exactly; a linear ring is written as
/// a `LineString` (GeoJSON has no ring type). Not `Sendable`: use one writer from one task at a
/// time. Each call runs on the GEOS context of the thread it is made on.
package final class GeoJSONGeometryWriter {
    private let writer: OpaquePointer

    /// A writer.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS cannot create it.
    /// - Note: Wraps `GEOSGeoJSONWriter_create_r`; freed with `GEOSGeoJSONWriter_destroy_r`.
    package init() throws {
        let context = ThreadResources.current.geos
        context.clearMessages()
        guard let writer = GEOSGeoJSONWriter_create_r(context.handle) else { throw context.error("GEOSGeoJSONWriter_create_r") }  // NULL on exception
        self.writer = writer
        LiveHandles.created(.geoJSONWriter)
    }

    deinit {
        GEOSGeoJSONWriter_destroy_r(ThreadResources.current.geos.handle, writer)
        LiveHandles.freed(.geoJSONWriter)
    }

    /// Compact GeoJSON for `geometry` (an indent of -1: no line breaks), for example
    /// `{"type":"Point","coordinates":[102.6,17.97]}`. Coordinates are written as they are: no
    /// RFC 7946 winding order or rounding is applied here.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSGeoJSONWriter_writeGeometry_r` (the text is freed with `GEOSFree_r`).
    package func write(_ geometry: Geometry) throws -> String {
        try ThreadResources.current.geos.string("GEOSGeoJSONWriter_writeGeometry_r") {
            GEOSGeoJSONWriter_writeGeometry_r($0, writer, geometry.handle.pointer, -1)  // NULL on exception
        }
    }
}

extension Geometry {
    /// The geometry as a compact GeoJSON geometry object.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe (a writer per call). Wraps `GEOSGeoJSONWriter_writeGeometry_r`.
    package func geoJSON() throws -> String {
        try GeoJSONGeometryWriter().write(self)
    }
}
