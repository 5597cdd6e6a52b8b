import TestSupport
import Testing

@testable import GeometryKit

/// DE-9IM predicates on hand-made geometries: interior, boundary, exterior, touching, empty, invalid.
@Suite struct GeometryPredicatesTests {
    let square = try! Geometry.polygon(exterior: squareRing(0, 0, 10))
    let inside = try! Geometry.point(x: 5, y: 5)
    let onEdge = try! Geometry.point(x: 10, y: 5)
    let onCorner = try! Geometry.point(x: 0, y: 0)
    let outside = try! Geometry.point(x: 11, y: 5)
    let empty = try! Geometry.empty(.point)

    @Test func pointInTheInterior() throws {
        #expect(try square.contains(inside))
        #expect(try square.covers(inside))
        #expect(try square.intersects(inside))
        #expect(try !square.disjoint(inside))
        #expect(try inside.within(square))
        #expect(try inside.coveredBy(square))
    }

    @Test func pointOnTheBoundaryIsCoveredButNotContained() throws {
        for point in [onEdge, onCorner] {
            #expect(try !square.contains(point))
            #expect(try square.covers(point))
            #expect(try square.intersects(point))
            #expect(try !square.disjoint(point))
            #expect(try !point.within(square))
            #expect(try point.coveredBy(square))
        }
    }

    @Test func pointOutside() throws {
        #expect(try !square.contains(outside))
        #expect(try !square.covers(outside))
        #expect(try !square.intersects(outside))
        #expect(try square.disjoint(outside))
        #expect(try !outside.within(square))
        #expect(try !outside.coveredBy(square))
    }

    @Test func squaresSharingAnEdgeTouchButNeitherContainsTheOther() throws {
        let neighbour = try Geometry.polygon(exterior: squareRing(10, 0, 10))
        #expect(try square.intersects(neighbour))
        #expect(try !square.disjoint(neighbour))
        #expect(try !square.contains(neighbour))
        #expect(try !square.covers(neighbour))
        #expect(try !neighbour.within(square))
    }

    @Test func polygonContainsAPolygonThatSharesPartOfItsBoundary() throws {
        let inner = try Geometry.polygon(exterior: squareRing(0, 0, 5))  // shares two edges' halves
        #expect(try square.contains(inner))
        #expect(try square.covers(inner))
        #expect(try inner.within(square))
        #expect(try !inner.contains(square))
    }

    @Test func lineAlongTheBoundaryIsCoveredNotContained() throws {
        let edge = try Geometry.lineString(coords([(0, 0), (10, 0)]))
        #expect(try !square.contains(edge))  // no interior point in common
        #expect(try square.covers(edge))
        #expect(try edge.coveredBy(square))
        #expect(try !edge.within(square))
    }

    @Test func emptyGeometriesAreDisjointFromEverything() throws {
        #expect(try !square.contains(empty))
        #expect(try !square.covers(empty))
        #expect(try !square.intersects(empty))
        #expect(try square.disjoint(empty))
        #expect(try !empty.within(square))
        #expect(try !empty.coveredBy(square))
        #expect(try empty.disjoint(empty))
        #expect(try !Geometry.empty(.polygon).intersects(Geometry.empty(.polygon)))
    }

    @Test func topologicalEqualityIgnoresVertexOrder() throws {
        let rotated = try Geometry(wkt: "POLYGON ((10 10, 0 10, 0 0, 10 0, 10 10))")
        #expect(try square.topologicallyEquals(rotated))
        #expect(try !square.isExactlyEqual(to: rotated))
        #expect(try !square.topologicallyEquals(try Geometry.polygon(exterior: squareRing(0, 0, 9))))
    }

    @Test func distanceWithinIsInclusive() throws {
        let point = try Geometry.point(x: 13, y: 5)  // 3 from the square's right edge
        #expect(try square.isWithinDistance(3, of: point))
        #expect(try point.isWithinDistance(3, of: square))
        #expect(try !square.isWithinDistance(2.999, of: point))
        #expect(try square.isWithinDistance(0, of: inside))
        #expect(try !square.isWithinDistance(1e9, of: empty))  // nothing of the empty point is near
    }

