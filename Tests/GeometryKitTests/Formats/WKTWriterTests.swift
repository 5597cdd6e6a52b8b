import TestSupport
import Testing

@testable import GeometryKit

@Suite struct WKTWriterTests {
    @Test func trimsTrailingZerosAndRounds() throws {
        let point = try Geometry.point(x: 102.123_456_789, y: 17.5)
        #expect(try point.wkt() == "POINT (102.123456789 17.5)")
        #expect(try point.wkt(decimals: 3) == "POINT (102.123 17.5)")
        #expect(try point.wkt(decimals: 0) == "POINT (102 18)")
        #expect(
            try WKTWriter(decimals: 1).write(try Geometry.polygon(exterior: squareRing(0, 0, 1.26)))
                == "POLYGON ((0 0, 1.3 0, 1.3 1.3, 0 1.3, 0 0))")
    }

    @Test(arguments: GeometryKind.allCases)
    func emptyGeometries(kind: GeometryKind) throws {
        #expect(try WKTWriter().write(try Geometry.empty(kind)) == "\(kind.rawValue.uppercased()) EMPTY")
    }

    @Test func roundTripIsExactForValuesOfMagnitudeOneOrMore() throws {
        var random = SplitMix64(seed: 0x3C7)
        let writer = try WKTWriter(), reader = try WKTReader()
        for _ in 0..<300 {
            let sign: Double = random.unit() < 0.5 ? -1 : 1
            let geometry = try random.geometry(1, 1e7)
            let scaled = try scaledGeometry(geometry, by: sign)
            let text = try writer.write(scaled)
            #expect(try reader.read(text).isExactlyEqual(to: scaled), "\(text)")
        }
    }

    @Test func smallValuesLoseDigitsAsDocumented() throws {
        // GEOS writes at most 16 decimal places: 1.234e-20 becomes 0, 0.000123456789012345678 keeps 13 digits.
        let point = try Geometry.point(x: 0.000_123_456_789_012_345_678, y: 1.234e-20)
        #expect(try point.wkt() == "POINT (0.0001234567890123 0)")
    }
}
