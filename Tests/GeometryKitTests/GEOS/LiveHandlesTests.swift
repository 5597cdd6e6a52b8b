import TestSupport
import Testing

@testable import GeometryKit

/// Every C handle GeometryKit creates is freed: the per-thread live-handle counts return to
/// where they started. The tests are synchronous, so each runs on one thread from start to end.
@Suite struct LiveHandlesTests {
    /// The calling thread's count for every kind.
    static func counts() -> [HandleKind: Int] {
        Dictionary(uniqueKeysWithValues: HandleKind.allCases.map { ($0, LiveHandles.onCurrentThread($0)) })
    }

    @Test func geometriesAndTheirOperationsFreeEverything() throws {
        let before = Self.counts()
        do {
            let square = try Geometry.polygon(exterior: squareRing(0, 0, 10), holes: [squareRing(2, 2, 2)])
            #expect(LiveHandles.onCurrentThread(.geometry) == before[.geometry]! + 1)
            let other = try Geometry(wkt: "POLYGON ((5 5, 15 5, 15 15, 5 15, 5 5))")
            _ = try square.union(other).intersection(other).difference(square).buffer(distance: 1)
            _ = try square.centroid()
            _ = try square.pointOnSurface()
            _ = try square.envelopeGeometry()
            _ = try square.simplifiedPreservingTopology(tolerance: 1)
            _ = try square.makeValid()
            _ = try square.validity()
            _ = try Geometry.multiPoint(coords([(0, 0), (1, 1)])).voronoiDiagram()
            _ = try Geometry.unaryUnion(of: [square, other])
            _ = try Geometry.multiPolygon([square]).coverageUnion()
            _ = try Geometry(wkb: square.wkb())
            _ = try Geometry(square.shape)
            _ = try square.wkt()
            for kind in GeometryKind.allCases { _ = try Geometry.empty(kind) }
        }
        #expect(Self.counts() == before)
    }

    @Test func failedConstructionsAndParsesLeakNothing() throws {
        let before = Self.counts()
        _ = try? Geometry.lineString(coords([(0, 0)]))
        _ = try? Geometry.linearRing(coords([(0, 0), (1, 0), (1, 1), (0, 1)]))
        _ = try? Geometry.polygon(exterior: squareRing(0, 0, 1), holes: [coords([(0, 0), (1, 1), (2, 2), (3, 3)])])
        _ = try? Geometry.collection(of: .multiPoint, [try Geometry.polygon(exterior: squareRing(0, 0, 1))])
        _ = try? Geometry(wkt: "POLYGON ((0 0")
        _ = try? Geometry(wkb: [1, 2, 3])
        _ = try? Geometry(Shape.polygon(Shape.Polygon(exterior: coords([(0, 0), (1, 1), (0, 0)]))))
        _ = try? Geometry(wkt: "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))").union(try Geometry.polygon(exterior: squareRing(0, 0, 1)))
        #expect(Self.counts() == before)
    }

    /// The exterior ring of a polygon that only this function ever holds.
    static func ringOfATemporaryPolygon() throws -> Geometry {
        let polygon = try Geometry.polygon(exterior: squareRing(0, 0, 3), holes: [squareRing(1, 1, 1)])
        return try #require(polygon.exteriorRing)
    }

    @Test func aBorrowedRingKeepsItsPolygonAlive() throws {
        let before = LiveHandles.onCurrentThread(.geometry)
        var ring: Geometry? = try Self.ringOfATemporaryPolygon()
        // The polygon's variable is gone; the borrowed ring still holds the polygon (one owner).
        #expect(LiveHandles.onCurrentThread(.geometry) == before + 1)
        #expect(ring?.kind == .linearRing)
        #expect(ring?.coordinates == squareRing(0, 0, 3))
        #expect(isClose(try ring!.planarLength(), 12, within: 1e-12))
        #expect(try ring!.wkt() == "LINEARRING (0 0, 3 0, 3 3, 0 3, 0 0)")
        #expect(isClose(try Geometry.polygon(exterior: ring!.coordinates).planarArea(), 9, within: 1e-12))
        ring = nil
        #expect(LiveHandles.onCurrentThread(.geometry) == before)
    }

    /// The hole of the second polygon of a multi-polygon that only this function ever holds.
    static func holeOfAMemberOfATemporaryMultiPolygon() throws -> Geometry {
        let multi = try Geometry(wkt: "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((10 10, 20 10, 20 20, 10 20, 10 10), (12 12, 14 12, 14 14, 12 12)))")
        let member = multi.components[1]
        return member.interiorRings[0]
    }

    @Test func borrowedFromBorrowedKeepsTheOwnerAlive() throws {
        let before = LiveHandles.onCurrentThread(.geometry)
        var hole: Geometry? = try Self.holeOfAMemberOfATemporaryMultiPolygon()
        #expect(LiveHandles.onCurrentThread(.geometry) == before + 1)
        #expect(hole?.coordinates == coords([(12, 12), (14, 12), (14, 14), (12, 12)]))
        let polygon = try Geometry.polygon(exterior: hole!.coordinates)
        #expect(isClose(try polygon.planarArea(), 2, within: 1e-12))
        hole = nil
        #expect(LiveHandles.onCurrentThread(.geometry) == before + 1)  // only `polygon` now
        _ = polygon
    }

