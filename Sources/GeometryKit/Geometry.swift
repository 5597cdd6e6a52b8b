import CGEOS

/// An immutable GEOS geometry: a point, line string, linear ring, polygon, multi-geometry or
/// collection, possibly empty.
///
/// A value type over an owning handle: copies share the same GEOS geometry, which is never
/// modified. `Sendable`: a geometry may be read from several threads at once (its envelopes are
/// computed when it is created). Operations run on the calling thread's GEOS context and throw
/// ``GeometryError`` with the GEOS function's name and message when GEOS raises an exception.
public struct Geometry: Sendable {
    let handle: GeometryHandle

    init(_ handle: GeometryHandle) {
        self.handle = handle
    }

    /// A point. Wraps `GEOSGeom_createPointFromXY_r`.
    public static func point(_ coordinate: Coordinate) throws -> Geometry {
        let context = ThreadResources.current.geos
        return try context.newGeometry("GEOSGeom_createPointFromXY_r") {
            GEOSGeom_createPointFromXY_r($0, coordinate.x, coordinate.y)  // NULL on exception
        }
    }

    /// A point at `x`, `y` (longitude, latitude for geographic data).
    public static func point(x: Double, y: Double) throws -> Geometry {
        try point(Coordinate(x: x, y: y))
    }

    /// A line string through `coordinates` (none for an empty one, else at least two).
    /// Wraps `GEOSGeom_createLineString_r`.
    public static func lineString(_ coordinates: [Coordinate]) throws -> Geometry {
        let context = ThreadResources.current.geos
        let sequence = try makeSequence(coordinates, context)
        return try context.newGeometry("GEOSGeom_createLineString_r") {
            GEOSGeom_createLineString_r($0, sequence)  // takes the sequence; NULL on exception
        }
    }

    /// A closed linear ring (first coordinate repeated last, at least four coordinates, or none).
    /// Wraps `GEOSGeom_createLinearRing_r`.
    public static func linearRing(_ coordinates: [Coordinate]) throws -> Geometry {
        let context = ThreadResources.current.geos
        let sequence = try makeSequence(coordinates, context)
        return try context.newGeometry("GEOSGeom_createLinearRing_r") {
            GEOSGeom_createLinearRing_r($0, sequence)  // takes the sequence; NULL on exception
        }
    }

    /// A polygon from its exterior ring and holes, each a closed coordinate list.
    /// Wraps `GEOSGeom_createPolygon_r`.
    public static func polygon(exterior: [Coordinate], holes: [[Coordinate]] = []) throws -> Geometry {
        let context = ThreadResources.current.geos
        let shell = try makeRing(exterior, context)
        var rings: [OpaquePointer?] = []
        do {
            for hole in holes { rings.append(try makeRing(hole, context)) }
        } catch {
            for ring in rings { GEOSGeom_destroy_r(context.handle, ring) }
            GEOSGeom_destroy_r(context.handle, shell)
            throw error
        }
        return try context.newGeometry("GEOSGeom_createPolygon_r") { handle in
            rings.withUnsafeMutableBufferPointer {
                GEOSGeom_createPolygon_r(handle, shell, $0.baseAddress, UInt32($0.count))  // takes the rings; NULL on exception
            }
        }
    }

    /// A multi-point with one point per coordinate.
    public static func multiPoint(_ coordinates: [Coordinate]) throws -> Geometry {
        try collection(of: .multiPoint, coordinates.map { try point($0) })
    }

    /// A multi-line-string from line strings.
    public static func multiLineString(_ lineStrings: [Geometry]) throws -> Geometry {
        try collection(of: .multiLineString, lineStrings)
    }

    /// A multi-polygon from polygons.
    public static func multiPolygon(_ polygons: [Geometry]) throws -> Geometry {
        try collection(of: .multiPolygon, polygons)
    }

    /// A geometry collection holding any geometries.
    public static func geometryCollection(_ members: [Geometry]) throws -> Geometry {
        try collection(of: .geometryCollection, members)
    }

    /// A collection of `kind` (multi-point, multi-line-string, multi-polygon or collection) holding
    /// copies of `members`. GEOS checks that the members fit the kind.
    /// Wraps `GEOSGeom_createCollection_r`.
    public static func collection(of kind: GeometryKind, _ members: [Geometry]) throws -> Geometry {
        let context = ThreadResources.current.geos
        var copies: [OpaquePointer?] = []
        do {
            for member in members { copies.append(try member.handle.cloned(context)) }
        } catch {
            for copy in copies { GEOSGeom_destroy_r(context.handle, copy) }
            throw error
        }
        return try context.newGeometry("GEOSGeom_createCollection_r") { handle in
            copies.withUnsafeMutableBufferPointer {
                GEOSGeom_createCollection_r(handle, kind.geosTypeId, $0.baseAddress, UInt32($0.count))  // takes the members; NULL on exception
            }
        }
    }

    /// An empty geometry of `kind`. Wraps `GEOSGeom_createEmpty*_r`.
    public static func empty(_ kind: GeometryKind) throws -> Geometry {
        let context = ThreadResources.current.geos
        return try context.newGeometry("GEOSGeom_createEmpty\(kind.rawValue)_r") { handle in
            switch kind {
            case .point: GEOSGeom_createEmptyPoint_r(handle)
            case .lineString: GEOSGeom_createEmptyLineString_r(handle)
            case .linearRing: GEOSGeom_createLinearRing_r(handle, GEOSCoordSeq_create_r(handle, 0, 2))
            case .polygon: GEOSGeom_createEmptyPolygon_r(handle)
            case .multiPoint, .multiLineString, .multiPolygon, .geometryCollection:
                GEOSGeom_createEmptyCollection_r(handle, kind.geosTypeId)
            }
        }
    }

    private static func makeSequence(_ coordinates: [Coordinate], _ context: GEOSContext) throws -> OpaquePointer {
        let flat = coordinates.flatMap { [$0.x, $0.y] }
        context.clearMessages()
        let sequence = flat.withUnsafeBufferPointer {
            GEOSCoordSeq_copyFromBuffer_r(context.handle, $0.baseAddress, UInt32(coordinates.count), 0, 0)  // NULL on exception
        }
        guard let sequence else { throw context.error("GEOSCoordSeq_copyFromBuffer_r") }
        return sequence
    }

    private static func makeRing(_ coordinates: [Coordinate], _ context: GEOSContext) throws -> OpaquePointer {
        let sequence = try makeSequence(coordinates, context)
        context.clearMessages()
        guard let ring = GEOSGeom_createLinearRing_r(context.handle, sequence) else {  // takes the sequence; NULL on exception
            throw context.error("GEOSGeom_createLinearRing_r")
        }
        return ring
    }
}
