import GeometryKit
import TestSupport
import Testing

@Suite struct ShapeTests {
    static let square = Shape.Polygon(exterior: squareRing(0, 0, 4), holes: [squareRing(1, 1, 1)])

    @Test func kindsAndEmptiness() {
        let cases: [(Shape, GeometryKind, Bool)] = [
            (.point(Coordinate(x: 1, y: 2)), .point, false),
            (.point(nil), .point, true),
            (.multiPoint([]), .multiPoint, true),
            (.lineString(coords([(0, 0), (1, 1)])), .lineString, false),
            (.multiLineString([[], []]), .multiLineString, true),
            (.polygon(Self.square), .polygon, false),
            (.polygon(Shape.Polygon(rings: [])), .polygon, true),
            (.multiPolygon([Self.square]), .multiPolygon, false),
            (.geometryCollection([.point(nil), .multiPolygon([])]), .geometryCollection, true),
            (.geometryCollection([.point(nil), .point(Coordinate(x: 0, y: 0))]), .geometryCollection, false),
        ]
        for (shape, kind, isEmpty) in cases {
            #expect(shape.kind == kind, "\(shape)")
            #expect(shape.isEmpty == isEmpty, "\(shape)")
            #expect((shape.envelope == nil) == isEmpty, "\(shape)")
        }
    }

    @Test func coordinatesDepthFirstExteriorFirst() {
        let shape = Shape.geometryCollection([.point(Coordinate(x: 9, y: 9)), .polygon(Self.square)])
        #expect(shape.allCoordinates == [Coordinate(x: 9, y: 9)] + squareRing(0, 0, 4) + squareRing(1, 1, 1))
        #expect(shape.envelope == Envelope(minX: 0, minY: 0, maxX: 9, maxY: 9))
        #expect(Self.square.exterior == squareRing(0, 0, 4))
        #expect(Array(Self.square.holes) == [squareRing(1, 1, 1)])
    }

    @Test func pointCoordinateOnlyForAPoint() {
        #expect(Shape.point(Coordinate(x: 102.6, y: 17.9)).pointCoordinate == Coordinate(x: 102.6, y: 17.9))
        #expect(Shape.point(nil).pointCoordinate == nil)
        #expect(Shape.multiPoint([Coordinate(x: 1, y: 1)]).pointCoordinate == nil)
    }

    @Test func mapCoordinatesKeepsTheStructure() {
        let shape = Shape.geometryCollection([.multiPolygon([Self.square]), .lineString(coords([(0, 0), (1, 2)])), .point(nil)])
        let moved = shape.mapCoordinates { Coordinate(x: $0.x + 10, y: $0.y * 2) }
        #expect(moved.kind == .geometryCollection)
        #expect(moved.allCoordinates == shape.allCoordinates.map { Coordinate(x: $0.x + 10, y: $0.y * 2) })
        guard case .geometryCollection(let members) = moved else { return }
        #expect(members.map(\.kind) == [.multiPolygon, .lineString, .point])
        #expect(members[2] == .point(nil))
    }
}
