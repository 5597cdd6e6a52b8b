import TestSupport
import Testing

@testable import GeometryKit

/// Prepared predicates give the same answers as the plain ones.
@Suite struct PreparedGeometryTests {
    let uShape = try! Geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 7 10, 7 3, 3 3, 3 10, 0 10, 0 0))")

    @Test func preparedPredicatesMatchPlainOnes() throws {
        let prepared = try PreparedGeometry(uShape)
        let probes = try [
            Geometry.point(x: 1, y: 1), Geometry.point(x: 5, y: 5), Geometry.point(x: 0, y: 5), Geometry.point(x: 3, y: 5),
            Geometry.point(x: 11, y: 5), Geometry.lineString(coords([(1, 1), (9, 1)])), Geometry.lineString(coords([(1, 5), (9, 5)])),
            Geometry.polygon(exterior: squareRing(0.5, 0.5, 1)), Geometry.polygon(exterior: squareRing(-1, -1, 20)),
            Geometry.empty(.point), Geometry.empty(.polygon),
        ]
        for probe in probes {
            #expect(try prepared.contains(probe) == uShape.contains(probe))
            #expect(try prepared.covers(probe) == uShape.covers(probe))
            #expect(try prepared.intersects(probe) == uShape.intersects(probe))
            #expect(try prepared.within(probe) == uShape.within(probe))
        }
    }

    @Test func containsProperlyExcludesTheBoundary() throws {
        let prepared = try PreparedGeometry(uShape)
        #expect(try prepared.containsProperly(try Geometry.point(x: 1, y: 1)))
        #expect(try !prepared.containsProperly(try Geometry.point(x: 0, y: 5)))
        #expect(try prepared.contains(try Geometry.lineString(coords([(0, 1), (2, 1)]))))  // starts on the boundary
        #expect(try !prepared.containsProperly(try Geometry.lineString(coords([(0, 1), (2, 1)]))))
        #expect(try !prepared.containsProperly(try Geometry.point(x: 5, y: 5)))  // in the notch
    }

    @Test func distances() throws {
        let prepared = try PreparedGeometry(uShape)
        #expect(isClose(try prepared.distance(to: try Geometry.point(x: 5, y: 8)), 2, within: 1e-12))  // to x = 3 or 7
        #expect(try prepared.distance(to: try Geometry.point(x: 1, y: 1)) == 0)
        #expect(try prepared.isWithinDistance(2, of: try Geometry.point(x: 5, y: 8)))
        #expect(try !prepared.isWithinDistance(1.999, of: try Geometry.point(x: 5, y: 8)))
    }

    @Test func emptyOperands() throws {
        let prepared = try PreparedGeometry(uShape)
        let empty = try Geometry.empty(.point)
        // GEOS answers infinity here; GeometryKit refuses, as Geometry.planarDistance does.
        expectGeometryError(.invalidArgument, "GEOSPreparedDistance_r", containing: "empty") { _ = try prepared.distance(to: empty) }
        #expect(try !prepared.isWithinDistance(1e9, of: empty))
        let preparedEmpty = try PreparedGeometry(try Geometry.empty(.polygon))
        #expect(try !preparedEmpty.intersects(uShape))
        #expect(try !preparedEmpty.contains(try Geometry.point(x: 1, y: 1)))
        expectGeometryError(.invalidArgument, "GEOSPreparedDistance_r", containing: "empty") {
            _ = try preparedEmpty.distance(to: try Geometry.point(x: 1, y: 1))
        }
    }

    @Test func theBaseIsKept() throws {
        let prepared = try PreparedGeometry(try Geometry.polygon(exterior: squareRing(0, 0, 4)))
        #expect(isClose(try prepared.base.planarArea(), 16, within: 1e-12))
        #expect(try prepared.contains(try Geometry.point(x: 2, y: 2)))
    }
}
