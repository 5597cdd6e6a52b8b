import TestSupport
import Testing

@testable import GeometryKit

/// Construction of every kind of geometry, and the errors for malformed input.
@Suite struct GeometryTests {
    @Test func pointKeepsItsCoordinate() throws {
        let point = try Geometry.point(x: 102.6, y: 17.97)
        #expect(point.kind == .point)
        #expect(!point.isEmpty)
        #expect(point.coordinates == [Coordinate(x: 102.6, y: 17.97)])  // stored, not computed: exact
        #expect(try Geometry.point(Coordinate(lon: -1.5, lat: 2.5)).coordinates == [Coordinate(x: -1.5, y: 2.5)])
    }

    @Test(arguments: [(Double.nan, 1.0), (1.0, .nan), (.nan, .nan), (.infinity, 0), (0, -.infinity)])
    func pointRefusesNonFiniteCoordinates(x: Double, y: Double) {
        // GEOS alone would make POINT EMPTY of (NaN, NaN) and a non-empty NaN point of the others.
        expectGeometryError(.invalidArgument, "GEOSGeom_createPointFromXY_r", containing: "not finite") {
            _ = try Geometry.point(x: x, y: y)
        }
    }

    @Test func lineStringKeepsItsCoordinatesInOrder() throws {
        let input = coords([(0, 0), (3, 4), (3, 0)])
        let line = try Geometry.lineString(input)
        #expect(line.kind == .lineString)
        #expect(line.coordinates == input)
        #expect(line.coordinateCount == 3)
    }

    @Test func lineStringOfOnePointIsAGEOSError() {
        expectGeometryError(.geos, "GEOSGeom_createLineString_r", containing: "point array must contain 0 or >1 elements") {
            _ = try Geometry.lineString(coords([(1, 1)]))
        }
    }

    @Test func lineStringOfNoPointsIsEmpty() throws {
        let line = try Geometry.lineString([])
        #expect(line.kind == .lineString)
        #expect(line.isEmpty)
        #expect(try line.wkt() == "LINESTRING EMPTY")
    }

    @Test func lineStringOfTwoEqualPointsIsBuiltButInvalid() throws {
        let line = try Geometry.lineString(coords([(1, 1), (1, 1)]))
        #expect(line.coordinateCount == 2)
        #expect(try !line.isValid())
    }

    @Test func lineStringRefusesNaN() {
        expectGeometryError(.invalidArgument, "GEOSGeom_createLineString_r", containing: "coordinate 1") {
            _ = try Geometry.lineString(coords([(0, 0), (.nan, 1), (2, 2)]))
        }
    }

    @Test func linearRingMustBeClosed() {
        expectGeometryError(.geos, "GEOSGeom_createLinearRing_r", containing: "do not form a closed linestring") {
            _ = try Geometry.linearRing(coords([(0, 0), (1, 0), (1, 1), (0, 1)]))
        }
    }

    @Test(arguments: [1, 2, 3])
    func linearRingNeedsFourCoordinates(count: Int) {
        let closed = Array(coords([(0, 0), (1, 0), (0, 0)]).prefix(count))
        expectGeometryError(.invalidArgument, "GEOSGeom_createLinearRing_r", containing: "got \(count)") {
            _ = try Geometry.linearRing(closed)
        }
    }

    @Test func linearRingOfASquare() throws {
        let ring = try Geometry.linearRing(squareRing(0, 0, 2))
        #expect(ring.kind == .linearRing)
        #expect(ring.coordinates == squareRing(0, 0, 2))
        #expect(isClose(try ring.planarLength(), 8, within: 1e-12))
        #expect(try ring.planarArea() == 0)  // a ring is a line: no area
    }

    @Test func polygonWithAHole() throws {
        let polygon = try Geometry.polygon(exterior: squareRing(0, 0, 10), holes: [squareRing(2, 2, 2)])
        #expect(polygon.kind == .polygon)
        #expect(polygon.interiorRings.count == 1)
        #expect(isClose(try polygon.planarArea(), 96, within: 1e-12))
        #expect(try polygon.isValid())
    }

    @Test func polygonWithAnUnclosedHoleThrowsAndLeaksNothing() {
        let before = LiveHandles.onCurrentThread(.geometry)
        expectGeometryError(.geos, "GEOSGeom_createLinearRing_r", containing: "closed") {
            _ = try Geometry.polygon(exterior: squareRing(0, 0, 10), holes: [squareRing(2, 2, 2), coords([(5, 5), (6, 5), (6, 6), (5, 6)])])
        }
        #expect(LiveHandles.onCurrentThread(.geometry) == before)
    }

    @Test func polygonWithAnUnclosedExteriorThrows() {
        expectGeometryError(.geos, "GEOSGeom_createLinearRing_r", containing: "closed") {
            _ = try Geometry.polygon(exterior: coords([(0, 0), (1, 0), (1, 1), (0, 1)]))
        }
    }

