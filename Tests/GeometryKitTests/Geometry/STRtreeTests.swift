import TestSupport
import Testing

@testable import GeometryKit

/// Envelope queries and nearest neighbours, on hand-made trees and against brute force.
@Suite struct STRtreeTests {
    /// A 3 × 3 grid of unit squares with a gap of 1: square (i, j) spans [2i, 2i + 1] × [2j, 2j + 1];
    /// index 3j + i.
    static func grid() throws -> [Geometry] {
        try (0..<3).flatMap { j in try (0..<3).map { i in try Geometry.polygon(exterior: squareRing(Double(2 * i), Double(2 * j), 1)) } }
    }

    @Test func envelopeQueries() throws {
        let tree = try STRtree(try Self.grid())
        #expect(try tree.query(Envelope(minX: 0.2, minY: 0.2, maxX: 0.8, maxY: 0.8)) == [0])
        #expect(try tree.query(Envelope(minX: 1.2, minY: 1.2, maxX: 1.8, maxY: 1.8)).isEmpty)  // in a gap
        #expect(try tree.query(Envelope(minX: 0.5, minY: 0.5, maxX: 2.5, maxY: 2.5)) == [0, 1, 3, 4])
        #expect(try tree.query(Envelope(minX: -10, minY: -10, maxX: 10, maxY: 10)) == Array(0..<9))
        #expect(try tree.query(Envelope(minX: 1, minY: 1, maxX: 1, maxY: 1)) == [0])  // a corner: boundaries count
        #expect(try tree.query(Envelope(minX: 3, minY: -5, maxX: 3, maxY: 10)) == [1, 4, 7])  // a zero-width box
    }

    @Test func invertedAndNonFiniteEnvelopes() throws {
        let tree = try STRtree(try Self.grid())
        #expect(try tree.query(Envelope(minX: 5, minY: 0, maxX: 0, maxY: 5)).isEmpty)
        expectGeometryError(.invalidArgument, "GEOSSTRtree_query_r", containing: "not finite") {
            _ = try tree.query(Envelope(minX: .nan, minY: 0, maxX: 1, maxY: 1))
        }
        expectGeometryError(.invalidArgument, "GEOSSTRtree_query_r", containing: "not finite") {
            _ = try tree.query(Envelope(minX: 0, minY: 0, maxX: .infinity, maxY: 1))
        }
    }

    @Test func queryByGeometryUsesItsEnvelope() throws {
        let tree = try STRtree(try Self.grid())
        // The diagonal line's envelope covers all nine squares, though the line misses some.
        let diagonal = try Geometry.lineString(coords([(0, 5), (5, 0)]))
        #expect(try tree.query(intersecting: diagonal) == Array(0..<9))
        #expect(try tree.query(intersecting: try Geometry.point(x: 4.5, y: 2.5)) == [5])
        #expect(try tree.query(intersecting: try Geometry.empty(.polygon)).isEmpty)
    }

    @Test func nearest() throws {
        let tree = try STRtree(try Self.grid())
        #expect(try tree.nearest(to: try Geometry.point(x: 0.5, y: 0.5)) == 0)
        #expect(try tree.nearest(to: try Geometry.point(x: 10, y: 4.5)) == 8)  // square (2, 2), 5 away
        #expect(try tree.nearest(to: try Geometry.point(x: 10, y: 2.5)) == 5)  // square (2, 1)
        #expect(try tree.nearest(to: try Geometry.point(x: 4.6, y: 9)) == 8)
        let found = try #require(try tree.nearestWithDistance(to: try Geometry.point(x: 4.5, y: -3)))
        #expect(found.index == 2)
        #expect(isClose(found.distance, 3, within: 1e-12))
        #expect(try tree.nearest(to: try Geometry.empty(.point)) == nil)
    }

