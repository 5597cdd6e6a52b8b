import TestSupport
import Testing

@testable import GeometryKit

/// The conversions between GEOS geometries and shapes: exact both ways, empty and invalid
/// geometries included (GEOS's own equality is the oracle).
@Suite struct GeometryShapeTests {
    @Test func everyKindRoundTripsExactly() throws {
        let texts = [
            "POINT (102.6 17.97)", "POINT EMPTY", "MULTIPOINT ((1 2), (3 4))", "LINESTRING (0 0, 1 1, 2 0)", "LINESTRING EMPTY",
            "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 2))", "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))",
            "POLYGON EMPTY", "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 6, 6 5, 5 5)))",
            "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1), POLYGON ((0 0, 1 0, 1 1, 0 0)))", "GEOMETRYCOLLECTION EMPTY",
            "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))",  // a bow tie: invalid, kept as it is
        ]
        for text in texts {
            let geometry = try Geometry(wkt: text)
            let back = try Geometry(geometry.shape)
            let written = try back.wkt()
            #expect(try back.isExactlyEqual(to: geometry), "\(text) → \(written)")
            #expect(back.kind == geometry.kind, "\(text)")
        }
    }

    @Test func aLinearRingBecomesALineString() throws {
        let ring = try Geometry.linearRing(squareRing(0, 0, 1))
        #expect(ring.shape == .lineString(squareRing(0, 0, 1)))
    }

    @Test func randomGeometriesRoundTrip() throws {
        var random = SplitMix64(seed: 0x5AA9_E001)
        var failures = Failures()
        for _ in 0..<500 {
            let geometry = try random.geometry(-50, 50, snapped: random.index(2) == 0)
            guard geometry.kind != .linearRing else { continue }
            let back = try Geometry(geometry.shape)
            let text = "\(try geometry.wkt()) → \(try back.wkt())"
            failures.check(try back.isExactlyEqual(to: geometry), text)
        }
        failures.expectNone("geometries that did not round-trip")
    }

    @Test func badShapesAreRefusedAsGEOSWould() {
        #expect(throws: GeometryError.self) { try Geometry(Shape.point(Coordinate(x: .nan, y: 0))) }
        #expect(throws: GeometryError.self) { try Geometry(Shape.lineString(coords([(0, 0)]))) }
        #expect(throws: GeometryError.self) { try Geometry(Shape.polygon(Shape.Polygon(exterior: coords([(0, 0), (1, 1), (0, 0)])))) }
        #expect(throws: GeometryError.self) { try Geometry(Shape.polygon(Shape.Polygon(exterior: coords([(0, 0), (1, 0), (1, 1), (0, 1)])))) }
    }
}
