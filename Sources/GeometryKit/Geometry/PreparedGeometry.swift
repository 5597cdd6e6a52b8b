internal import CGEOS

/// A geometry prepared for many repeated predicates against other geometries (GEOS builds an
/// index of its edges on first use).
///
/// Not `Sendable`: GEOS 3.11's prepared geometries build their indexes lazily and are not safe to
/// query from two threads at once. Prepare one per task (they are cheap next to the queries they
/// speed up). A task may still resume on another thread after an `await`; every call therefore
/// uses the GEOS context of the thread it runs on, never the one the geometry was prepared on.
public final class PreparedGeometry {
    /// The geometry that was prepared; kept alive because GEOS's prepared geometry points into it.
    public let base: Geometry
    private let prepared: OpaquePointer

    /// Prepares `base`.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS cannot prepare it.
    /// - Note: Wraps `GEOSPrepare_r`; the prepared geometry is freed with `GEOSPreparedGeom_destroy_r`.
    public init(_ base: Geometry) throws {
        self.base = base
        let context = ThreadResources.current.geos
        context.clearMessages()
        guard let prepared = GEOSPrepare_r(context.handle, base.handle.pointer) else { throw context.error("GEOSPrepare_r") }  // NULL on exception
        self.prepared = prepared
        LiveHandles.created(.preparedGeometry)
    }

    deinit {
        GEOSPreparedGeom_destroy_r(ThreadResources.current.geos.handle, prepared)
        LiveHandles.freed(.preparedGeometry)
    }

    /// True when no point of `other` lies outside the prepared geometry and their interiors meet
    /// (the same answer as ``Geometry/contains(_:)``).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSPreparedContains_r`.
    public func contains(_ other: Geometry) throws -> Bool {
        try predicate("GEOSPreparedContains_r", other, GEOSPreparedContains_r)
    }

    /// True when `other` lies in the interior, touching no boundary.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSPreparedContainsProperly_r`.
    public func containsProperly(_ other: Geometry) throws -> Bool {
        try predicate("GEOSPreparedContainsProperly_r", other, GEOSPreparedContainsProperly_r)
    }

    /// True when no point of `other` lies outside the prepared geometry (boundary points count).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSPreparedCovers_r`.
    public func covers(_ other: Geometry) throws -> Bool {
        try predicate("GEOSPreparedCovers_r", other, GEOSPreparedCovers_r)
    }

    /// True when the prepared geometry and `other` share at least one point.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSPreparedIntersects_r`.
    public func intersects(_ other: Geometry) throws -> Bool {
        try predicate("GEOSPreparedIntersects_r", other, GEOSPreparedIntersects_r)
    }

    /// True when the prepared geometry lies within `other`.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSPreparedWithin_r`.
    public func within(_ other: Geometry) throws -> Bool {
        try predicate("GEOSPreparedWithin_r", other, GEOSPreparedWithin_r)
    }

    /// The planar distance to `other`, in the units of the coordinates; zero when they intersect.
    ///
    /// - Throws: ``GeometryError``: `.invalidArgument` when either geometry is empty (GEOS would
    ///   answer infinity; ``Geometry/planarDistance(to:)`` refuses empties the same way), `.geos`
    ///   when GEOS raises an exception.
    /// - Note: Wraps `GEOSPreparedDistance_r`.
    public func distance(to other: Geometry) throws -> Double {
        guard !base.isEmpty, !other.isEmpty else {
            throw GeometryError(
                source: .invalidArgument, operation: "GEOSPreparedDistance_r",
                message: "distance to or from an empty geometry is undefined")
        }
        return try ThreadResources.current.geos.double("GEOSPreparedDistance_r") {
            GEOSPreparedDistance_r($0, prepared, other.handle.pointer, $1)  // 0 on exception
        }
    }

    /// True when the planar distance to `other` is at most `distance` (inclusive), in the units
    /// of the coordinates; false when either geometry is empty.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Wraps `GEOSPreparedDistanceWithin_r`.
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws -> Bool {
        try ThreadResources.current.geos.predicate("GEOSPreparedDistanceWithin_r") {
            GEOSPreparedDistanceWithin_r($0, prepared, other.handle.pointer, distance)  // 2 on exception
        }
    }

    private func predicate(
        _ operation: String,
        _ other: Geometry,
        _ function: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> CChar
    ) throws -> Bool {
        try ThreadResources.current.geos.predicate(operation) { function($0, prepared, other.handle.pointer) }  // 2 on exception
    }
}
