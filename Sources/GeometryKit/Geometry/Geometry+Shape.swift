/// Conversions between GEOS geometries and ``Shape`` values: where a value enters GEOS for an
/// operation only GEOS can do (validity, overlay, Voronoi), and where a result leaves it.
extension Geometry {
    /// The GEOS geometry of `shape`, structure and coordinates kept.
    ///
    /// - Throws: ``GeometryError`` as the constructors do: a NaN or infinite coordinate, a line
    ///   string of one position, a ring of one to three positions or one that is not closed.
    /// - Note: Thread-safe. Wraps the `GEOSGeom_create…_r` constructors.
    public init(_ shape: Shape) throws {
        switch shape {
        case .point(let position): self = try position.map { try .point($0) } ?? .empty(.point)
        case .multiPoint(let positions): self = try .multiPoint(positions)
        case .lineString(let positions): self = try .lineString(positions)
        case .multiLineString(let paths): self = try .multiLineString(paths.map { try .lineString($0) })
        case .polygon(let polygon): self = try Self.polygon(polygon)
        case .multiPolygon(let polygons): self = try .multiPolygon(polygons.map(Self.polygon))
        case .geometryCollection(let members): self = try .geometryCollection(members.map(Geometry.init))
        }
    }

    /// The geometry as a value (a linear ring becomes a line string; empty members of a
    /// multi-point are left out).
    ///
    /// - Note: Thread-safe. Reads the coordinates with `GEOSCoordSeq_copyToBuffer_r`.
    public var shape: Shape {
        switch kind {
        case .point: .point(coordinates.first)
        case .lineString, .linearRing: .lineString(coordinates)
        case .polygon: .polygon(polygonShape)
        case .multiPoint: .multiPoint(components.compactMap { $0.coordinates.first })
        case .multiLineString: .multiLineString(components.map(\.coordinates))
        case .multiPolygon: .multiPolygon(components.map(\.polygonShape))
        case .geometryCollection: .geometryCollection(components.map(\.shape))
        }
    }

    private var polygonShape: Shape.Polygon {
        guard let exterior = exteriorRing else { return Shape.Polygon(rings: []) }
        return Shape.Polygon(rings: [exterior.coordinates] + interiorRings.map(\.coordinates))
    }

    private static func polygon(_ polygon: Shape.Polygon) throws -> Geometry {
        guard let exterior = polygon.exterior else { return try .empty(.polygon) }
        return try .polygon(exterior: exterior, holes: Array(polygon.holes))
    }
}
