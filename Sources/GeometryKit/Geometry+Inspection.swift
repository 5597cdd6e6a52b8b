import CGEOS

extension Geometry {
    /// The geometry's type. Wraps `GEOSGeomTypeId_r`.
    public var kind: GeometryKind {
        let context = ThreadResources.current.geos
        // -1 on exception, which cannot happen for a geometry GeometryKit created.
        guard let kind = GeometryKind(geosTypeId: GEOSGeomTypeId_r(context.handle, handle.pointer)) else {
            preconditionFailure("GEOS returned an unknown geometry type id")
        }
        return kind
    }

    /// True for a geometry with no points. Wraps `GEOSisEmpty_r`.
    public var isEmpty: Bool {
        (try? ThreadResources.current.geos.predicate("GEOSisEmpty_r") { GEOSisEmpty_r($0, handle.pointer) }) ?? false
    }

    /// The bounding box, or nil for an empty geometry. Wraps `GEOSGeom_getExtent_r`.
    public var envelope: Envelope? {
        guard !isEmpty else { return nil }
        let context = ThreadResources.current.geos
        var box = Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
        let status = GEOSGeom_getExtent_r(context.handle, handle.pointer, &box.minX, &box.minY, &box.maxX, &box.maxY)
        return status == 0 ? nil : box  // 0 on exception
    }

    /// The coordinates of a point, line string or linear ring, in order; empty for other kinds
    /// (use ``components``, ``exteriorRing`` and ``interiorRings`` to reach theirs).
    /// Wraps `GEOSGeom_getCoordSeq_r` and `GEOSCoordSeq_copyToBuffer_r`.
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

    /// Every coordinate of the geometry, depth first (rings in order, exterior first).
    public var allCoordinates: [Coordinate] {
        switch kind {
        case .point, .lineString, .linearRing: coordinates
        case .polygon: ([exteriorRing].compactMap { $0 } + interiorRings).flatMap(\.coordinates)
        default: components.flatMap(\.allCoordinates)
        }
    }

    /// The number of coordinates in the whole geometry. Wraps `GEOSGetNumCoordinates_r`.
    public var coordinateCount: Int {
        Int(max(0, GEOSGetNumCoordinates_r(ThreadResources.current.geos.handle, handle.pointer)))  // -1 on exception
    }

    /// The members of a multi-geometry or collection (borrowed: each keeps this geometry alive);
    /// empty for other kinds. Wraps `GEOSGetNumGeometries_r` and `GEOSGetGeometryN_r`.
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

    /// A polygon's exterior ring (borrowed), or nil for other kinds and the empty polygon.
    /// Wraps `GEOSGetExteriorRing_r`.
    public var exteriorRing: Geometry? {
        guard kind == .polygon, !isEmpty else { return nil }
        return GEOSGetExteriorRing_r(ThreadResources.current.geos.handle, handle.pointer).map {  // NULL on exception
            Geometry(GeometryHandle(borrowing: $0, from: handle))
        }
    }

    /// A polygon's holes (borrowed); empty for other kinds. Wraps `GEOSGetInteriorRingN_r`.
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

    /// The polygons of a polygon or multi-polygon (the polygon itself, or its members).
    public var polygons: [Geometry] {
        switch kind {
        case .polygon: [self]
        case .multiPolygon, .geometryCollection: components.flatMap(\.polygons)
        default: []
        }
    }

    /// True when the two geometries have the same structure and coordinates to within `tolerance`.
    /// Wraps `GEOSEqualsExact_r`.
    public func isExactlyEqual(to other: Geometry, tolerance: Double = 0) throws -> Bool {
        try ThreadResources.current.geos.predicate("GEOSEqualsExact_r") {
            GEOSEqualsExact_r($0, handle.pointer, other.handle.pointer, tolerance)  // 2 on exception
        }
    }
}
