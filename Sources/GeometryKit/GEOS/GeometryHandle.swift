internal import CGEOS
import Synchronization

/// Owns one `GEOSGeometry*` (or borrows one that a parent geometry owns) and frees it in `deinit`.
///
/// A borrowed handle (a polygon's ring, a collection's member, as `GEOSGetGeometryN_r` returns
/// them) keeps its parent alive and never frees the pointer itself.
///
/// `@unchecked Sendable`: GeometryKit never mutates a geometry after creating it, and the owning
/// initializer computes every component's envelope at once (``primeEnvelopes(_:_:)``). GEOS before
/// 3.12 computes envelopes lazily on first use, which is a data race when two threads read a fresh
/// geometry. The deinitializer may run on any thread: `GEOSGeom_destroy_r` only uses the context to
/// report errors, and every GEOS 3.11 context shares the one default geometry factory.
final class GeometryHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    private let parent: GeometryHandle?
    /// The last result of `Geometry.simplifiedPreservingTopology(tolerance:)` and its tolerance,
    /// kept as long as this handle (the one mutable part of a handle, behind its lock).
    let lastSimplification = Mutex<(tolerance: Double, result: Geometry)?>(nil)

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

    /// Makes GEOS compute and cache the envelope of `geometry` and of every component below it, so
    /// that no later read (from any thread) writes the cache.
    ///
    /// GEOS 3.11 keeps each geometry's envelope in a `mutable std::unique_ptr<Envelope>` filled on
    /// first use (`Geometry::getEnvelopeInternal`); two threads reading a fresh geometry would both
    /// allocate and assign it. Predicates, distances and STRtree inserts all read the envelope, of
    /// empty geometries too, so empty ones are primed as well (`GEOSGeom_getXMin_r` returns early for
    /// them without touching the envelope; `GEOSEnvelope_r` does not). The race happens inside
    /// uninstrumented GEOS code, where the thread sanitizer cannot see it: this is the fix, not a
    /// workaround for a report.
    private static func primeEnvelopes(_ geometry: OpaquePointer, _ handle: GEOSContextHandle_t) {
        if GEOSisEmpty_r(handle, geometry) == 1 {  // 2 on exception
            // Computes (and caches) the empty envelope of this geometry and its components.
            if let box = GEOSEnvelope_r(handle, geometry) { GEOSGeom_destroy_r(handle, box) }  // NULL on exception
            return
        }
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
