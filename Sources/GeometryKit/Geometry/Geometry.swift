internal import CGEOS

/// An immutable GEOS geometry: a point, line string, linear ring, polygon, multi-geometry or
/// collection, possibly empty.
///
/// A value type over an owning handle: copies share the same GEOS geometry, which is never
/// modified. `Sendable`: a geometry may be read from several threads at once (its envelopes are
/// computed when it is created, see `GeometryHandle`). Operations run on the calling thread's GEOS
/// context and throw ``GeometryError`` with the GEOS function's name and message when GEOS raises
/// an exception.
///
/// The constructors below refuse NaN and infinite coordinates (GEOS would accept them and turn
/// `point(x: .nan, y: .nan)` silently into an empty point); geometries read from WKT, WKB or GeoJSON
/// are taken as GEOS reads them (``validity()`` reports "Invalid Coordinate").
public struct Geometry: Sendable {
    let handle: GeometryHandle

    init(_ handle: GeometryHandle) {
        self.handle = handle
    }

    /// A point.
    ///
    /// - Parameter coordinate: the position, in the units of the data (degrees for lon/lat).
    /// - Throws: ``GeometryError`` (`.invalidArgument`) for a NaN or infinite coordinate.
    /// - Note: Thread-safe (runs on the calling thread's GEOS context). Wraps `GEOSGeom_createPointFromXY_r`.
    public static func point(_ coordinate: Coordinate) throws -> Geometry {
        try checkFinite([coordinate], "GEOSGeom_createPointFromXY_r")
        let context = ThreadResources.current.geos
        return try context.newGeometry("GEOSGeom_createPointFromXY_r") {
            GEOSGeom_createPointFromXY_r($0, coordinate.x, coordinate.y)  // NULL on exception
        }
    }

    /// A point at `x`, `y` (longitude, latitude in degrees for geographic data).
    ///
    /// - Throws: ``GeometryError`` (`.invalidArgument`) for a NaN or infinite value.
    /// - Note: Thread-safe. Wraps `GEOSGeom_createPointFromXY_r`.
    public static func point(x: Double, y: Double) throws -> Geometry {
        try point(Coordinate(x: x, y: y))
    }

    /// A line string through `coordinates`.
    ///
    /// - Parameter coordinates: none for an empty line string, else at least two (they may repeat).
    /// - Throws: ``GeometryError``: `.geos` from `GEOSGeom_createLineString_r` for a single
    ///   coordinate ("point array must contain 0 or >1 elements"), `.invalidArgument` for a NaN or
    ///   infinite coordinate.
    /// - Note: Thread-safe. Wraps `GEOSGeom_createLineString_r`.
    public static func lineString(_ coordinates: [Coordinate]) throws -> Geometry {
        try checkFinite(coordinates, "GEOSGeom_createLineString_r")
        let context = ThreadResources.current.geos
        let sequence = try makeSequence(coordinates, context)
        return try context.newGeometry("GEOSGeom_createLineString_r") {
            GEOSGeom_createLineString_r($0, sequence)  // takes the sequence, also on failure; NULL on exception
        }
    }

    /// A closed linear ring.
    ///
    /// - Parameter coordinates: none for an empty ring, else at least four with the first repeated last.
    /// - Throws: ``GeometryError``: `.geos` from `GEOSGeom_createLinearRing_r` for an unclosed
    ///   ring ("Points of LinearRing do not form a closed linestring"); `.invalidArgument` for one
    ///   to three coordinates (GEOS 3.11 itself accepts a closed three-point ring, which can never be
    ///   valid) or a NaN or infinite coordinate.
    /// - Note: Thread-safe. Wraps `GEOSGeom_createLinearRing_r`.
    public static func linearRing(_ coordinates: [Coordinate]) throws -> Geometry {
        let context = ThreadResources.current.geos
        let ring = try makeRing(coordinates, context)
        return try context.newGeometry("GEOSGeom_createLinearRing_r") { _ in ring }
    }