    @Test func nearestBreaksTiesByTheLowestIndex() throws {
        // Four points at distance 2 from the origin, listed in an order the tree does not keep.
        let points = try coords([(5, 5), (0, 2), (2, 0), (-2, 0), (0, -2), (0, 2)]).map { try Geometry.point($0) }
        let tree = try STRtree(points, nodeCapacity: 2)
        let found = try #require(try tree.nearestWithDistance(to: try Geometry.point(x: 0, y: 0)))
        #expect(found.index == 1)
        #expect(found.distance == 2)
        // The square [1, 3]² is nearest to (2, 2) (distance 0), ahead of the points.
        let mixed = try STRtree(points + [try Geometry.polygon(exterior: squareRing(1, 1, 2))])
        #expect(try mixed.nearest(to: try Geometry.point(x: 2, y: 2)) == 6)
    }

    @Test func emptyTreesAndEmptyGeometries() throws {
        let none = try STRtree([])
        #expect(try none.query(Envelope(minX: -1, minY: -1, maxX: 1, maxY: 1)).isEmpty)
        #expect(try none.nearest(to: try Geometry.point(x: 0, y: 0)) == nil)
        let onlyEmpties = try STRtree([try Geometry.empty(.point), try Geometry.empty(.polygon)])
        #expect(try onlyEmpties.query(Envelope(minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9)).isEmpty)
        #expect(try onlyEmpties.nearest(to: try Geometry.point(x: 0, y: 0)) == nil)
        // Empty members keep their indices and are never found.
        let mixed = try STRtree([try Geometry.empty(.point), try Geometry.point(x: 5, y: 5), try Geometry.empty(.lineString), try Geometry.point(x: 1, y: 1.5)])
        #expect(mixed.geometries.count == 4)
        #expect(try mixed.query(Envelope(minX: -10, minY: -10, maxX: 10, maxY: 10)) == [1, 3])
        #expect(try mixed.nearest(to: try Geometry.point(x: 0, y: 0)) == 3)
    }

    @Test func nodeCapacityBelowTwoIsRaisedToTwo() throws {
        let tree = try STRtree(try Self.grid(), nodeCapacity: 0)
        #expect(try tree.query(Envelope(minX: 4.2, minY: 4.2, maxX: 4.8, maxY: 4.8)) == [8])
    }

    @Test func nearestEqualsBruteForce() throws {
        var random = SplitMix64(seed: 0x5157_2EE5)
        // Points on a coarse grid (so that ties happen), short segments and small squares.
        var items: [Geometry] = []
        for index in 0..<400 {
            let x = (random.uniform(0, 100) * 2).rounded() / 2, y = (random.uniform(0, 100) * 2).rounded() / 2
            switch index % 4 {
            case 0, 1: items.append(try Geometry.point(x: x, y: y))
            case 2: items.append(try Geometry.lineString(coords([(x, y), (x + random.uniform(-3, 3), y + random.uniform(-3, 3))])))
            default: items.append(try Geometry.polygon(exterior: squareRing(x, y, random.uniform(0.1, 2))))
            }
        }
        let tree = try STRtree(items)
        for _ in 0..<300 {
            let query = try Geometry.point(x: (random.uniform(-10, 110) * 2).rounded() / 2, y: (random.uniform(-10, 110) * 2).rounded() / 2)
            var best = (index: -1, distance: Double.infinity)
            for (index, item) in items.enumerated() {
                let distance = try item.planarDistance(to: query)
                if distance < best.distance { best = (index, distance) }  // ascending: the first of equals wins
            }
            let found = try #require(try tree.nearestWithDistance(to: query))
            // The same GEOSDistance_r on the same pair of geometries: equal bit for bit.
            #expect(found.distance == best.distance, "query \(query.coordinates)")
            #expect(found.index == best.index, "query \(query.coordinates)")
        }
    }

    @Test func envelopeQueryEqualsBruteForce() throws {
        var random = SplitMix64(seed: 0xE4_7E10_9E)
        let items = try (0..<300).map { _ in
            try Geometry.polygon(exterior: squareRing(random.uniform(0, 100), random.uniform(0, 100), random.uniform(0.1, 5)))
        }
        let tree = try STRtree(items)
        for _ in 0..<200 {
            let x = random.uniform(-5, 100), y = random.uniform(-5, 100)
            let box = Envelope(minX: x, minY: y, maxX: x + random.uniform(0, 20), maxY: y + random.uniform(0, 20))
            let expected = items.indices.filter { items[$0].envelope!.intersects(box) }
            #expect(try tree.query(box) == expected)
        }
    }
}
