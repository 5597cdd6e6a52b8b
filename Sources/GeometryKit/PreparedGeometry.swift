import CGEOS

/// A geometry prepared for many repeated predicates against other geometries (GEOS builds an
/// index of its edges on first use).
///
/// Not `Sendable`: GEOS 3.11's prepared geometries build their indexes lazily and are not safe to
/// query from two threads. Prepare one per thread (they are cheap next to the queries they speed up).
public final class PreparedGeometry {
    /// The geometry that was prepared; kept alive because GEOS's prepared geometry points into it.
    public let base: Geometry
    private let context: GEOSContext
    private let prepared: OpaquePointer

    /// Wraps `GEOSPrepare_r`.
    public init(_ base: Geometry) throws {
        self.base = base
        context = ThreadResources.current.geos
        context.clearMessages()
        guard let prepared = GEOSPrepare_r(context.handle, base.handle.pointer) else { throw context.error("GEOSPrepare_r") }  // NULL on exception
        self.prepared = prepared
        LiveHandles.created(.preparedGeometry)
    }

    deinit {
        GEOSPreparedGeom_destroy_r(context.handle, prepared)
        LiveHandles.freed(.preparedGeometry)
    }

    /// Wraps `GEOSPreparedContains_r`.
    public func contains(_ other: Geometry) throws -> Bool {
        try predicate("GEOSPreparedContains_r", other, GEOSPreparedContains_r)
    }

    /// True when `other` lies in the interior, touching no boundary. Wraps `GEOSPreparedContainsProperly_r`.
    public func containsProperly(_ other: Geometry) throws -> Bool {
        try predicate("GEOSPreparedContainsProperly_r", other, GEOSPreparedContainsProperly_r)
    }

    /// Wraps `GEOSPreparedCovers_r`.
    public func covers(_ other: Geometry) throws -> Bool {
        try predicate("GEOSPreparedCovers_r", other, GEOSPreparedCovers_r)
    }

    /// Wraps `GEOSPreparedIntersects_r`.
    public func intersects(_ other: Geometry) throws -> Bool {
        try predicate("GEOSPreparedIntersects_r", other, GEOSPreparedIntersects_r)
    }

    /// Wraps `GEOSPreparedWithin_r`.
    public func within(_ other: Geometry) throws -> Bool {
        try predicate("GEOSPreparedWithin_r", other, GEOSPreparedWithin_r)
    }

    /// The planar distance to `other`, in CRS units. Wraps `GEOSPreparedDistance_r`.
    public func distance(to other: Geometry) throws -> Double {
        try context.double("GEOSPreparedDistance_r") { GEOSPreparedDistance_r($0, prepared, other.handle.pointer, $1) }  // 0 on exception
    }

    /// True when the planar distance to `other` is at most `distance`. Wraps `GEOSPreparedDistanceWithin_r`.
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws -> Bool {
        try context.predicate("GEOSPreparedDistanceWithin_r") {
            GEOSPreparedDistanceWithin_r($0, prepared, other.handle.pointer, distance)  // 2 on exception
        }
    }

    private func predicate(
        _ operation: String,
        _ other: Geometry,
        _ function: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> CChar
    ) throws -> Bool {
        try context.predicate(operation) { function($0, prepared, other.handle.pointer) }  // 2 on exception
    }
}
