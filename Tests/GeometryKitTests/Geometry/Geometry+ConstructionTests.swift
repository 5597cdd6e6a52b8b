import Foundation
import TestSupport
import Testing

@testable import GeometryKit

/// Centroid, point on surface, envelope, buffer, simplification and Voronoi diagrams.
@Suite struct GeometryConstructionTests {
    /// A U open at the top: the 10 × 10 square minus the notch [3, 7] × [3, 10].
    /// Area 72; centroid (5, (100 · 5 − 28 · 6.5) / 72) = (5, 4.41666…), inside the notch.
    let uShape = try! Geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 7 10, 7 3, 3 3, 3 10, 0 10, 0 0))")

    @Test func centroidOfTheUIsOutsideIt() throws {
        let centroid = try uShape.centroid()
        let c = try #require(centroid.coordinates.first)
        #expect(isClose(c.x, 5, within: 1e-12))
        #expect(isClose(c.y, 318.0 / 72.0, within: 1e-12))
        #expect(try !uShape.contains(centroid))
    }

    @Test func pointOnSurfaceOfTheUIsInsideIt() throws {
        let point = try uShape.pointOnSurface()
        #expect(point.kind == .point)
        #expect(try uShape.contains(point))
    }

    @Test func centroidAndPointOnSurfaceOfSimpleAndEmptyGeometries() throws {
        let square = try Geometry.polygon(exterior: squareRing(0, 0, 10))
        #expect(try square.centroid().coordinates == [Coordinate(x: 5, y: 5)])
        let line = try Geometry.lineString(coords([(0, 0), (4, 0)]))
        #expect(try line.centroid().coordinates == [Coordinate(x: 2, y: 0)])
        #expect(try line.intersects(line.pointOnSurface()))
        for kind in [GeometryKind.point, .polygon, .geometryCollection] {
            #expect(try Geometry.empty(kind).centroid().isEmpty)
            #expect(try Geometry.empty(kind).pointOnSurface().isEmpty)
        }
    }

    @Test func envelopeGeometry() throws {
        let envelope = try uShape.envelopeGeometry()
        #expect(envelope.kind == .polygon)
        #expect(try envelope.topologicallyEquals(try Geometry.polygon(exterior: squareRing(0, 0, 10))))
        #expect(try Geometry.point(x: 1, y: 2).envelopeGeometry().coordinates == [Coordinate(x: 1, y: 2)])
        #expect(try Geometry.empty(.polygon).envelopeGeometry().isEmpty)
        // A box of zero width is still a (degenerate) polygon, of zero area.
        let vertical = try Geometry.lineString(coords([(0, 0), (0, 5)])).envelopeGeometry()
        #expect(vertical.kind == .polygon)
        #expect(try vertical.planarArea() == 0)
    }

    @Test func bufferOfAPointIsARegularPolygon() throws {
        // 8 segments per quarter circle: a regular 32-gon of circumradius 2, area ½ · 32 · 2² · sin(2π/32).
        let disc = try Geometry.point(x: 1, y: 1).buffer(distance: 2)
        #expect(disc.kind == .polygon)
        #expect(isClose(try disc.planarArea(), 64 * sin(2 * .pi / 32), within: 1e-9))
        #expect(disc.exteriorRing?.coordinateCount == 33)
        let coarse = try Geometry.point(x: 0, y: 0).buffer(distance: 1, quadrantSegments: 1)  // a square diamond
        #expect(isClose(try coarse.planarArea(), 2, within: 1e-12))
    }

    @Test func bufferGrowsAndShrinksASquare() throws {
        let square = try Geometry.polygon(exterior: squareRing(0, 0, 10))
        // Grown by 1: the square, four 10 × 1 strips, and four quarter 32-gons of radius 1.
        #expect(isClose(try square.buffer(distance: 1).planarArea(), 100 + 40 + 16 * sin(2 * .pi / 32), within: 1e-9))
        #expect(isClose(try square.buffer(distance: -1).planarArea(), 64, within: 1e-9))
        #expect(try square.buffer(distance: -6).isEmpty)
        #expect(try Geometry.empty(.point).buffer(distance: 1).isEmpty)
    }

    @Test func simplifyDropsSmallWiggles() throws {
        let line = try Geometry.lineString(coords([(0, 0), (5, 0.1), (10, 0)]))
        #expect(try line.simplifiedPreservingTopology(tolerance: 0.5).coordinates == coords([(0, 0), (10, 0)]))
        #expect(try line.simplifiedPreservingTopology(tolerance: 0.05).coordinateCount == 3)
    }

    @Test func simplifyKeepsAHoleInsideItsShell() throws {
        // Plain Douglas–Peucker with tolerance 2 would drop the dip at (5 −1) and leave the hole,
        // which sits in the dip, outside the shell.
        let polygon = try Geometry(wkt: "POLYGON ((0 0, 5 -1, 10 0, 10 10, 0 10, 0 0), (4.5 -0.4, 5.5 -0.4, 5 -0.8, 4.5 -0.4))")
        #expect(try polygon.isValid())
        let simplified = try polygon.simplifiedPreservingTopology(tolerance: 2)
        #expect(try simplified.isValid())
        #expect(simplified.interiorRings.count == 1)
        let shell = try Geometry.polygon(exterior: try #require(simplified.exteriorRing).coordinates)
        #expect(try shell.contains(try Geometry.polygon(exterior: simplified.interiorRings[0].coordinates)))
        #expect(try Geometry.empty(.polygon).simplifiedPreservingTopology(tolerance: 1).isEmpty)
    }

    @Test func simplifyingAgainAtTheSameToleranceGivesTheKeptResult() throws {
        let polygon = try Geometry(wkt: "POLYGON ((0 0, 5 0.1, 10 0, 10 10, 0 10, 0 0))")
        let coarse = try polygon.simplifiedPreservingTopology(tolerance: 0.5)
        #expect(coarse.coordinateCount == 5)
        #expect(try polygon.simplifiedPreservingTopology(tolerance: 0.5).handle === coarse.handle)
        let fine = try polygon.simplifiedPreservingTopology(tolerance: 0.05)
        #expect(fine.handle !== coarse.handle)
        #expect(fine.coordinateCount == 6)
        #expect(try polygon.simplifiedPreservingTopology(tolerance: 0.5).coordinateCount == 5)
    }

    @Test func voronoiOfTwoSitesSplitsAtTheBisector() throws {
        let sites = try Geometry.multiPoint(coords([(0, 0), (2, 0)]))
        let cells = try sites.voronoiDiagram()
        #expect(cells.kind == .geometryCollection)
        #expect(cells.components.count == 2)
        let left = try #require(try cells.components.first { try $0.contains(try Geometry.point(x: 0, y: 0)) })
        let right = try #require(try cells.components.first { try $0.contains(try Geometry.point(x: 2, y: 0)) })
        #expect(isClose(left.envelope!.maxX, 1, within: 1e-12))
        #expect(isClose(right.envelope!.minX, 1, within: 1e-12))
        #expect(isClose(try left.planarArea(), try right.planarArea(), within: 1e-9))
    }

    @Test func voronoiEdgesClipAndTolerance() throws {
        let sites = try Geometry.multiPoint(coords([(0, 0), (2, 0)]))
        let edge = try sites.voronoiDiagram(onlyEdges: true)
        #expect(edge.kind == .lineString)  // GEOS 3.11 gives a single edge as a line string
        #expect(edge.allCoordinates.allSatisfy { isClose($0.x, 1, within: 1e-12) })
        // Three sites: three edges meeting at the circumcentre (1, 4/3) of (0 0), (2 0), (1 3).
        let edges = try Geometry.multiPoint(coords([(0, 0), (2, 0), (1, 3)])).voronoiDiagram(onlyEdges: true)
        #expect(edges.kind == .multiLineString)
        #expect(edges.components.count == 3)
        #expect(try edges.components.allSatisfy { try $0.isWithinDistance(1e-12, of: try Geometry.point(x: 1, y: 4.0 / 3.0)) })
        // The frame grows to cover the clip geometry's envelope.
        let frame = try Geometry.polygon(exterior: squareRing(-20, -20, 40))
        let clipped = try sites.voronoiDiagram(clip: frame)
        #expect(try Geometry.unaryUnion(of: clipped.components).covers(frame))
        // Sites closer than the tolerance are merged into one.
        let near = try Geometry.multiPoint(coords([(0, 0), (0.001, 0), (2, 0)]))
        #expect(try near.voronoiDiagram().components.count == 3)
        #expect(try near.voronoiDiagram(tolerance: 0.01).components.count == 2)
    }

    @Test func voronoiOfFewerThanTwoSitesIsEmpty() throws {
        #expect(try Geometry.point(x: 1, y: 1).voronoiDiagram().isEmpty)
        #expect(try Geometry.empty(.multiPoint).voronoiDiagram().isEmpty)
    }
}
