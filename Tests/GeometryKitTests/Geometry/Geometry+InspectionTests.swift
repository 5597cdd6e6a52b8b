import TestSupport
import Testing

@testable import GeometryKit

/// Kind, emptiness, envelope, coordinates, components and rings.
@Suite struct GeometryInspectionTests {
    static let wktByKind: [(String, GeometryKind)] = [
        ("POINT (1 2)", .point),
        ("LINESTRING (0 0, 1 1)", .lineString),
        ("LINEARRING (0 0, 1 0, 1 1, 0 0)", .linearRing),
        ("POLYGON ((0 0, 1 0, 1 1, 0 0))", .polygon),
        ("MULTIPOINT ((0 0), (1 1))", .multiPoint),
        ("MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))", .multiLineString),
        ("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))", .multiPolygon),
        ("GEOMETRYCOLLECTION (POINT (1 2))", .geometryCollection),
    ]

    @Test(arguments: wktByKind)
    func kindOfEachWKTType(wkt: String, kind: GeometryKind) throws {
        let geometry = try Geometry(wkt: wkt)
        #expect(geometry.kind == kind)
        #expect(!geometry.isEmpty)
    }

    @Test func envelopeOfAPolygonPointAndEmpty() throws {
        let polygon = try Geometry(wkt: "POLYGON ((1 2, 5 2, 5 7, 1 2))")
        #expect(polygon.envelope == Envelope(minX: 1, minY: 2, maxX: 5, maxY: 7))  // input values: exact
        #expect(try Geometry.point(x: -3, y: 4).envelope == Envelope(minX: -3, minY: 4, maxX: -3, maxY: 4))
        #expect(try Geometry.empty(.polygon).envelope == nil)
        #expect(
            try Geometry(wkt: "GEOMETRYCOLLECTION (POINT EMPTY, POINT (1 1), LINESTRING (2 3, 4 -1))").envelope
                == Envelope(minX: 1, minY: -1, maxX: 4, maxY: 3))
    }

    @Test func coordinatesOnlyForPointsLinesAndRings() throws {
        let polygon = try Geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 2))")
        #expect(polygon.coordinates.isEmpty)  // documented: reach a polygon's through its rings
        #expect(polygon.exteriorRing?.coordinates == squareRing(0, 0, 10))
        #expect(polygon.interiorRings.map(\.coordinates) == [coords([(2, 2), (4, 2), (4, 4), (2, 2)])])
        #expect(polygon.allCoordinates == squareRing(0, 0, 10) + coords([(2, 2), (4, 2), (4, 4), (2, 2)]))
        #expect(polygon.coordinateCount == 9)
        #expect(try Geometry.empty(.point).coordinates.isEmpty)
    }

    @Test func allCoordinatesOfACollectionAreDepthFirst() throws {
        let collection = try Geometry(wkt: "GEOMETRYCOLLECTION (POINT (9 9), MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0))), LINESTRING (5 5, 6 6))")
        #expect(collection.allCoordinates == coords([(9, 9), (0, 0), (1, 0), (1, 1), (0, 0), (5, 5), (6, 6)]))
        #expect(collection.coordinateCount == 7)
    }

    @Test func componentsOfMultiGeometries() throws {
        let multi = try Geometry(wkt: "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")
        let parts = multi.components
        #expect(parts.map(\.kind) == [.polygon, .polygon])
        #expect(parts[1].exteriorRing?.coordinates.first == Coordinate(x: 5, y: 5))
        #expect(try Geometry.point(x: 0, y: 0).components.isEmpty)
        #expect(try Geometry.empty(.multiPolygon).components.isEmpty)
    }

    @Test func ringsOfPolygonsOnly() throws {
        #expect(try Geometry.empty(.polygon).exteriorRing == nil)
        #expect(try Geometry.empty(.polygon).interiorRings.isEmpty)
        #expect(try Geometry.point(x: 0, y: 0).exteriorRing == nil)
        #expect(try Geometry(wkt: "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))").exteriorRing == nil)
        let ring = try #require(try Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 0))").exteriorRing)
        #expect(ring.kind == .linearRing)
    }

    @Test func polygonsOfNestedCollections() throws {
        let collection = try Geometry(
            wkt: """
                GEOMETRYCOLLECTION (POINT (0 0), POLYGON ((0 0, 1 0, 1 1, 0 0)), \
                MULTIPOLYGON (((5 5, 6 5, 6 6, 5 5)), ((7 7, 8 7, 8 8, 7 7))), \
                GEOMETRYCOLLECTION (POLYGON ((9 9, 10 9, 10 10, 9 9))))
                """)
        #expect(
            collection.polygons.compactMap { $0.exteriorRing?.coordinates.first }
                == coords([(0, 0), (5, 5), (7, 7), (9, 9)]))
        #expect(try Geometry(wkt: "LINESTRING (0 0, 1 1)").polygons.isEmpty)
    }

    @Test func exactEqualityWithAndWithoutTolerance() throws {
        let a = try Geometry(wkt: "LINESTRING (0 0, 1 1)")
        let b = try Geometry(wkt: "LINESTRING (0 0, 1 1.001)")
        #expect(try a.isExactlyEqual(to: a))
        #expect(try !a.isExactlyEqual(to: b))
        #expect(try a.isExactlyEqual(to: b, tolerance: 0.01))
        #expect(try !a.isExactlyEqual(to: try Geometry(wkt: "LINESTRING (1 1, 0 0)")))  // order matters
    }
}
