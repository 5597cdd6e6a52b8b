internal import CGEOS

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

    /// The union of polygons that should form a coverage (Voronoi cells of one diagram, admin
    /// units): ``coverageUnion()``, much faster than a general union, checked because GEOS 3.11
    /// checks a coverage only loosely: the result must be valid (members that overlap come back
    /// unmerged, an invalid multi-polygon, whose area still equals the members' sum) and its
    /// planar area must equal the members' sum (a lost part would show). Otherwise, or when GEOS
    /// refuses, ``unaryUnion(of:)``.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when the general union raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSCoverageUnion_r`, `GEOSisValid_r`, `GEOSArea_r` and
    ///   `GEOSUnaryUnion_r`.
    public static func dissolvedCoverage(_ polygons: [Geometry]) throws -> Geometry {
        if let merged = try? geometryCollection(polygons).coverageUnion(), try merged.isValid() {
            let sum = try polygons.reduce(0) { $0 + (try $1.planarArea()) }
            if abs(try merged.planarArea() - sum) <= 1e-9 * sum { return merged }
        }
        return try unaryUnion(of: polygons)
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
