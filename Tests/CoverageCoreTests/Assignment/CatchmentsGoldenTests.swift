import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// The Xaisomboun (LA18) cut of the shipped data (Fixtures/catchments: 5 districts, 96 villages,
/// 11 health centres, 5 district hospitals, 1 provincial hospital) against the values
/// make_catchments_fixture.py computed with pyproj's Geod by brute force, independently of the
/// toolkit (no near ties: the nearest and second-nearest facility of every village differ by at
/// least 66 m for health centres, 150 m for district hospitals).
@Suite("Catchments on the Xaisomboun cut, checked against pyproj")
struct CatchmentsGoldenTests {
    @Test(arguments: [FacilityTier.healthCentre, .districtHospital, .provincialHospital])
    func villagesAndFiguresPerFacilityMatchPyproj(tier: FacilityTier) throws {
        let layers = try XaisomboonCut.layers()
        #expect(layers.villages.count == 96)
        let catchments = try Catchments(layers: layers, standards: try XaisomboonCut.standards(), target: .tier(tier))
        let expected = try XaisomboonCut.expectedRows(tier)
        #expect(catchments.catchments.map { layers.facilities[$0.facility].id } == expected.map(\.facilityId))
        for (catchment, row) in zip(catchments.catchments, expected) {
            #expect(catchment.points.map { layers.villages[$0].code } == row.villageCodes, "\(row.facilityId)")
            for group in TargetGroup.allCases {
                #expect(catchment.figures[group] == row.figures[group], "\(row.facilityId) \(group.rawValue)")
            }
        }
        #expect(catchments.unserved.isEmpty)
    }

    @Test func healthCentreFiguresAsPyprojFoundThem() throws {
        // The values in expected_catchments.json, written out: a change in the fixture shows here.
        let rows = try XaisomboonCut.expectedRows(.healthCentre)
        #expect(
            rows.map(\.facilityId) == [
                "HC-LA1801-01", "HC-LA1801-02", "HC-LA1802-01", "HC-LA1802-02", "HC-LA1802-03",
                "HC-LA1803-01", "HC-LA1803-02", "HC-LA1804-01", "HC-LA1805-01", "HC-LA1805-02", "HC-LA1805-03",
            ])
        #expect(rows.map(\.villageCodes.count) == [6, 13, 1, 9, 11, 8, 8, 5, 2, 20, 13])
        #expect(rows.map { $0.figures[.population]! } == [9_630, 15_492, 1_072, 9_642, 11_834, 9_446, 7_424, 5_580, 2_530, 27_813, 16_298])
        #expect(rows.map { $0.figures[.population]! }.reduce(0, +) == 116_761)
    }

    @Test(arguments: [FacilityTier.healthCentre, .districtHospital])
    func nearestDistancesAgreeWithPyprojToAMillimetre(tier: FacilityTier) throws {
        let layers = try XaisomboonCut.layers()
        let catchments = try Catchments(layers: layers, standards: try XaisomboonCut.standards(), target: .tier(tier))
        let expected = try XaisomboonCut.expectedNearest(tier)
        for (village, care) in zip(layers.villages, catchments.assignment.nearest(.tier(tier))) {
            let want = try #require(expected[village.code])
            #expect(care.facility.map { layers.facilities[$0].id } == want.id)
            #expect(abs((care.distanceMeters ?? .nan) - want.meters) < 1e-3, "\(village.code)")
        }
    }

    @Test(arguments: [FacilityTier.healthCentre, .districtHospital])
    func polygonsHoldTheirVillagesTileTheCutAndMatchItsPyprojArea(tier: FacilityTier) throws {
        let layers = try XaisomboonCut.layers()
        let catchments = try Catchments(layers: layers, standards: try XaisomboonCut.standards(), target: .tier(tier))
        let polygons = try CatchmentPolygons(catchments: catchments, districts: layers.districts)
        #expect(polygons.pointsOutsideCountry.isEmpty)
        for (index, catchment) in catchments.catchments.enumerated() {
            let polygon = try #require(polygons.polygons[index])
            #expect(try polygon.isValid())
            for point in catchment.points {
                #expect(
                    try polygon.covers(Geometry.point(layers.villages[point].location)),
                    "\(layers.villages[point].code) not in \(layers.facilities[catchment.facility].id)'s polygon")
            }
        }
        let present = polygons.polygons.compactMap { $0 }
        var overlap = 0.0
        for i in present.indices { for j in present.indices where j > i { overlap += try overlapArea(present[i], present[j]) } }
        #expect(overlap < 1e-12)
        let countryArea = try polygons.country.planarArea()
        let unionArea = try Geometry.unaryUnion(of: present).planarArea()
        #expect(abs(unionArea - countryArea) / countryArea < 1e-9)
        // Geodesic areas add up to pyproj's area of the five districts.
        let expectedKm2 = try #require(try XaisomboonCut.expected()["country_area_km2"] as? Double)
        let km2 = polygons.areasSquareMeters.reduce(0, +) / 1e6
        #expect(abs(km2 - expectedKm2) / expectedKm2 < 1e-6, "\(km2) km² against pyproj's \(expectedKm2)")
    }
}
