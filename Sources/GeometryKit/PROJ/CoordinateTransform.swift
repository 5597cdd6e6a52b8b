internal import CPROJ

/// A transformation between two coordinate reference systems that PROJ knows ("EPSG:32648",
/// "EPSG:4326", a PROJ string, WKT, …), with axes always in x = longitude/easting, y =
/// latitude/northing order (`proj_normalize_for_visualization`).
///
/// A value type, `Sendable`: each thread that applies it uses its own PROJ context and its own
/// transformation object, created on first use and cached for the thread's life (they count in
/// ``LiveHandles`` as ``HandleKind/projTransform`` until the thread ends).
public struct CoordinateTransform: Sendable, Hashable {
    /// The source CRS, as given to the initializer.
    public let source: String
    /// The target CRS, as given to the initializer.
    public let target: String

    /// A transformation from `source` to `target`.
    ///
    /// - Parameters:
    ///   - source: the CRS of the input coordinates, for example "EPSG:4326".
    ///   - target: the CRS of the output coordinates, for example "EPSG:32648" (UTM 48N).
    /// - Throws: ``GeometryError`` (`.proj`) with PROJ's message ("crs not found", …) when PROJ
    ///   cannot build it.
    /// - Note: Thread-safe. Wraps `proj_create_crs_to_crs` and `proj_normalize_for_visualization`.
    public init(from source: String, to target: String) throws {
        self.source = source
        self.target = target
        _ = try ThreadResources.current.proj.transform(from: source, to: target)
    }

    /// From `source` to WGS 84 longitude/latitude in degrees ("EPSG:4326").
    ///
    /// - Throws: ``GeometryError`` (`.proj`) when PROJ cannot build it.
    public static func toWGS84(from source: String) throws -> CoordinateTransform {
        try CoordinateTransform(from: source, to: "EPSG:4326")
    }

    /// From WGS 84 longitude/latitude in degrees ("EPSG:4326") to `target`.
    ///
    /// - Throws: ``GeometryError`` (`.proj`) when PROJ cannot build it.
    public static func fromWGS84(to target: String) throws -> CoordinateTransform {
        try CoordinateTransform(from: "EPSG:4326", to: target)
    }

    /// The transformation in the other direction.
    ///
    /// - Throws: ``GeometryError`` (`.proj`) when PROJ cannot build it.
    public var inverse: CoordinateTransform {
        get throws { try CoordinateTransform(from: target, to: source) }
    }

    /// The coordinates transformed, in order.
    ///
    /// - Parameter coordinates: positions in the source CRS (x = longitude or easting).
    /// - Returns: positions in the target CRS (degrees or metres, as the CRS defines).
    /// - Throws: ``GeometryError`` (`.proj`) naming the first coordinate PROJ could not transform
    ///   (outside the projection's domain, latitude beyond ±90°, NaN, …) and PROJ's reason.
    /// - Note: Thread-safe. Wraps `proj_trans_array`.
    public func apply(_ coordinates: [Coordinate]) throws -> [Coordinate] {
        let context = ThreadResources.current.proj
        let transform = try context.transform(from: source, to: target)
        var points = coordinates.map { proj_coord($0.x, $0.y, 0, 0) }
        context.clearMessages()
        proj_errno_reset(transform.pointer)
        let status = proj_trans_array(transform.pointer, PJ_FWD, points.count, &points)  // 0 on success, else an error code
        let result = points.map { Coordinate(x: $0.xy.x, y: $0.xy.y) }
        let operation = "proj_trans_array(\(source) → \(target))"
        if let bad = result.firstIndex(where: { !$0.isFinite }) {
            var message = "coordinate \(bad) \(coordinates[bad]) cannot be transformed"
            if !context.messages.isEmpty {
                message += ": " + context.messages.joined(separator: "; ")
            } else if status != 0 {
                message += ": " + context.describe(errorCode: status)
            }
            throw GeometryError(source: .proj, operation: operation, message: message)
        }
        if status != 0 {
            throw GeometryError(source: .proj, operation: operation, message: context.describe(errorCode: status))
        }
        return result
    }

    /// One coordinate transformed.
    ///
    /// - Throws: ``GeometryError`` (`.proj`) when PROJ cannot transform it.
    /// - Note: Thread-safe. Wraps `proj_trans_array`.
    public func apply(_ coordinate: Coordinate) throws -> Coordinate {
        try apply([coordinate])[0]
    }

    /// The geometry with every coordinate transformed, structure kept (empty geometries are
    /// returned as they are).
    ///
    /// - Throws: ``GeometryError`` (`.proj`) when PROJ cannot transform a coordinate.
    /// - Note: Thread-safe. Wraps `proj_trans_array`.
    public func apply(to geometry: Geometry) throws -> Geometry {
        switch geometry.kind {
        case _ where geometry.isEmpty: return geometry
        case .point: return try .point(apply(geometry.coordinates[0]))
        case .lineString: return try .lineString(apply(geometry.coordinates))
        case .linearRing: return try .linearRing(apply(geometry.coordinates))
        case .polygon:
            let exterior = try apply(geometry.exteriorRing?.coordinates ?? [])
            return try .polygon(exterior: exterior, holes: geometry.interiorRings.map { try apply($0.coordinates) })
        case .multiPoint, .multiLineString, .multiPolygon, .geometryCollection:
            return try .collection(of: geometry.kind, geometry.components.map { try apply(to: $0) })
        }
    }

    /// The shape with every coordinate transformed (one PROJ call per ring or path), structure kept.
    ///
    /// - Throws: ``GeometryError`` (`.proj`) when PROJ cannot transform a coordinate, naming its
    ///   position in its ring or path.
    /// - Note: Thread-safe. Wraps `proj_trans_array`.
    public func apply(to shape: Shape) throws -> Shape {
        func polygon(_ polygon: Shape.Polygon) throws -> Shape.Polygon {
            Shape.Polygon(rings: try polygon.rings.map { try apply($0) })
        }
        switch shape {
        case .point(let position): return .point(try position.map { try apply($0) })
        case .multiPoint(let positions): return .multiPoint(try positions.map { try apply($0) })
        case .lineString(let positions): return .lineString(try apply(positions))
        case .multiLineString(let paths): return .multiLineString(try paths.map { try apply($0) })
        case .polygon(let value): return .polygon(try polygon(value))
        case .multiPolygon(let polygons): return .multiPolygon(try polygons.map(polygon))
        case .geometryCollection(let members): return .geometryCollection(try members.map { try apply(to: $0) })
        }
    }
}
