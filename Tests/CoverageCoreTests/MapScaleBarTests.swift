import CoverageCore
import Testing

@Suite("MapScaleBar")
struct MapScaleBarTests {
    @Test func theScaleBarIsTheLongestRoundLengthThatFits() {
        let cases: [(metersPerPixel: Double, kilometres: Double)] = [(1_000, 100), (250, 20), (2_000, 200), (5_000, 500),
                                                                     (30, 5), (1, 0.1)]
        for (metersPerPixel, kilometres) in cases {
            let bar = MapScaleBar(metersPerPixel: metersPerPixel, maxPixels: 180)
            #expect(abs(bar.kilometres - kilometres) < 1e-9, "\(metersPerPixel) m/px")
            #expect(abs(bar.pixels - kilometres * 1_000 / metersPerPixel) < 1e-9)
        }
    }
}
