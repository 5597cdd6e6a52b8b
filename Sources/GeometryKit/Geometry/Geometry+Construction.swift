internal import CGEOS

/// Geometries derived from one geometry: centroid, interior point, envelope, buffer,
/// simplification and Voronoi diagram. All planar, in the geometry's own units (degrees for
/// lon/lat data: project to UTM first when distances must be metres). Each runs on the calling
/// thread's GEOS context and is safe to call from any thread.
extension Geometry {
    /// The centre of mass: of the areas for polygonal geometries, else of the lines, else of the
    /// points. It may lie outside the geometry (a U-shaped polygon); see ``pointOnSurface()``.
    ///
    /// - Returns: a point; an empty point for an empty geometry.
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSGetCentroid_r`.
    public func centroid() throws -> Geometry {
        try unary("GEOSGetCentroid_r", GEOSGetCentroid_r)
    }

    /// A point guaranteed to lie on the geometry (in the interior of a polygon, unlike the centroid).
    ///
    /// - Returns: a point; an empty point for an empty geometry.
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSPointOnSurface_r`.
    public func pointOnSurface() throws -> Geometry {
        try unary("GEOSPointOnSurface_r", GEOSPointOnSurface_r)
    }

    /// The bounding box as a geometry: a polygon (degenerate, of zero area, when the box has no
    /// width or no height), a point when the box is a single point, an empty point when empty.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSEnvelope_r`.
    public func envelopeGeometry() throws -> Geometry {
        try unary("GEOSEnvelope_r", GEOSEnvelope_r)
    }

    /// The area within `distance` of the geometry.
    ///
    /// - Parameters:
    ///   - distance: in the units of the coordinates; negative distances shrink polygons (to
    ///     nothing, an empty polygon, when they are narrower than twice the distance).
    ///   - quadrantSegments: segments per quarter circle in the rounded parts (8: a circle is a 32-gon).
    /// - Returns: a polygon or multi-polygon; an empty polygon for an empty geometry.
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSBuffer_r`.
    public func buffer(distance: Double, quadrantSegments: Int = 8) throws -> Geometry {
        try ThreadResources.current.geos.newGeometry("GEOSBuffer_r") {
            GEOSBuffer_r($0, handle.pointer, distance, Int32(clamping: quadrantSegments))  // NULL on exception
        }
    }

    /// A simplified copy (Douglas–Peucker-like, vertices within `tolerance` of the simplified line
    /// dropped) that keeps the number of rings and components and keeps rings from crossing.
    ///
    /// GEOS 3.11 can still move a hole out of its shell (when the hole sits in a part of the shell
    /// that the simplification cuts off). GeometryKit checks polygonal results: when the input was
    /// valid and the result is not, it halves the tolerance until the result is valid, and after
    /// ten halvings returns the input unchanged. A valid polygonal input thus always gives a valid result.
    ///
    /// The geometry keeps its last result: asked again at the same tolerance (the maps of one region,
    /// one per care, draw the same boundaries at the same scale), it returns it without recomputing.
    ///
    /// - Parameter tolerance: the largest distance a vertex may move, in the units of the coordinates.
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSTopologyPreserveSimplify_r` (and `GEOSisValid_r` for the check).
    public func simplifiedPreservingTopology(tolerance: Double) throws -> Geometry {
        // Computed under the geometry's lock: a thread asking for the same simplification at the
        // same time waits for this one rather than repeating it.
        try handle.lastSimplification.withLock { last in
            if let last, last.tolerance == tolerance { return last.result }
            let result = try simplifiedValid(tolerance)
            // The input itself is not kept: its handle would then hold itself and never be freed.
            if result.handle !== handle { last = (tolerance, result) }
            return result
        }
    }

    /// ``simplifiedPreservingTopology(tolerance:)`` computed.
    private func simplifiedValid(_ tolerance: Double) throws -> Geometry {
        let simplified = try simplifiedOnce(tolerance)
        guard kind.isPolygonal || kind == .geometryCollection, try !simplified.isValid(), try isValid() else { return simplified }
        var reduced = tolerance
        for _ in 0..<10 {
            reduced /= 2
            let candidate = try simplifiedOnce(reduced)
            if try candidate.isValid() { return candidate }
        }
        return self
    }

    private func simplifiedOnce(_ tolerance: Double) throws -> Geometry {
        try ThreadResources.current.geos.newGeometry("GEOSTopologyPreserveSimplify_r") {
            GEOSTopologyPreserveSimplify_r($0, handle.pointer, tolerance)  // NULL on exception
        }
    }

    /// The Voronoi diagram of this geometry's vertices.
    ///
    /// - Parameters:
    ///   - clip: when given, the diagram covers at least this geometry's envelope (GEOS extends the
    ///     frame around the sites to include it; it does not cut the cells to it).
    ///   - tolerance: sites closer than this (in the units of the coordinates) are merged.
    ///   - onlyEdges: return the cell edges instead of the cells.
    /// - Returns: a geometry collection of polygons, one per distinct site; with `onlyEdges`, a
    ///   multi-line-string (a line string when there is a single edge). Empty for fewer than two sites.
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSVoronoiDiagram_r`.
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
