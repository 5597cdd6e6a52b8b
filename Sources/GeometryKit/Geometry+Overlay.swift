import CGEOS

/// Set operations (overlay) in the plane: union, intersection, difference. GEOS 3.11 uses its
/// robust OverlayNG; inputs must be valid.
extension Geometry {
    /// The points in either geometry.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception, for example
    ///   "TopologyException: Input geom 0 is invalid: Self-intersection at 5 5" for an invalid
    ///   input (repair it with ``makeValid()`` first).
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSUnion_r`.
    public func union(_ other: Geometry) throws -> Geometry {
        try binary("GEOSUnion_r", other, GEOSUnion_r)
    }

    /// The points shared by both geometries (empty when they are disjoint).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception, for example
    ///   "TopologyException: Input geom 0 is invalid: Self-intersection at 5 5" for an invalid
    ///   input (repair it with ``makeValid()`` first).
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSIntersection_r`.
    public func intersection(_ other: Geometry) throws -> Geometry {
        try binary("GEOSIntersection_r", other, GEOSIntersection_r)
    }

    /// The points of this geometry that are not in `other`.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception, for example
    ///   "TopologyException: Input geom 0 is invalid: Self-intersection at 5 5" for an invalid
    ///   input (repair it with ``makeValid()`` first).
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSDifference_r`.
    public func difference(_ other: Geometry) throws -> Geometry {
        try binary("GEOSDifference_r", other, GEOSDifference_r)
    }

    /// The union of this geometry's members (dissolving a collection or multi-polygon).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception, for example
    ///   "TopologyException: Input geom 0 is invalid: Self-intersection at 5 5" for an invalid
    ///   input (repair it with ``makeValid()`` first).
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSUnaryUnion_r`.
    public func unaryUnion() throws -> Geometry {
        try unary("GEOSUnaryUnion_r", GEOSUnaryUnion_r)
    }

    /// The union of the members of a polygonal coverage (polygons that share edges exactly and do
    /// not overlap, such as admin units). Much faster than ``unaryUnion()``; the result is wrong,
    /// not an error, when the input is not a valid coverage (GEOS 3.11 returns overlapping members
    /// unmerged, an invalid multi-polygon).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSCoverageUnion_r`.
    public func coverageUnion() throws -> Geometry {
        try unary("GEOSCoverageUnion_r", GEOSCoverageUnion_r)
    }

    /// The union of many geometries (a collection of them, dissolved); an empty collection for none.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSGeom_createCollection_r` and `GEOSUnaryUnion_r`.
    public static func unaryUnion(of geometries: [Geometry]) throws -> Geometry {
        try geometryCollection(geometries).unaryUnion()
    }

    private func binary(
        _ operation: String,
        _ other: Geometry,
        _ function: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> OpaquePointer?
    ) throws -> Geometry {
        try ThreadResources.current.geos.newGeometry(operation) {
            function($0, handle.pointer, other.handle.pointer)  // NULL on exception
        }
    }
}
