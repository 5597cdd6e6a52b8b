import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@Suite("MapProjection")
struct MapProjectionTests {
    @Test func theProjectionFitsTheExtentAndKeepsNorthUp() {
        let frame = Envelope(minX: 10, minY: 20, maxX: 410, maxY: 320)
        let projection = MapProjection(fitting: Envelope(minX: 100, minY: 0, maxX: 102, maxY: 1), into: frame, paddingFraction: 0)
        #expect(abs(projection.centreLatitude - 0.5) < 1e-12)
        let west = projection.pixel(Coordinate(lon: 100, lat: 0.5)), east = projection.pixel(Coordinate(lon: 102, lat: 0.5))
        #expect(abs(west.x - 10) < 1e-9 && abs(east.x - 410) < 1e-9)
        #expect(projection.pixel(Coordinate(lon: 101, lat: 1)).y < projection.pixel(Coordinate(lon: 101, lat: 0)).y)
        // At the equator-ish centre, a pixel is (π/180)·N/ppd metres.
        let expected = Double.pi / 180 * 6_378_137 / (1 - 0.00669437999014 * pow(sin(0.5 * .pi / 180), 2)).squareRoot() / projection.pixelsPerDegree
        #expect(abs(projection.metersPerPixel - expected) < 1e-6)
    }
}
