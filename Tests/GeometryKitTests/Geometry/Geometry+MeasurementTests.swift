import TestSupport
import Testing

@testable import GeometryKit

/// Planar area, length and distance in the units of the coordinates.
@Suite struct GeometryMeasurementTests {
    @Test func areaAndPerimeterOfASquareWithAHole() throws {
        let polygon = try Geometry.polygon(exterior: squareRing(0, 0, 10), holes: [squareRing(2, 2, 2)])
        #expect(isClose(try polygon.planarArea(), 96, within: 1e-12))
        #expect(isClose(try polygon.planarLength(), 48, within: 1e-12))  // both rings count
    }

    @Test func areaDoesNotDependOnOrientation() throws {
        let clockwise = try Geometry.polygon(exterior: squareRing(0, 0, 3).reversed())
        #expect(isClose(try clockwise.planarArea(), 9, within: 1e-12))
    }

    @Test func lengthOfALineAndZeroAreas() throws {
        let line = try Geometry.lineString(coords([(0, 0), (3, 4), (3, 10)]))
        #expect(isClose(try line.planarLength(), 11, within: 1e-12))
        #expect(try line.planarArea() == 0)
        #expect(try Geometry.point(x: 1, y: 1).planarLength() == 0)
        #expect(try Geometry.empty(.polygon).planarArea() == 0)
        #expect(try Geometry.empty(.lineString).planarLength() == 0)
    }

    @Test func theBowTiesLobesCancel() throws {
        // Its two triangles (25 each) run in opposite directions: the shoelace sum is zero.
        // This is why inputs are checked with validity() before their areas are trusted.
        let bowTie = try Geometry(wkt: "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))")
        #expect(isClose(try bowTie.planarArea(), 0, within: 1e-12))
        #expect(isClose(try bowTie.makeValid().planarArea(), 50, within: 1e-12))
    }

    @Test func distances() throws {
        let square = try Geometry.polygon(exterior: squareRing(0, 0, 10))
        #expect(isClose(try square.planarDistance(to: try Geometry.point(x: 13, y: 14)), 5, within: 1e-12))
        #expect(try square.planarDistance(to: try Geometry.point(x: 5, y: 5)) == 0)
        #expect(try square.planarDistance(to: try Geometry.point(x: 10, y: 3)) == 0)
        let line = try Geometry.lineString(coords([(20, -5), (20, 50)]))
        #expect(isClose(try line.planarDistance(to: square), 10, within: 1e-12))
        #expect(isClose(try square.planarDistance(to: line), 10, within: 1e-12))
    }

    @Test func distanceToOrFromAnEmptyGeometryThrows() throws {
        let point = try Geometry.point(x: 0, y: 0)
        for empty in [try Geometry.empty(.point), try Geometry.empty(.polygon), try Geometry.empty(.geometryCollection)] {
            expectGeometryError(.invalidArgument, "GEOSDistance_r", containing: "empty") { _ = try point.planarDistance(to: empty) }
            expectGeometryError(.invalidArgument, "GEOSDistance_r", containing: "empty") { _ = try empty.planarDistance(to: point) }
        }
    }

    // MARK: properties

    @Test func distanceIsSymmetricNonNegativeAndAgreesWithWithinDistance() throws {
        var random = SplitMix64(seed: 0xD157)
        var positive = 0
        for _ in 0..<1_000 {
            let a = try random.geometry(-50, 50), b = try random.geometry(-50, 50)
            let label = "\(try a.wkt()) / \(try b.wkt())"
            if a.isEmpty || b.isEmpty {
                #expect(throws: GeometryError.self) { try a.planarDistance(to: b) }
                #expect(try !a.isWithinDistance(1e9, of: b))
                continue
            }
            let ab = try a.planarDistance(to: b), ba = try b.planarDistance(to: a)
            #expect(ab >= 0)
            #expect(isClose(ab, ba, within: 1e-12 * max(1, ab)), "\(label)")
            guard try a.isValid(), try b.isValid() else { continue }
            #expect((ab == 0) == (try a.intersects(b)), "\(label)")
            // within(d) ⇔ distance ≤ d, just above and just below the distance.
            let within = try a.isWithinDistance(ab * (1 + 1e-9) + 1e-12, of: b)
            if !within { print("DEBUG", label, ab) }
            #expect(within, "\(label): \(ab)")
            if ab > 0 {
                positive += 1
                #expect(try !a.isWithinDistance(ab * (1 - 1e-9), of: b), "\(label)")
            }
        }
        #expect(positive > 300)
    }
}
