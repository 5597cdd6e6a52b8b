import CGEOS

/// Owns one `GEOSGeometry*` (or borrows one that a parent geometry owns) and frees it in `deinit`.
///
/// A borrowed handle (a polygon's ring, a collection's member, as `GEOSGetGeometryN_r` returns
/// them) keeps its parent alive and never frees the pointer itself.
///
/// `@unchecked Sendable`: GeometryKit never mutates a geometry after creating it, and the owning
/// initializer computes every component's envelope at once. GEOS before 3.12 computes envelopes
/// lazily on first use, which is a data race when two threads read a fresh geometry (GEOS trac #855).
final class GeometryHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    private let parent: GeometryHandle?

    init(owning pointer: OpaquePointer, context: GEOSContext) {
        self.pointer = pointer
        self.parent = nil
        Self.primeEnvelopes(pointer, context.handle)
        LiveHandles.created(.geometry)
    }

    init(borrowing pointer: OpaquePointer, from parent: GeometryHandle) {
        self.pointer = pointer
        self.parent = parent
    }

    deinit {
        guard parent == nil else { return }
        GEOSGeom_destroy_r(ThreadResources.current.geos.handle, pointer)
        LiveHandles.freed(.geometry)
    }

    /// Releases ownership to a GEOS function that takes it (a collection constructor): the caller
    /// passes a fresh clone, so this handle keeps its own pointer.
    func cloned(_ context: GEOSContext) throws -> OpaquePointer {
        context.clearMessages()
        guard let copy = GEOSGeom_clone_r(context.handle, pointer) else { throw context.error("GEOSGeom_clone_r") }
        return copy
    }

    private static func primeEnvelopes(_ geometry: OpaquePointer, _ handle: GEOSContextHandle_t) {
        if GEOSisEmpty_r(handle, geometry) == 1 { return }
        var xmin = 0.0
        _ = GEOSGeom_getXMin_r(handle, geometry, &xmin)  // 0 on exception; only the side effect matters
        switch Int(GEOSGeomTypeId_r(handle, geometry)) {
        case Int(GEOS_POLYGON.rawValue):
            if let shell = GEOSGetExteriorRing_r(handle, geometry) { primeEnvelopes(shell, handle) }
            for index in 0..<max(0, GEOSGetNumInteriorRings_r(handle, geometry)) {
                if let ring = GEOSGetInteriorRingN_r(handle, geometry, index) { primeEnvelopes(ring, handle) }
            }
        case Int(GEOS_MULTIPOINT.rawValue), Int(GEOS_MULTILINESTRING.rawValue),
             Int(GEOS_MULTIPOLYGON.rawValue), Int(GEOS_GEOMETRYCOLLECTION.rawValue):
            for index in 0..<max(0, GEOSGetNumGeometries_r(handle, geometry)) {
                if let member = GEOSGetGeometryN_r(handle, geometry, index) { primeEnvelopes(member, handle) }
            }
        default:
            break
        }
    }
}
