/// A geometry as a plain Swift value: the coordinates of a point, line string, polygon, their
/// multi-forms or a collection, with no GEOS handle behind it.
///
/// Readers and writers of files work on shapes, so that a village's point goes from file bytes to
/// output bytes without ever entering GEOS; an operation that needs GEOS (validity, overlay,
/// Voronoi cells) converts with ``Geometry/init(_:)`` and back with ``Geometry/shape``.
/// Coordinates are taken as given: nothing here checks rings for closure or orientation.
/// `Sendable` and `Hashable`; compare shapes with a tolerance where they came from arithmetic.
public enum Shape: Hashable, Sendable {
    /// One position, or nil for the empty point (`POINT EMPTY`, GeoJSON `"coordinates": []`).
    case point(Coordinate?)
    /// Positions.
    case multiPoint([Coordinate])
    /// A path: none (empty) or at least two positions.
    case lineString([Coordinate])
    /// Paths.
    case multiLineString([[Coordinate]])
    /// An area.
    case polygon(Polygon)
    /// Areas.
    case multiPolygon([Polygon])
    /// Shapes of any kinds.
    indirect case geometryCollection([Shape])

    /// A polygon's rings: the exterior first, then the holes; no rings for the empty polygon.
    public struct Polygon: Hashable, Sendable {
        /// Every ring, each closed (first position repeated last); the exterior first.
        public var rings: [[Coordinate]]

        /// A polygon from its rings, the exterior first.
        public init(rings: [[Coordinate]]) {
            self.rings = rings
        }

        /// A polygon from its exterior ring and holes.
        public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
            rings = [exterior] + holes
        }

        /// The exterior ring, nil for the empty polygon.
        public var exterior: [Coordinate]? { rings.first }
        /// The holes, in order.
        public var holes: ArraySlice<[Coordinate]> { rings.dropFirst() }
    }

    /// The shape's type (a line string for every path: GeoJSON has no linear ring).
    public var kind: GeometryKind {
        switch self {
        case .point: .point
        case .multiPoint: .multiPoint
        case .lineString: .lineString
        case .multiLineString: .multiLineString
        case .polygon: .polygon
        case .multiPolygon: .multiPolygon
        case .geometryCollection: .geometryCollection
        }
    }

    /// The position of a non-empty point, nil for any other shape.
    public var pointCoordinate: Coordinate? {
        if case .point(let position) = self { return position }
        return nil
    }

    /// True when the shape has no position at all.
    public var isEmpty: Bool {
        switch self {
        case .point(let position): position == nil
        case .multiPoint(let positions), .lineString(let positions): positions.isEmpty
        case .multiLineString(let paths): paths.allSatisfy(\.isEmpty)
        case .polygon(let polygon): polygon.rings.allSatisfy(\.isEmpty)
        case .multiPolygon(let polygons): polygons.allSatisfy { $0.rings.allSatisfy(\.isEmpty) }
        case .geometryCollection(let members): members.allSatisfy(\.isEmpty)
        }
    }

    /// Every position, depth first (members in order; a polygon's exterior ring first, then its
    /// holes; closing positions included).
    public var allCoordinates: [Coordinate] {
        switch self {
        case .point(let position): position.map { [$0] } ?? []
        case .multiPoint(let positions), .lineString(let positions): positions
        case .multiLineString(let paths): paths.flatMap { $0 }
        case .polygon(let polygon): polygon.rings.flatMap { $0 }
        case .multiPolygon(let polygons): polygons.flatMap { $0.rings.flatMap { $0 } }
        case .geometryCollection(let members): members.flatMap(\.allCoordinates)
        }
    }

    /// The bounding box of every position, nil for an empty shape.
    public var envelope: Envelope? { Envelope(covering: allCoordinates) }

    /// The shape with every position replaced by `transform` of it, structure kept.
    public func mapCoordinates(_ transform: (Coordinate) throws -> Coordinate) rethrows -> Shape {
        func polygon(_ polygon: Polygon) throws -> Polygon { Polygon(rings: try polygon.rings.map { try $0.map(transform) }) }
        switch self {
        case .point(let position): return .point(try position.map(transform))
        case .multiPoint(let positions): return .multiPoint(try positions.map(transform))
        case .lineString(let positions): return .lineString(try positions.map(transform))
        case .multiLineString(let paths): return .multiLineString(try paths.map { try $0.map(transform) })
        case .polygon(let value): return .polygon(try polygon(value))
        case .multiPolygon(let polygons): return .multiPolygon(try polygons.map(polygon))
        case .geometryCollection(let members): return .geometryCollection(try members.map { try $0.mapCoordinates(transform) })
        }
    }
}