    /// A polygon from its exterior ring and holes.
    ///
    /// - Parameters:
    ///   - exterior: the shell, closed (first coordinate repeated last), at least four coordinates;
    ///     none for the empty polygon.
    ///   - holes: the interior rings, each closed with at least four coordinates.
    /// - Throws: ``GeometryError`` as ``linearRing(_:)`` does for any ring, and `.geos` from
    ///   `GEOSGeom_createPolygon_r` for holes in an empty shell ("shell is empty but holes are not").
    ///   Orientation and validity are not checked (use ``validity()``).
    /// - Note: Thread-safe. Wraps `GEOSGeom_createLinearRing_r` and `GEOSGeom_createPolygon_r`.
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
                GEOSGeom_createPolygon_r(handle, shell, $0.baseAddress, UInt32($0.count))  // takes the rings, also on failure; NULL on exception
            }
        }
    }

    /// A multi-point with one point per coordinate (an empty multi-point for none).
    ///
    /// - Throws: ``GeometryError`` (`.invalidArgument`) for a NaN or infinite coordinate.
    /// - Note: Thread-safe. Wraps `GEOSGeom_createCollection_r`.
    public static func multiPoint(_ coordinates: [Coordinate]) throws -> Geometry {
        try collection(of: .multiPoint, coordinates.map { try point($0) })
    }

    /// A multi-line-string from line strings (or linear rings).
    ///
    /// - Throws: ``GeometryError`` (`.invalidArgument`) when a member is of another kind.
    /// - Note: Thread-safe. Wraps `GEOSGeom_createCollection_r`.
    public static func multiLineString(_ lineStrings: [Geometry]) throws -> Geometry {
        try collection(of: .multiLineString, lineStrings)
    }

    /// A multi-polygon from polygons.
    ///
    /// - Throws: ``GeometryError`` (`.invalidArgument`) when a member is not a polygon.
    /// - Note: Thread-safe. Wraps `GEOSGeom_createCollection_r`.
    public static func multiPolygon(_ polygons: [Geometry]) throws -> Geometry {
        try collection(of: .multiPolygon, polygons)
    }

    /// A geometry collection holding any geometries (copies of them).
    ///
    /// - Note: Thread-safe. Wraps `GEOSGeom_createCollection_r`.
    public static func geometryCollection(_ members: [Geometry]) throws -> Geometry {
        try collection(of: .geometryCollection, members)
    }

    /// A collection of `kind` holding copies of `members`.
    ///
    /// - Parameters:
    ///   - kind: `.multiPoint`, `.multiLineString`, `.multiPolygon` or `.geometryCollection`.
    ///   - members: points, line strings (or rings), polygons, or anything for a collection.
    /// - Throws: ``GeometryError`` (`.invalidArgument`) for a kind that is not a collection or a
    ///   member that does not fit it. GEOS 3.11 does not check this itself: it builds a MultiPoint
    ///   holding a polygon, and the next use of that geometry crashes.
    /// - Note: Thread-safe. Wraps `GEOSGeom_clone_r` and `GEOSGeom_createCollection_r`.
    public static func collection(of kind: GeometryKind, _ members: [Geometry]) throws -> Geometry {
        try checkMembers(members, fit: kind)
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
                // Takes the members, also on failure (3.11 wraps them in unique_ptrs first); NULL on exception.
                GEOSGeom_createCollection_r(handle, kind.geosTypeId, $0.baseAddress, UInt32($0.count))
            }
        }
    }

    /// An empty geometry of `kind` (`POINT EMPTY`, `POLYGON EMPTY`, …).
    ///
    /// - Note: Thread-safe. Wraps `GEOSGeom_createEmptyPoint_r`, `…LineString_r`, `…Polygon_r`,
    ///   `…Collection_r`, and `GEOSGeom_createLinearRing_r` with an empty sequence.
    public static func empty(_ kind: GeometryKind) throws -> Geometry {
        let context = ThreadResources.current.geos
        if kind == .linearRing { return try linearRing([]) }
        return try context.newGeometry("GEOSGeom_createEmpty\(kind.rawValue)_r") { handle in
            switch kind {
            case .point: GEOSGeom_createEmptyPoint_r(handle)  // NULL on exception
            case .lineString: GEOSGeom_createEmptyLineString_r(handle)  // NULL on exception
            case .polygon: GEOSGeom_createEmptyPolygon_r(handle)  // NULL on exception
            case .linearRing, .multiPoint, .multiLineString, .multiPolygon, .geometryCollection:
                GEOSGeom_createEmptyCollection_r(handle, kind.geosTypeId)  // NULL on exception
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

    /// A new ring the caller owns (to hand to a polygon or wrap in a handle).
    private static func makeRing(_ coordinates: [Coordinate], _ context: GEOSContext) throws -> OpaquePointer {
        try checkFinite(coordinates, "GEOSGeom_createLinearRing_r")
        guard coordinates.isEmpty || coordinates.count >= 4 else {
            throw GeometryError(
                source: .invalidArgument, operation: "GEOSGeom_createLinearRing_r",
                message: "a linear ring needs no coordinates or at least 4 (first repeated last), got \(coordinates.count)")
        }
        let sequence = try makeSequence(coordinates, context)
        context.clearMessages()
        guard let ring = GEOSGeom_createLinearRing_r(context.handle, sequence) else {  // takes the sequence; NULL on exception
            throw context.error("GEOSGeom_createLinearRing_r")
        }
        return ring
    }

    private static func checkFinite(_ coordinates: [Coordinate], _ operation: String) throws {
        if let index = coordinates.firstIndex(where: { !$0.isFinite }) {
            throw GeometryError(
                source: .invalidArgument, operation: operation,
                message: "coordinate \(index) \(coordinates[index]) is not finite")
        }
    }

    /// Refuses members that do not fit a collection of `kind`, and kinds that are not collections.
    ///
    /// GEOS 3.11's `GEOSGeom_createCollection_r` does not check: it builds a MultiPoint holding a
    /// polygon, whose later use reads the polygon as a point and crashes (found by the tests).
    static func checkMembers(_ members: [Geometry], fit kind: GeometryKind) throws {
        let allowed: Set<GeometryKind>
        switch kind {
        case .multiPoint: allowed = [.point]
        case .multiLineString: allowed = [.lineString, .linearRing]  // a LinearRing is a closed LineString
        case .multiPolygon: allowed = [.polygon]
        case .geometryCollection: allowed = Set(GeometryKind.allCases)
        case .point, .lineString, .linearRing, .polygon:
            throw GeometryError(
                source: .invalidArgument, operation: "GEOSGeom_createCollection_r",
                message: "\(kind.rawValue) is not a collection kind")
        }
        if let index = members.firstIndex(where: { !allowed.contains($0.kind) }) {
            throw GeometryError(
                source: .invalidArgument, operation: "GEOSGeom_createCollection_r",
                message: "member \(index) is a \(members[index].kind.rawValue), which a \(kind.rawValue) cannot hold")
        }
    }
}
