import TestSupport

@testable import GeometryKit

extension SplitMix64 {
    /// A random geometry of a random kind (empty ones and invalid ones included) with coordinates
    /// in [lower, upper).
    /// With `snapped`, coordinates are whole numbers, so that vertices often fall on other
    /// geometries' vertices and edges (the boundary cases of the predicates).
    mutating func geometry(_ lower: Double, _ upper: Double, snapped: Bool = false) throws -> Geometry {
        func value() -> Double { snapped ? uniform(lower, upper).rounded() : uniform(lower, upper) }
        func point() -> Coordinate { Coordinate(x: value(), y: value()) }
        func ring() -> [Coordinate] {
            // A triangle, closed: always a well-formed ring (validity aside).
            let a = point(), b = point(), c = point()
            return [a, b, c, a]
        }
        func shrunk(_ ring: [Coordinate]) -> [Coordinate] {
            // The triangle halved towards its centroid: a hole strictly inside (if not degenerate).
            let cx = (ring[0].x + ring[1].x + ring[2].x) / 3, cy = (ring[0].y + ring[1].y + ring[2].y) / 3
            return ring.map { Coordinate(x: cx + ($0.x - cx) / 2, y: cy + ($0.y - cy) / 2) }
        }
        switch index(10) {
        case 0: return try Geometry.point(point())
        case 1: return try Geometry.lineString((0..<(2 + index(4))).map { _ in point() })
        case 2: return try Geometry.linearRing(ring())
        case 3:
            let shell = ring()
            return try Geometry.polygon(exterior: shell, holes: index(2) == 0 ? [] : [shrunk(shell)])
        case 9:  // a bow tie: invalid on purpose
            let a = point(), b = point(), c = point(), d = point()
            return try Geometry.polygon(exterior: [a, c, b, d, a])
        case 4: return try Geometry.multiPoint((0..<(1 + index(3))).map { _ in point() })
        case 5: return try Geometry.multiLineString([try Geometry.lineString([point(), point()]), try Geometry.lineString([point(), point(), point()])])
        case 6: return try Geometry.multiPolygon([try Geometry.polygon(exterior: ring())])
        case 7: return try Geometry.geometryCollection([try Geometry.point(point()), try Geometry.polygon(exterior: ring())])
        default: return try Geometry.empty(GeometryKind.allCases[index(GeometryKind.allCases.count)])
        }
    }
}

/// The geometry with every coordinate multiplied by `factor` (structure kept; empty as is).
func scaledGeometry(_ geometry: Geometry, by factor: Double) throws -> Geometry {
    func scale(_ list: [Coordinate]) -> [Coordinate] { list.map { Coordinate(x: $0.x * factor, y: $0.y * factor) } }
    switch geometry.kind {
    case _ where geometry.isEmpty: return geometry
    case .point: return try .point(scale(geometry.coordinates)[0])
    case .lineString: return try .lineString(scale(geometry.coordinates))
    case .linearRing: return try .linearRing(scale(geometry.coordinates))
    case .polygon:
        return try .polygon(exterior: scale(geometry.exteriorRing?.coordinates ?? []), holes: geometry.interiorRings.map { scale($0.coordinates) })
    case .multiPoint, .multiLineString, .multiPolygon, .geometryCollection:
        return try .collection(of: geometry.kind, geometry.components.map { try scaledGeometry($0, by: factor) })
    }
}
