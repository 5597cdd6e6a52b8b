internal import CGEOS

/// What a geometry is made of. Every property here runs on the calling thread's GEOS context and
/// is safe to call from any thread; none throws (GEOS cannot fail on a geometry GeometryKit made).
extension Geometry {
    /// The geometry's type.
    ///
    /// - Note: Wraps `GEOSGeomTypeId_r`.
    public var kind: GeometryKind {
        let context = ThreadResources.current.geos
        // -1 on exception, which cannot happen for a geometry GeometryKit created.
        guard let kind = GeometryKind(geosTypeId: GEOSGeomTypeId_r(context.handle, handle.pointer)) else {
            preconditionFailure("GEOS returned an unknown geometry type id")
        }
        return kind
    }

    /// True for a geometry with no points (`POINT EMPTY`, a collection of empty members, …).
    ///
    /// - Note: Wraps `GEOSisEmpty_r`.
    public var isEmpty: Bool {
        (try? ThreadResources.current.geos.predicate("GEOSisEmpty_r") { GEOSisEmpty_r($0, handle.pointer) }) ?? false
    }

    /// The bounding box in the units of the coordinates, or nil for an empty geometry.
    ///
    /// - Note: Wraps `GEOSGeom_getExtent_r`.
    public var envelope: Envelope? {
        guard !isEmpty else { return nil }
        let context = ThreadResources.current.geos
        var box = Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
        let status = GEOSGeom_getExtent_r(context.handle, handle.pointer, &box.minX, &box.minY, &box.maxX, &box.maxY)
        return status == 0 ? nil : box  // 0 on exception
    }

    /// The coordinates of a point, line string or linear ring, in order (x and y only); empty for
    /// other kinds (use ``allCoordinates``, or ``components``, ``exteriorRing`` and
    /// ``interiorRings`` to reach theirs) and for empty geometries.
    ///
    /// - Note: Wraps `GEOSGeom_getCoordSeq_r`, `GEOSCoordSeq_getSize_r` and `GEOSCoordSeq_copyToBuffer_r`.
    public var coordinates: [Coordinate] {
        let context = ThreadResources.current.geos
        guard [.point, .lineString, .linearRing].contains(kind), !isEmpty,
            let sequence = GEOSGeom_getCoordSeq_r(context.handle, handle.pointer)  // borrowed; NULL on exception
        else { return [] }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(context.handle, sequence, &size) != 0 else { return [] }  // 0 on exception
        var flat = [Double](repeating: 0, count: Int(size) * 2)
        let status = flat.withUnsafeMutableBufferPointer {
            GEOSCoordSeq_copyToBuffer_r(context.handle, sequence, $0.baseAddress, 0, 0)  // 0 on exception
        }
        guard status != 0 else { return [] }
        return (0..<Int(size)).map { Coordinate(x: flat[2 * $0], y: flat[2 * $0 + 1]) }
    }

    /// Every coordinate of the geometry, depth first (members in order; a polygon's exterior ring
    /// first, then its holes; closing coordinates included).
    ///
    /// - Note: Built from ``coordinates``, ``components`` and the rings.
    public var allCoordinates: [Coordinate] {
        switch kind {
        case .point, .lineString, .linearRing: coordinates
        case .polygon: ([exteriorRing].compactMap { $0 } + interiorRings).flatMap(\.coordinates)
        default: components.flatMap(\.allCoordinates)
        }
    }

    /// The number of coordinates in the whole geometry (closing coordinates included).
    ///
    /// - Note: Wraps `GEOSGetNumCoordinates_r`.
    public var coordinateCount: Int {
        Int(max(0, GEOSGetNumCoordinates_r(ThreadResources.current.geos.handle, handle.pointer)))  // -1 on exception
    }

    /// The members of a multi-geometry or collection, in order; empty for other kinds.
    ///
    /// Borrowed, not copied: each member points into this geometry and keeps it alive, so members
    /// may outlive the variable that held the collection.
    ///
    /// - Note: Wraps `GEOSGetNumGeometries_r` and `GEOSGetGeometryN_r`.
    public var components: [Geometry] {
        guard [.multiPoint, .multiLineString, .multiPolygon, .geometryCollection].contains(kind) else { return [] }
        let context = ThreadResources.current.geos
        let count = GEOSGetNumGeometries_r(context.handle, handle.pointer)  // -1 on exception
        return (0..<max(0, count)).compactMap { index in
            GEOSGetGeometryN_r(context.handle, handle.pointer, index).map {
                Geometry(GeometryHandle(borrowing: $0, from: handle))
            }
        }
    }

    /// A polygon's exterior ring, or nil for other kinds and the empty polygon.
    ///
    /// Borrowed: the ring keeps its polygon alive.
    ///
    /// - Note: Wraps `GEOSGetExteriorRing_r`.
    public var exteriorRing: Geometry? {
        guard kind == .polygon, !isEmpty else { return nil }
        return GEOSGetExteriorRing_r(ThreadResources.current.geos.handle, handle.pointer).map {  // NULL on exception
            Geometry(GeometryHandle(borrowing: $0, from: handle))
        }
    }

    /// A polygon's holes, in order; empty for other kinds.
    ///
    /// Borrowed: each ring keeps its polygon alive.
    ///
    /// - Note: Wraps `GEOSGetNumInteriorRings_r` and `GEOSGetInteriorRingN_r`.
    public var interiorRings: [Geometry] {
        guard kind == .polygon, !isEmpty else { return [] }
        let context = ThreadResources.current.geos
        let count = GEOSGetNumInteriorRings_r(context.handle, handle.pointer)  // -1 on exception
        return (0..<max(0, count)).compactMap { index in
            GEOSGetInteriorRingN_r(context.handle, handle.pointer, index).map {
                Geometry(GeometryHandle(borrowing: $0, from: handle))
            }
        }
    }

    /// The polygons of a polygon, multi-polygon or collection (the polygon itself, or its members,
    /// searched depth first); empty for other kinds. Borrowed, like ``components``.
    public var polygons: [Geometry] {
        switch kind {
        case .polygon: [self]
        case .multiPolygon, .geometryCollection: components.flatMap(\.polygons)
        default: []
        }
    }

    /// True when the two geometries have the same structure and the same coordinates in the same
    /// order, each to within `tolerance` (compare ``topologicallyEquals(_:)``).
    ///
    /// - Parameter tolerance: the largest difference allowed per coordinate, in units of the coordinates.
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSEqualsExact_r`.
    public func isExactlyEqual(to other: Geometry, tolerance: Double = 0) throws -> Bool {
        try ThreadResources.current.geos.predicate("GEOSEqualsExact_r") {
            GEOSEqualsExact_r($0, handle.pointer, other.handle.pointer, tolerance)  // 2 on exception
        }
    }
}
