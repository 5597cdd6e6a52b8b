import TestSupport
import Testing

@testable import GeometryKit

/// Validity with GEOS's reason and location, and repair.
@Suite struct GeometryValidityTests {
    @Test func validPolygon() throws {
        let square = try Geometry.polygon(exterior: squareRing(0, 0, 10), holes: [squareRing(2, 2, 2)])
        #expect(try square.isValid())
        #expect(try square.validity() == ValidityReport(isValid: true, reason: nil, location: nil))
    }

    static let invalid: [(wkt: String, reason: String, x: Double, y: Double)] = [
        ("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", "Self-intersection", 5, 5),  // bow tie
        ("POLYGON ((0 0, 10 0, 5 5, 10 10, 0 10, 5 5, 0 0))", "Ring Self-intersection", 5, 5),  // ring touching itself
        ("POLYGON ((0 0, 10 0, 10 10, 5 0, 0 10, 0 0))", "Ring Self-intersection", 5, 0),  // vertex on its own edge
        ("POLYGON ((0 0, 1 1, 1 1, 0 0))", "Too few points in geometry component", 0, 0),
        ("LINESTRING (3 4, 3 4)", "Too few points in geometry component", 3, 4),
        ("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 21 20, 21 21, 20 20))", "Hole lies outside shell", 20, 20),
        ("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 9 1, 9 9, 1 9, 1 1), (2 2, 3 2, 3 3, 2 2))", "Holes are nested", 2, 2),
        ("MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((1 1, 3 1, 3 3, 1 3, 1 1)))", "Self-intersection", 2, 1),
        ("POINT (NaN 1)", "Invalid Coordinate", .nan, 1),
    ]

    @Test(arguments: invalid)
    func invalidGeometryWithReasonAndLocation(wkt: String, reason: String, x: Double, y: Double) throws {
        let geometry = try Geometry(wkt: wkt)
        #expect(try !geometry.isValid())
        let report = try geometry.validity()
        #expect(!report.isValid)
        #expect(report.reason == reason)
        let location = try #require(report.location)
        #expect(x.isNaN ? location.x.isNaN : isClose(location.x, x, within: 1e-12), "\(location)")
        #expect(isClose(location.y, y, within: 1e-12), "\(location)")
    }

    @Test func emptyGeometriesAreValid() throws {
        for kind in GeometryKind.allCases {
            #expect(try Geometry.empty(kind).validity().isValid)
        }
    }

    @Test func makeValidSplitsTheBowTie() throws {
        let repaired = try Geometry(wkt: "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))").makeValid()
        #expect(repaired.kind == .multiPolygon)
        #expect(repaired.components.count == 2)
        #expect(try repaired.isValid())
        #expect(isClose(try repaired.planarArea(), 50, within: 1e-12))
    }

    @Test func makeValidOfARingTouchingItself() throws {
        let repaired = try Geometry(wkt: "POLYGON ((0 0, 10 0, 5 5, 10 10, 0 10, 5 5, 0 0))").makeValid()
        #expect(try repaired.isValid())
        #expect(isClose(try repaired.planarArea(), 50, within: 1e-12))
    }

    @Test func makeValidDropsCollapsedParts() throws {
        #expect(try Geometry(wkt: "POLYGON ((0 0, 1 1, 1 1, 0 0))").makeValid().isEmpty)
    }

    @Test func makeValidLeavesValidGeometriesAlone() throws {
        let square = try Geometry.polygon(exterior: squareRing(0, 0, 10), holes: [squareRing(2, 2, 2)])
        #expect(try square.makeValid().topologicallyEquals(square))
        #expect(try Geometry.empty(.polygon).makeValid().isEmpty)
    }
}
