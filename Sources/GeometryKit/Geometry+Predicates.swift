import CGEOS

/// Spatial predicates in the plane of the geometry's coordinates (DE-9IM, as GEOS computes them).
/// Each throws ``GeometryError`` when GEOS raises an exception (the predicate returned 2).
extension Geometry {
    /// True when the geometries share at least one point. Wraps `GEOSIntersects_r`.
    public func intersects(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSIntersects_r", other, GEOSIntersects_r)
    }

    /// True when no point of `other` lies outside this geometry and their interiors meet.
    /// Wraps `GEOSContains_r`.
    public func contains(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSContains_r", other, GEOSContains_r)
    }

    /// True when this geometry lies within `other` (`other.contains(self)`). Wraps `GEOSWithin_r`.
    public func within(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSWithin_r", other, GEOSWithin_r)
    }

    /// True when no point of `other` lies outside this geometry (boundary points count).
    /// Wraps `GEOSCovers_r`.
    public func covers(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSCovers_r", other, GEOSCovers_r)
    }

    /// True when no point of this geometry lies outside `other`. Wraps `GEOSCoveredBy_r`.
    public func coveredBy(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSCoveredBy_r", other, GEOSCoveredBy_r)
    }

    /// True when the geometries share no point. Wraps `GEOSDisjoint_r`.
    public func disjoint(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSDisjoint_r", other, GEOSDisjoint_r)
    }

    /// True when the geometries are topologically equal (same point set). Wraps `GEOSEquals_r`.
    public func topologicallyEquals(_ other: Geometry) throws -> Bool {
        try binaryPredicate("GEOSEquals_r", other, GEOSEquals_r)
    }

    /// True when the planar distance to `other` is at most `distance` (inclusive), in CRS units.
    /// Wraps `GEOSDistanceWithin_r`.
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
