import CoverageCore
import Foundation
import GeoIO
import TestSupport
import Testing

@Suite("MapClasses")
struct MapClassesTests {
    @Test func valuesFallInTheClassHoldingTheirLowerLimit() {
        let classes = MapClasses.equalFifths
        let cases: [(Double?, Int?)] = [
            (0, 0), (19.99, 0), (20, 1), (59.9, 2), (60, 3), (80, 4), (100, 4), (150, 4), (-5, 0),
            (nil, nil), (.nan, nil),
        ]
        for (value, expected) in cases { #expect(classes.index(of: value) == expected, "\(String(describing: value))") }
        #expect(classes.colour(of: nil) == MapClasses.noDataColour)
        #expect((0..<5).map(classes.label) == ["0 to < 20 %", "20 to < 40 %", "40 to < 60 %", "60 to < 80 %", "80 to 100 %"])
        #expect(MapClasses(limits: [0, 10, 20, 30, 40]) == nil)
        #expect(MapClasses(limits: [0, 10, 10, 30, 40, 50]) == nil)
        #expect(MapClasses(limits: [0, 2.5, 5, 10, 25, 100])?.label(1) == "2.5 to < 5 %")
    }
}
