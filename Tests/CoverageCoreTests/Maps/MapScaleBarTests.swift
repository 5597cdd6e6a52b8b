import CoverageCore
import GeoIO
import TestSupport
import Testing

@Suite("MapScaleBar")
struct MapScaleBarTests {
    @Test func theScaleBarIsTheLongestRoundLengthThatFits() {
        let cases: [(metersPerPixel: Double, kilometers: Double)] = [
            (1_000, 100), (250, 20), (2_000, 200), (5_000, 500),
            (30, 5), (1, 0.1),
        ]
        for (metersPerPixel, kilometers) in cases {
            let bar = MapScaleBar(metersPerPixel: metersPerPixel, maxPixels: 180)
            #expect(abs(bar.kilometers - kilometers) < 1e-9, "\(metersPerPixel) m/px")
            #expect(abs(bar.pixels - kilometers * 1_000 / metersPerPixel) < 1e-9)
        }
    }
}
