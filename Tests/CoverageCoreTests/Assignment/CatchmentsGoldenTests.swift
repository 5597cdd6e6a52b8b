import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// The Xaisomboun (LA18) cut of the shipped data as it was before issue 14 (Fixtures/catchments: 5
/// districts, 96 villages, 11 health centres, 5 district hospitals, 1 provincial hospital, all
/// proxies) against the values make_catchments_fixture.py computed with pyproj's Geod by brute
/// force, independently of the toolkit, for issue 14's care model: the 17 facilities provide
/// health-centre care, the 5 district hospitals and the provincial hospital district-hospital care.
/// No near ties: the nearest and second-nearest provider of every village differ by at least 4.0 m
/// for health-centre care, 150 m for district-hospital care; except that PH-LA18 and DH-LA1801
/// stand at the same point, an exact tie that goes to PH-LA18, first in the file (so DH-LA1801
/// serves no village for either care).
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
        // Every facility of the cut provides health-centre care (issue 14's care model).
        let rows = try XaisomboonCut.expectedRows(.healthCentre)
        #expect(
            rows.map(\.facilityId) == [
                "PH-LA18", "DH-LA1801", "DH-LA1802", "DH-LA1803", "DH-LA1804", "DH-LA1805",
                "HC-LA1801-01", "HC-LA1801-02", "HC-LA1802-01", "HC-LA1802-02", "HC-LA1802-03",
                "HC-LA1803-01", "HC-LA1803-02", "HC-LA1804-01", "HC-LA1805-01", "HC-LA1805-02", "HC-LA1805-03",
            ])
        #expect(rows.map(\.villageCodes.count) == [8, 0, 8, 6, 8, 6, 6, 9, 1, 6, 5, 8, 6, 2, 1, 6, 10])
        #expect(
            rows.map { $0.figures[.population]! } == [
                12_844, 0, 8_576, 5_568, 8_929, 7_590, 9_630, 11_780, 1_072, 6_426, 5_358, 9_446, 5_568, 2_232, 1_265, 7_974, 12_503,
            ])
        #expect(rows.map { $0.figures[.population]! }.reduce(0, +) == 116_761)
        // District-hospital care: the provincial hospital provides it too.
        let hospitals = try XaisomboonCut.expectedRows(.districtHospital)
        #expect(hospitals.map(\.facilityId) == ["PH-LA18", "DH-LA1801", "DH-LA1802", "DH-LA1803", "DH-LA1804", "DH-LA1805"])
        #expect(hospitals.map { $0.figures[.population]! } == [16_054, 0, 28_397, 11_136, 19_326, 41_848])
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
            // DH-LA1801 serves no village (see above): no polygon.
            if catchment.isEmpty {
                #expect(polygons.polygons[index] == nil && layers.facilities[catchment.facility].id == "DH-LA1801")
                continue
            }
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
