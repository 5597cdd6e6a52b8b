import TestSupport
import Testing

@testable import GeometryKit

@Suite struct CoordinateTests {
    @Test func lonLatAreXAndY() {
        let c = Coordinate(lon: 102.6, lat: 17.97)
        #expect(c.x == 102.6 && c.y == 17.97)
        #expect(c.lon == 102.6 && c.lat == 17.97)
        #expect(c == Coordinate(x: 102.6, y: 17.97))
        #expect(c.description == "(102.6, 17.97)")
    }

    @Test(arguments: [
        (Coordinate(lon: 180, lat: 90), true), (Coordinate(lon: -180, lat: -90), true), (Coordinate(lon: 0, lat: 0), true),
        (Coordinate(lon: 180.000_001, lat: 0), false), (Coordinate(lon: 0, lat: -90.000_001), false),
        (Coordinate(lon: .nan, lat: 0), false), (Coordinate(lon: 0, lat: .infinity), false),
    ])
    func validLonLat(coordinate: Coordinate, valid: Bool) {
        #expect(coordinate.isValidLonLat == valid)
    }

    @Test func finiteness() {
        #expect(Coordinate(x: 1e300, y: -1e300).isFinite)
        #expect(!Coordinate(x: .nan, y: 0).isFinite)
        #expect(!Coordinate(x: 0, y: -.infinity).isFinite)
    }
}
