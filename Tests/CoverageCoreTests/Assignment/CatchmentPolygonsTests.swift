import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

@Suite("CatchmentPolygons: Voronoi catchments that tile the country")
struct CatchmentPolygonsTests {
    let layers: LayerSet
    let catchments: Catchments
    let polygons: CatchmentPolygons

    init() throws {
        (layers, catchments, polygons) = try TinyCatchmentSet.healthCentreCatchments()
    }

    private func polygon(_ id: String) throws -> Geometry? {
        let index = try #require(catchments.catchments.firstIndex { layers.facilities[$0.facility].id == id })
        return polygons.polygons[index]
    }

    @Test func theCountryIsTheUnionOfTheDistricts() throws {
        // A 1° square and a half-square triangle: 1.5 degrees².
        #expect(abs(try polygons.country.planarArea() - 1.5) < 1e-12)
    }

    @Test func everyVillageLiesInItsFacilitysPolygon() throws {
        for catchment in catchments.catchments {
            for point in catchment.points {
                let polygon = try #require(polygons.polygons[catchments.catchments.firstIndex(of: catchment)!])
                #expect(
                    try polygon.covers(Geometry.point(layers.villages[point].location)),
                    "village \(layers.villages[point].code) is not in the polygon of \(layers.facilities[catchment.facility].id)")
            }
        }
        #expect(polygons.pointsOutsideCountry.isEmpty)
    }

    @Test func polygonsDoNotOverlapAndTheirUnionIsTheCountry() throws {
        let present = polygons.polygons.compactMap { $0 }
        #expect(present.count == 3)
        for i in present.indices {
            #expect(try present[i].isValid())
            for j in present.indices where j > i {
                #expect(try overlapArea(present[i], present[j]) < 1e-12)
            }
        }
        let union = try Geometry.unaryUnion(of: present)
        #expect(abs(try union.planarArea() - 1.5) < 1e-9)
        #expect(try union.difference(polygons.country).planarArea() < 1e-12)
        #expect(try polygons.country.difference(union).planarArea() < 1e-9)
        #expect(abs(present.map { try! $0.planarArea() }.reduce(0, +) - 1.5) < 1e-9)
    }

    @Test func aFacilityServingNoneHasNoPolygonAndNoArea() throws {
        let index = try #require(catchments.catchments.firstIndex { layers.facilities[$0.facility].id == "Z" })
        #expect(polygons.polygons[index] == nil)
        #expect(polygons.areasSquareMeters[index] == 0)
    }

    @Test func villagesAtTheSameCoordinatesShareACellOfTheirFacility() throws {
        // v5 and v6 lie at (103.8, 18.85): one Voronoi site, one cell, C's.
        let c = try #require(try polygon("C"))
        #expect(try c.covers(Geometry.point(x: 103.8, y: 18.85)))
        #expect(try polygon("A").map { try $0.covers(Geometry.point(x: 103.8, y: 18.85)) } == false)
    }

    @Test func cellsAreClippedToTheCountryNotItsEnvelope() throws {
        // (104.9, 18.9) is in the envelope of the districts but outside the triangle.
        let outside = try Geometry.point(x: 104.9, y: 18.9)
        for case let polygon? in polygons.polygons { #expect(try !polygon.covers(outside)) }
        // Every edge point of the country's east side is in some polygon (B's, nearest there).
        #expect(try polygon("B").map { try $0.covers(Geometry.point(x: 104.5, y: 18.1)) } == true)
    }

    @Test func areasAreGeodesicAndAddUpToTheCountry() throws {
        let country = try Geodesic.wgs84.areaPerimeter(of: polygons.country).areaSquareMeters
        let sum = polygons.areasSquareMeters.reduce(0, +)
        // Each edge counts as a geodesic. The tiny set's district edges are a degree long; where
        // cell edges split them, the pieces follow the straight line in degrees more closely than
        // one geodesic does, so the sum differs from the country's area by up to about 0.05 %.
        // (With the shipped data's short edges they agree to 10⁻⁶: CatchmentsGoldenTests.)
        #expect(abs(sum - country) / country < 1e-3)
        // One degree square at 18–19° N is about 111 × 105.6 km ≈ 11,700 km²; the whole country is 1.5 of them.
        #expect(country > 17_000e6 && country < 18_000e6)
        for (polygon, area) in zip(polygons.polygons, polygons.areasSquareMeters) {
            if let polygon { #expect(abs(try Geodesic.wgs84.areaPerimeter(of: polygon).areaSquareMeters - area) < 1e-3) }
        }
    }

    @Test func theResultDoesNotDependOnTheThreadCount() throws {
        let one = try CatchmentPolygons(catchments: catchments, districts: layers.districts, threads: 1)
        let four = try CatchmentPolygons(catchments: catchments, districts: layers.districts, threads: 4)
        for (a, b) in zip(one.polygons, four.polygons) {
            #expect(try a.map { try GeoJSONWriter.geometryText($0.shape) } == b.map { try GeoJSONWriter.geometryText($0.shape) })
        }
        #expect(one.areasSquareMeters == four.areasSquareMeters)
    }

    @Test func aSingleVillageGetsTheWholeCountry() throws {
        let single = try TinyCatchmentSet.layers(villages: [TinyCatchmentSet.villages[0]])
        let catchments = try TinyCatchmentSet.catchments(single)
        let polygons = try CatchmentPolygons(catchments: catchments, districts: single.districts)
        let a = try #require(polygons.polygons[0])
        #expect(abs(try a.planarArea() - 1.5) < 1e-12)
        #expect(polygons.polygons.dropFirst().allSatisfy { $0 == nil })
    }

    @Test func onlyDuplicateVillagesGiveOneSiteAndTheWholeCountry() throws {
        let pair = try TinyCatchmentSet.layers(villages: Array(TinyCatchmentSet.villages[4...5]))
        let catchments = try TinyCatchmentSet.catchments(pair)
        let polygons = try CatchmentPolygons(catchments: catchments, districts: pair.districts)
        let c = try #require(polygons.polygons[2])
        #expect(abs(try c.planarArea() - 1.5) < 1e-12)
        #expect(catchments.catchments[2].pointCount == 2)
    }

    @Test func collinearVillagesStillTileTheCountry() throws {
        // Three villages on one parallel: the cells are strips; A gets the two western, C the eastern.
        // The health centres only: D, which provides health-centre care too, would take the middle
        // village (28.2 km from D, 30.6 km from A by pyproj Geod) and leave no catchment of two.
        let line = [
            TinyCatchmentSet.village("1101011", 103.2, 18.7, 1), TinyCatchmentSet.village("1101012", 103.5, 18.7, 2),
            TinyCatchmentSet.village("1101013", 103.85, 18.7, 3),
        ]
        let set = try TinyCatchmentSet.layers(villages: line, facilities: TinyCatchmentSet.facilities.filter { $0.tier == .healthCentre })
        let catchments = try TinyCatchmentSet.catchments(set)
        let polygons = try CatchmentPolygons(catchments: catchments, districts: set.districts)
        #expect(catchments.catchments.map(\.pointCount) == [2, 0, 1, 0])
        let present = polygons.polygons.compactMap { $0 }
        #expect(present.count == 2)
        #expect(try overlapArea(present[0], present[1]) < 1e-12)
        #expect(abs(try Geometry.unaryUnion(of: present).planarArea() - 1.5) < 1e-9)
        for (index, catchment) in catchments.catchments.enumerated() {
            for point in catchment.points { #expect(try polygons.polygons[index]!.covers(Geometry.point(line[point].location))) }
        }
    }

    @Test func noVillagesGiveNoPolygons() throws {
        let empty = try TinyCatchmentSet.layers(villages: [])
        let catchments = try TinyCatchmentSet.catchments(empty)
        let polygons = try CatchmentPolygons(catchments: catchments, districts: empty.districts)
        // One entry per facility providing health-centre care: A, B, C, Z and D.
        #expect(polygons.polygons.count == 5)
        #expect(polygons.polygons.allSatisfy { $0 == nil })
        #expect(polygons.areasSquareMeters == [0, 0, 0, 0, 0])
    }

    @Test func noFacilityGivesNoPolygonsEvenWithVillages() throws {
        let catchments = try TinyCatchmentSet.catchments(layers, target: .service(.rehabilitation))
        let polygons = try CatchmentPolygons(catchments: catchments, districts: layers.districts)
        #expect(polygons.polygons.isEmpty)
    }

    @Test func aVillageOutsideTheCountryIsListedAndInNoPolygonButCounted() throws {
        // 0.05° north of the west square, outside every district: C (103.9, 18.9) is its nearest
        // facility, 0.15° away, so it counts in C's figures; but the clip to the country cuts its cell off.
        let outside = TinyCatchmentSet.village("1101009", 103.9, 19.05, 70)
        let set = try TinyCatchmentSet.layers(villages: TinyCatchmentSet.villages + [outside])
        let catchments = try TinyCatchmentSet.catchments(set)
        let polygons = try CatchmentPolygons(catchments: catchments, districts: set.districts)
        #expect(polygons.pointsOutsideCountry == [6])
        #expect(catchments.catchments[2].points == [4, 5, 6])
        #expect(catchments.catchments[2].figures.population == 620)
        for case let polygon? in polygons.polygons { #expect(try !polygon.covers(Geometry.point(outside.location))) }
        let union = try Geometry.unaryUnion(of: polygons.polygons.compactMap { $0 })
        #expect(abs(try union.planarArea() - 1.5) < 1e-9)
    }

    @Test func everyVillageOfAGridLiesInItsFacilitysPolygon() throws {
        // 64 villages 0.12° apart: the cells are planar bisectors in degrees, the assignment is
        // geodesic, and yet each village lies in its own facility's polygon.
        var villages: [Village] = []
        for row in 0..<8 {
            for column in 0..<8 {
                villages.append(TinyCatchmentSet.village("11010\(row)\(column)", 103.05 + Double(column) * 0.12, 18.05 + Double(row) * 0.12, 10))
            }
        }
        let set = try TinyCatchmentSet.layers(villages: villages)
        let catchments = try TinyCatchmentSet.catchments(set)
        let polygons = try CatchmentPolygons(catchments: catchments, districts: set.districts)
        for (index, catchment) in catchments.catchments.enumerated() {
            for point in catchment.points {
                let polygon = try #require(polygons.polygons[index])
                #expect(try polygon.covers(Geometry.point(villages[point].location)))
            }
        }
    }

    @Test func theConvexRingTestIsStrict() {
        let square = [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 1), Coordinate(x: 0, y: 0)]
        #expect(VoronoiTiling.convexRing(square, strictlyContains: Coordinate(x: 0.5, y: 0.5)))
        #expect(VoronoiTiling.convexRing(Array(square.reversed()), strictlyContains: Coordinate(x: 0.5, y: 0.5)))
        #expect(!VoronoiTiling.convexRing(square, strictlyContains: Coordinate(x: 1, y: 0.5)))
        #expect(!VoronoiTiling.convexRing(square, strictlyContains: Coordinate(x: 1.5, y: 0.5)))
        #expect(!VoronoiTiling.convexRing([], strictlyContains: Coordinate(x: 0, y: 0)))
    }
}
