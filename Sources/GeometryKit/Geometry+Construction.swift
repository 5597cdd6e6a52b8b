import CGEOS

/// Geometries derived from one geometry: centroid, interior point, envelope, buffer,
/// simplification and Voronoi diagram. All planar, in the geometry's own units.
extension Geometry {
    /// The centre of mass (an empty point for an empty geometry). Wraps `GEOSGetCentroid_r`.
    public func centroid() throws -> Geometry {
        try unary("GEOSGetCentroid_r", GEOSGetCentroid_r)
    }

    /// A point guaranteed to lie on the geometry (inside a polygon, unlike the centroid).
    /// Wraps `GEOSPointOnSurface_r`.
    public func pointOnSurface() throws -> Geometry {
        try unary("GEOSPointOnSurface_r", GEOSPointOnSurface_r)
    }

    /// The bounding box as a geometry (a polygon, or a point or empty geometry when degenerate).
    /// Wraps `GEOSEnvelope_r`.
    public func envelopeGeometry() throws -> Geometry {
        try unary("GEOSEnvelope_r", GEOSEnvelope_r)
    }

    /// The area within `distance` of the geometry (negative distances shrink polygons), with
    /// `quadrantSegments` segments per quarter circle. Wraps `GEOSBuffer_r`.
    public func buffer(distance: Double, quadrantSegments: Int = 8) throws -> Geometry {
        try ThreadResources.current.geos.newGeometry("GEOSBuffer_r") {
            GEOSBuffer_r($0, handle.pointer, distance, Int32(quadrantSegments))  // NULL on exception
        }
    }

    /// A simplified copy (Douglas–Peucker with `tolerance`) that keeps polygons valid and rings
    /// from crossing. Wraps `GEOSTopologyPreserveSimplify_r`.
    public func simplifiedPreservingTopology(tolerance: Double) throws -> Geometry {
        try ThreadResources.current.geos.newGeometry("GEOSTopologyPreserveSimplify_r") {
            GEOSTopologyPreserveSimplify_r($0, handle.pointer, tolerance)  // NULL on exception
        }
    }

    /// The Voronoi diagram of this geometry's vertices: a collection of polygons (or of edges when
    /// `onlyEdges`), clipped to `clip`'s envelope when given (else to a frame around the sites),
    /// with sites closer than `tolerance` merged. Wraps `GEOSVoronoiDiagram_r`.
    public func voronoiDiagram(clip: Geometry? = nil, tolerance: Double = 0, onlyEdges: Bool = false) throws -> Geometry {
        try ThreadResources.current.geos.newGeometry("GEOSVoronoiDiagram_r") {
            GEOSVoronoiDiagram_r($0, handle.pointer, clip?.handle.pointer, tolerance, onlyEdges ? 1 : 0)  // NULL on exception
        }
    }

    func unary(
        _ operation: String,
        _ function: (GEOSContextHandle_t?, OpaquePointer?) -> OpaquePointer?
    ) throws -> Geometry {
        try ThreadResources.current.geos.newGeometry(operation) { function($0, handle.pointer) }  // NULL on exception
    }
}