    @Test func emptyExteriorMakesTheEmptyPolygonButCannotHaveHoles() throws {
        let empty = try Geometry.polygon(exterior: [])
        #expect(empty.kind == .polygon)
        #expect(empty.isEmpty)
        let before = LiveHandles.onCurrentThread(.geometry)
        // GEOS takes the rings and frees them when it refuses (no leak under --sanitize=address).
        expectGeometryError(.geos, "GEOSGeom_createPolygon_r", containing: "shell is empty but holes are not") {
            _ = try Geometry.polygon(exterior: [], holes: [squareRing(0, 0, 1)])
        }
        #expect(LiveHandles.onCurrentThread(.geometry) == before)
    }

    @Test func multiPointHasOnePointPerCoordinate() throws {
        let multi = try Geometry.multiPoint(coords([(0, 0), (1, 1), (2, 0)]))
        #expect(multi.kind == .multiPoint)
        #expect(multi.components.map(\.coordinates) == [[Coordinate(x: 0, y: 0)], [Coordinate(x: 1, y: 1)], [Coordinate(x: 2, y: 0)]])
        let none = try Geometry.multiPoint([])
        #expect(none.kind == .multiPoint)
        #expect(none.isEmpty)
    }

    @Test func multiLineStringAndMultiPolygon() throws {
        let lines = try Geometry.multiLineString([
            try Geometry.lineString(coords([(0, 0), (1, 0)])),
            try Geometry.linearRing(squareRing(5, 5, 1)),  // a ring is a line string
        ])
        #expect(lines.kind == .multiLineString)
        #expect(isClose(try lines.planarLength(), 5, within: 1e-12))
        let polygons = try Geometry.multiPolygon([
            try Geometry.polygon(exterior: squareRing(0, 0, 1)), try Geometry.polygon(exterior: squareRing(5, 5, 2)),
        ])
        #expect(polygons.kind == .multiPolygon)
        #expect(isClose(try polygons.planarArea(), 5, within: 1e-12))
    }

    @Test func geometryCollectionHoldsAnyKindIncludingEmptyOnes() throws {
        let collection = try Geometry.geometryCollection([
            try Geometry.point(x: 1, y: 1), try Geometry.polygon(exterior: squareRing(0, 0, 1)), try Geometry.empty(.lineString),
        ])
        #expect(collection.kind == .geometryCollection)
        #expect(collection.components.map(\.kind) == [.point, .polygon, .lineString])
        #expect(!collection.isEmpty)
        #expect(try Geometry.geometryCollection([try Geometry.empty(.point)]).isEmpty)
    }

    @Test func collectionsRefuseMembersOfTheWrongKind() throws {
        let polygon = try Geometry.polygon(exterior: squareRing(0, 0, 1))
        let point = try Geometry.point(x: 0, y: 0)
        // GEOS 3.11 builds these without complaint and crashes on their next use.
        expectGeometryError(.invalidArgument, "GEOSGeom_createCollection_r", containing: "member 1 is a Polygon") {
            _ = try Geometry.collection(of: .multiPoint, [point, polygon])
        }
        expectGeometryError(.invalidArgument, "GEOSGeom_createCollection_r", containing: "member 0 is a Point") {
            _ = try Geometry.multiPolygon([point])
        }
        expectGeometryError(.invalidArgument, "GEOSGeom_createCollection_r", containing: "member 0 is a Polygon") {
            _ = try Geometry.multiLineString([polygon])
        }
        for kind in [GeometryKind.point, .lineString, .linearRing, .polygon] {
            expectGeometryError(.invalidArgument, "GEOSGeom_createCollection_r", containing: "not a collection kind") {
                _ = try Geometry.collection(of: kind, [point])
            }
        }
    }

    @Test func collectionMembersAreCopiesThatOutliveTheCollection() throws {
        let point = try Geometry.point(x: 3, y: 4)
        var collection: Geometry? = try Geometry.multiPoint([point.coordinates[0]])
        #expect(collection?.components.first?.coordinates == [Coordinate(x: 3, y: 4)])
        collection = nil
        #expect(point.coordinates == [Coordinate(x: 3, y: 4)])
    }

    @Test(arguments: GeometryKind.allCases)
    func emptyGeometryOfEveryKind(kind: GeometryKind) throws {
        let empty = try Geometry.empty(kind)
        #expect(empty.kind == kind)
        #expect(empty.isEmpty)
        #expect(empty.envelope == nil)
        #expect(empty.coordinateCount == 0)
        #expect(try empty.wkt() == "\(kind.rawValue.uppercased()) EMPTY")
        #expect(try empty.isValid())
    }
}
