internal import CGEOS

/// Spatial predicates in the plane of the geometry's coordinates (DE-9IM, as GEOS computes them).
/// Each throws ``GeometryError`` when GEOS raises an exception (the predicate returned 2). An empty
/// geometry intersects, contains and covers nothing and lies within nothing. Invalid geometries
/// (``validity()``) are evaluated as they are: the answers may be wrong, and some inputs (an
/// overlapping multi-polygon) make GEOS raise "TopologyException: side location conflict", thrown
/// as a ``GeometryError``. Repair inputs with ``makeValid()`` first.
extension Geometry {
    /// True when the geometries share at least one point (the opposite of ``disjoint(_:)``).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception (the predicate returned 2).
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSIntersects_r`.
    public func intersects(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSIntersects_r", other, GEOSIntersects_r)
    }

    /// True when no point of `other` lies outside this geometry and their interiors meet: a point
    /// on a polygon's boundary is covered (``covers(_:)``) but not contained.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception (the predicate returned 2).
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSContains_r`.
    public func contains(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSContains_r", other, GEOSContains_r)
    }

    /// True when this geometry lies within `other`: the same as `other.contains(self)`.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception (the predicate returned 2).
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSWithin_r`.
    public func within(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSWithin_r", other, GEOSWithin_r)
    }

    /// True when no point of `other` lies outside this geometry (boundary points count).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception (the predicate returned 2).
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSCovers_r`.
    public func covers(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSCovers_r", other, GEOSCovers_r)
    }

    /// True when no point of this geometry lies outside `other`: the same as `other.covers(self)`.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception (the predicate returned 2).
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSCoveredBy_r`.
    public func coveredBy(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSCoveredBy_r", other, GEOSCoveredBy_r)
    }

    /// True when the geometries share no point (always true when either is empty).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception (the predicate returned 2).
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSDisjoint_r`.
    public func disjoint(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSDisjoint_r", other, GEOSDisjoint_r)
    }

    /// True when the geometries are topologically equal: the same point set, whatever the vertex
    /// order or starting point (compare ``isExactlyEqual(to:tolerance:)``).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception (for example a
    ///   TopologyException on an invalid input).
    /// - Note: Thread-safe. Wraps `GEOSEquals_r`.
    public func topologicallyEquals(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSEquals_r", other, GEOSEquals_r)
    }

    /// True when the planar distance to `other` is at most `distance` (inclusive); false when
    /// either geometry is empty. Agrees with ``planarDistance(to:)`` for valid geometries (the
    /// property tests check it); for invalid ones (a hole outside its shell) the two may differ.
    ///
    /// - Parameter distance: in the units of the coordinates (degrees for lon/lat data).
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception (the predicate returned 2).
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSDistanceWithin_r`.
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws -> Bool {
        try ThreadResources.current.geos.predicate("GEOSDistanceWithin_r") {
            GEOSDistanceWithin_r($0, handle.pointer, other.handle.pointer, distance)  // 2 on exception
        }
    }

    private func binaryPredicate(
        _ operation: String,
        _ other: Geometry,
        _ function: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> CChar
    ) throws -> Bool {
        try ThreadResources.current.geos.predicate(operation) {
            function($0, handle.pointer, other.handle.pointer)  // 2 on exception
        }
    }
}