    @Test func predicatesOnAnInvalidBowTie() throws {
        // GEOS evaluates these as they come; other invalid inputs can make a predicate throw
        // (a TopologyException: "side location conflict"), and overlay refuses them outright.
        let bowTie = try Geometry(wkt: "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))")
        #expect(try bowTie.intersects(inside))  // the crossing point (5 5) lies on its edges
        #expect(try bowTie.intersects(try Geometry.point(x: 9, y: 5)))
        #expect(try !bowTie.intersects(try Geometry.point(x: 5, y: 9)))
    }

    @Test func predicatesOnAnOverlappingMultiPolygonThrowGEOSsTopologyException() throws {
        let overlapping = try Geometry(wkt: "MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((1 1, 3 1, 3 3, 1 3, 1 1)))")
        let point = try Geometry.point(x: 1.5, y: 1.5)
        #expect(try !overlapping.isValid())
        expectGeometryError(.geos, "GEOSIntersects_r", containing: "TopologyException: side location conflict at 1 2") {
            _ = try overlapping.intersects(point)
        }
        expectGeometryError(.geos, "GEOSContains_r", containing: "side location conflict") { _ = try overlapping.contains(point) }
        expectGeometryError(.geos, "GEOSCovers_r", containing: "side location conflict") { _ = try overlapping.covers(point) }
        expectGeometryError(.geos, "GEOSDisjoint_r", containing: "side location conflict") { _ = try overlapping.disjoint(point) }
        // Repaired, it answers.
        #expect(try overlapping.makeValid().contains(point))
    }

    // MARK: properties

    @Test func containsIsWithinReversedAndFriends() throws {
        var random = SplitMix64(seed: 0xC0_27A1)
        var counts = (contains: 0, boundaryOnly: 0), checked = 0
        for _ in 0..<1_500 {
            let a = try random.geometry(0, 6, snapped: true)
            // Half the time b is made from a (a vertex, an inner point, a bigger or smaller copy,
            // its box), so that containment and boundary contact are common, not rare.
            let b: Geometry
            switch a.isEmpty ? 0 : random.index(8) {
            case 1: b = try Geometry.point(a.allCoordinates[random.index(a.allCoordinates.count)])
            case 2: b = try a.pointOnSurface()
            case 3: b = try a.buffer(distance: 0.5, quadrantSegments: 2)
            case 4: b = try a.envelopeGeometry()
            default: b = try random.geometry(0, 6, snapped: true)
            }
            let label = "\(try a.wkt()) / \(try b.wkt())"
            // GEOS may raise a TopologyException on invalid input; the relations hold for valid input.
            guard try a.isValid(), try b.isValid() else { continue }
            checked += 1
            let contains = try a.contains(b)
            #expect(contains == (try b.within(a)), "\(label)")
            #expect(try a.covers(b) == b.coveredBy(a), "\(label)")
            #expect(try a.intersects(b) == !a.disjoint(b), "\(label)")
            #expect(try a.intersects(b) == b.intersects(a), "\(label)")
            if contains {
                counts.contains += 1
                #expect(try a.covers(b) && a.intersects(b), "contains implies covers and intersects: \(label)")
            } else if try a.covers(b) {
                counts.boundaryOnly += 1
            }
        }
        // The generator reaches both the interior and the boundary-only cases.
        #expect(counts.contains > 20 && counts.boundaryOnly > 5, "\(counts)")
        #expect(checked > 800)
    }

    @Test func preparedPredicatesEqualPlainOnesOnValidGeometries() throws {
        var random = SplitMix64(seed: 0x9E_9A7E)
        var checked = 0
        for _ in 0..<600 {
            let a = try random.geometry(0, 6, snapped: true), b = try random.geometry(0, 6, snapped: true)
            let label = "\(try a.wkt()) / \(try b.wkt())"
            guard try a.isValid(), try b.isValid() else { continue }
            let prepared = try PreparedGeometry(a)
            #expect(try prepared.contains(b) == a.contains(b), "\(label)")
            #expect(try prepared.covers(b) == a.covers(b), "\(label)")
            #expect(try prepared.intersects(b) == a.intersects(b), "\(label)")
            #expect(try prepared.within(b) == a.within(b), "\(label)")
            checked += 1
        }
        #expect(checked > 300)
    }
}