    @Test func componentsOutliveTheirCollection() throws {
        let before = LiveHandles.onCurrentThread(.geometry)
        var parts: [Geometry] = try Geometry(wkt: "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 3 4))").components
        #expect(LiveHandles.onCurrentThread(.geometry) == before + 1)
        #expect(parts[0].coordinates == [Coordinate(x: 1, y: 2)])
        #expect(isClose(try parts[1].planarLength(), 5, within: 1e-12))
        parts.removeFirst()
        #expect(LiveHandles.onCurrentThread(.geometry) == before + 1)  // the line still holds the collection
        parts.removeAll()
        #expect(LiveHandles.onCurrentThread(.geometry) == before)
    }

    @Test func preparedGeometriesAreFreedAndKeepTheirBase() throws {
        let before = Self.counts()
        var prepared: PreparedGeometry? = try PreparedGeometry(try Geometry.polygon(exterior: squareRing(0, 0, 4)))
        #expect(LiveHandles.onCurrentThread(.preparedGeometry) == before[.preparedGeometry]! + 1)
        #expect(LiveHandles.onCurrentThread(.geometry) == before[.geometry]! + 1)  // the base
        #expect(try prepared!.contains(try Geometry.point(x: 1, y: 1)))
        prepared = nil
        #expect(Self.counts() == before)
    }

    @Test func treesAreFreedAndKeepTheirGeometries() throws {
        let before = Self.counts()
        var tree: STRtree? = try STRtree(try (0..<10).map { try Geometry.point(x: Double($0), y: 0) })
        #expect(LiveHandles.onCurrentThread(.strTree) == before[.strTree]! + 1)
        #expect(LiveHandles.onCurrentThread(.geometry) == before[.geometry]! + 10)
        #expect(try tree!.nearest(to: try Geometry.point(x: 6.2, y: 1)) == 6)
        #expect(try tree!.query(Envelope(minX: 2.5, minY: -1, maxX: 4.5, maxY: 1)) == [3, 4])
        tree = nil
        #expect(Self.counts() == before)
        _ = try STRtree([])
        #expect(Self.counts() == before)
    }

    @Test func readersAndWritersAreFreed() throws {
        let before = Self.counts()
        do {
            let wktReader = try WKTReader(), wktWriter = try WKTWriter(), wkbReader = try WKBReader(), wkbWriter = try WKBWriter()
            for kind in [HandleKind.wktReader, .wktWriter, .wkbReader, .wkbWriter] {
                #expect(LiveHandles.onCurrentThread(kind) == before[kind]! + 1, "\(kind)")
            }
            let geometry = try wktReader.read("POLYGON ((0 0, 1 0, 1 1, 0 0))")
            #expect(try wkbReader.read(wkbWriter.write(geometry)).topologicallyEquals(geometry))
            #expect(try wktWriter.write(geometry) == "POLYGON ((0 0, 1 0, 1 1, 0 0))")
        }
        #expect(Self.counts() == before)
    }

    @Test func aFreshThreadEndsWithNothingButItsCachedTransformations() throws {
        let (start, end, transforms) = try onNewThread { () throws -> (Int, [HandleKind: Int], Int) in
            let start = LiveHandles.totalOnCurrentThread
            do {
                let polygon = try Geometry(wkt: "POLYGON ((100 15, 106 15, 106 21, 100 21, 100 15))")
                let tree = try STRtree([polygon, try polygon.buffer(distance: 1)])
                _ = try tree.nearest(to: try Geometry.point(x: 0, y: 0))
                _ = try PreparedGeometry(polygon).contains(try polygon.centroid())
                _ = try CoordinateTransform.fromWGS84(to: "EPSG:32648").apply(to: polygon)
                _ = try CoordinateTransform.fromWGS84(to: "EPSG:32647").inverse.apply(Coordinate(x: 500_000, y: 2_000_000))
                _ = try Geometry(polygon.shape).wkb()
            }
            return (start, LiveHandlesTests.counts(), 3)  // 4326→32648, 4326→32647 and 32647→4326 stay cached
        }
        #expect(start == 0)
        var expected = Dictionary(uniqueKeysWithValues: HandleKind.allCases.map { ($0, 0) })
        expected[.projTransform] = transforms
        #expect(end == expected)
    }

    @Test func aHandleCountsOnTheThreadThatFreesIt() throws {
        var geometry: Geometry? = try onNewThread { try Geometry.point(x: 1, y: 2) }  // that thread has ended
        #expect(geometry?.coordinates == [Coordinate(x: 1, y: 2)])  // still usable: no context needed
        let before = LiveHandles.onCurrentThread(.geometry)
        geometry = nil
        #expect(LiveHandles.onCurrentThread(.geometry) == before - 1)
    }
}
