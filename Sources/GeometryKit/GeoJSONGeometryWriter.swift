import CGEOS

/// Writes a geometry as a GeoJSON geometry object. Owns a `GEOSGeoJSONWriter`; use it on one thread.
public final class GeoJSONGeometryWriter {
    private let context: GEOSContext
    private let writer: OpaquePointer

    /// Wraps `GEOSGeoJSONWriter_create_r`.
    public init() throws {
        context = ThreadResources.current.geos
        context.clearMessages()
        guard let writer = GEOSGeoJSONWriter_create_r(context.handle) else { throw context.error("GEOSGeoJSONWriter_create_r") }  // NULL on exception
        self.writer = writer
        LiveHandles.created(.geoJSONWriter)
    }

    deinit {
        GEOSGeoJSONWriter_destroy_r(context.handle, writer)
        LiveHandles.freed(.geoJSONWriter)
    }

    /// Compact GeoJSON for `geometry` (an indent of -1: no line breaks).
    /// Wraps `GEOSGeoJSONWriter_writeGeometry_r`.
    public func write(_ geometry: Geometry) throws -> String {
        try context.string("GEOSGeoJSONWriter_writeGeometry_r") {
            GEOSGeoJSONWriter_writeGeometry_r($0, writer, geometry.handle.pointer, -1)  // NULL on exception
        }
    }
}

extension Geometry {
    /// The geometry as a compact GeoJSON geometry object.
    public func geoJSON() throws -> String {
        try GeoJSONGeometryWriter().write(self)
    }
}
