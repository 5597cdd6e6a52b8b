import TestSupport
import Testing

@testable import GeometryKit

@Suite struct EnvelopeTests {
    @Test func coveringCoordinates() {
        #expect(Envelope(covering: [Coordinate]()) == nil)
        #expect(Envelope(covering: coords([(3, -1)])) == Envelope(minX: 3, minY: -1, maxX: 3, maxY: -1))
        let box = Envelope(covering: coords([(3, -1), (-2, 4), (0, 0)]))
        #expect(box == Envelope(minX: -2, minY: -1, maxX: 3, maxY: 4))
        #expect(box?.width == 5)
        #expect(box?.height == 5)
    }

    @Test func containsIncludesTheBoundary() {
        let box = Envelope(minX: 0, minY: 0, maxX: 2, maxY: 1)
        #expect(box.contains(Coordinate(x: 1, y: 0.5)))
        #expect(box.contains(Coordinate(x: 2, y: 1)))
        #expect(!box.contains(Coordinate(x: 2.000_001, y: 1)))
        #expect(!box.contains(Coordinate(x: .nan, y: 0)))
    }

    @Test func intersectsIncludesTouching() {
        let box = Envelope(minX: 0, minY: 0, maxX: 2, maxY: 1)
        #expect(box.intersects(Envelope(minX: 2, minY: 1, maxX: 3, maxY: 3)))  // corner to corner
        #expect(box.intersects(Envelope(minX: 0.5, minY: 0.2, maxX: 0.6, maxY: 0.3)))  // inside
        #expect(!box.intersects(Envelope(minX: 2.1, minY: 0, maxX: 3, maxY: 1)))
        #expect(!box.intersects(Envelope(minX: 0, minY: -3, maxX: 2, maxY: -0.1)))
    }

    @Test func expanding() {
        var box = Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1)
        box.expand(toInclude: Coordinate(x: -1, y: 0.5))
        #expect(box == Envelope(minX: -1, minY: 0, maxX: 1, maxY: 1))
        box.expand(toInclude: Envelope(minX: 0, minY: -2, maxX: 5, maxY: 0))
        #expect(box == Envelope(minX: -1, minY: -2, maxX: 5, maxY: 1))
    }
}
