import CoverageCore
import Foundation
import GeoIO
import TestSupport
import Testing

/// Who provides a tier's care: under the hierarchy a higher tier provides every package below its
/// own, so the nearest provider of health-centre care may be a hospital, while the nearest health
/// centre itself is reported beside it. Expected facilities and distances on the hand-made layer
/// set come from pyproj's `Geod(ellps="WGS84").inv` (Tests/CoverageCoreTests/Fixtures/layers),
/// computed once and written here.
@Suite struct CareProvidersTests {
    let layers: LayerSet
    let assignment: CoverageAssignment

    init() throws {
        layers = try LayerSet.load(try LayerFixtures.sources())
        let standards = try ShippedStandards.straight()
        assignment = try CoverageAssignment(layers: layers, standards: standards, targets: FacilityTier.allCases.map(CareTarget.tier))
    }

    private func ids(_ assignments: [CareAssignment]?) -> [String?] {
        (assignments ?? []).map { $0.facility.map { layers.facilities[$0].id } }
    }

    @Test func theNearestProviderOfPrimaryCareMayBeAHospital() throws {
        #expect(layers.villages.map(\.code) == ["1101001", "1101002", "1102001", "1201001", "1201002"])
        #expect(
            ids(assignment.nearest(.tier(.healthCentre))) == ["PH-LA11", "PH-LA11", "DH-LA1102", "HC-LA1201-01", "CH-01"])
        #expect(
            ids(assignment.nearestOfTier[.tier(.healthCentre)])
                == ["HC-LA1101-01", "HC-LA1101-01", "HC-LA1101-01", "HC-LA1201-01", "HC-LA1201-01"])
        let providers = [15_300.211, 40_552.631, 11_068.675, 30_685.023, 80_025.098]
        let ownTier = [30_587.959, 50_087.809, 128_569.121, 30_685.023, 180_843.916]
        for (care, meters) in zip(assignment.nearest(.tier(.healthCentre)), providers) {
            #expect(abs((care.distanceMeters ?? .nan) - meters) < 0.001)
        }
        for (care, meters) in zip(assignment.nearestOfTier[.tier(.healthCentre)] ?? [], ownTier) {
            #expect(abs((care.distanceMeters ?? .nan) - meters) < 0.001)
        }
    }

    @Test func provincialCareComesFromProvincialAndCentralHospitalsOnly() {
        // B. Five is 80.0 km from the central hospital and 172.6 km from the provincial one.
        #expect(ids(assignment.nearest(.tier(.provincialHospital))) == ["PH-LA11", "PH-LA11", "PH-LA11", "PH-LA11", "CH-01"])
        #expect(ids(assignment.nearestOfTier[.tier(.provincialHospital)]) == Array(repeating: "PH-LA11", count: 5))
        #expect(ids(assignment.nearest(.tier(.centralHospital))) == Array(repeating: "CH-01", count: 5))
    }

    @Test func theRowsNameTheProvidersTierAndTheNearestFacilityOfTheTier() throws {
        let rows = assignment.rows(facilities: layers.facilities)
        let three = try #require(rows.first { $0.properties["village_code"]?.stringValue == "1102001" }).properties
        #expect(three["health_centre_id"]?.stringValue == "DH-LA1102")
        #expect(three["health_centre_provider_tier"]?.stringValue == "district_hospital")
        #expect(three["nearest_health_centre_id"]?.stringValue == "HC-LA1101-01")
        #expect(three["nearest_health_centre_name"]?.stringValue == "B. Two Health Centre")
        #expect(abs((three["nearest_health_centre_distance_m"]?.numberValue ?? .nan) - 128_569.121) < 0.001)
        // 128.569 km × 1.4 on foot at 4 km/h = 2,700 min (to 0.01).
        #expect(three["nearest_health_centre_minutes"]?.numberValue == 2_699.95)
        let four = try #require(rows.first { $0.properties["village_code"]?.stringValue == "1201001" }).properties
        #expect(four["health_centre_provider_tier"]?.stringValue == "health_centre")
        #expect(four["nearest_health_centre_id"] == four["health_centre_id"])
        let keys = Set(three.keys)
        #expect(keys.contains("central_hospital_provider_tier") && keys.contains("nearest_central_hospital_id"))
    }

    @Test func aModelWhereHospitalsProvideOnlyTheirOwnPackageFallsBackToHealthCentres() throws {
        let sources = try LayerFixtures.sources().with {
            $0.careModel = CareModel(packages: [
                .districtHospital: [.districtHospital], .provincialHospital: [.provincialHospital], .centralHospital: [.centralHospital],
            ])
        }
        let own = try LayerSet.load(sources)
        let standards = try ShippedStandards.straight()
        let assigned = try CoverageAssignment(layers: own, standards: standards, targets: [.tier(.healthCentre), .tier(.provincialHospital)])
        let providers = assigned.nearest(.tier(.healthCentre)).map { $0.facility.map { own.facilities[$0].id } }
        #expect(providers == ["HC-LA1101-01", "HC-LA1101-01", "HC-LA1101-01", "HC-LA1201-01", "HC-LA1201-01"])
        let provincial = assigned.nearest(.tier(.provincialHospital)).map { $0.facility.map { own.facilities[$0].id } }
        #expect(provincial == Array(repeating: "PH-LA11", count: 5))
    }

    @Test func aFacilityFiledAtATierWithoutItsPackageIsNoOnesReferralOrNearestOfTier() throws {
        // A rehabilitation centre filed as a provincial hospital in LA1201, whose province has no
        // provincial hospital: its villages stay referred to the central hospital.
        let centre = featureText(
            [
                "facility_id": "RC-9", "name": "Rehabilitation Centre", "tier": "provincial_hospital", "services": ["rehabilitation"],
                "care_packages": [], "district_pcode": "LA1201", "province_pcode": "LA12", "source": "test",
            ], geometry: pointGeometry(104.0, 17.6))
        try withLayerSet(["facilities.geojson": try LayerFixtures.layer("facilities.geojson", adding: [centre])]) { scratch in
            let set = try LayerSet.load(scratch.sources())
            #expect(set.facilities.last?.carePackages == [])
            let standards = try ShippedStandards.straight()
            let assigned = try CoverageAssignment(
                layers: set, standards: standards, targets: [.tier(.healthCentre), .tier(.provincialHospital), .service(.rehabilitation)])
            let id = { (care: CareAssignment) in care.facility.map { set.facilities[$0].id } }
            let four = try #require(set.villages.firstIndex { $0.code == "1201001" })
            #expect(id(assigned.nearest(.tier(.provincialHospital))[four]) == "PH-LA11")
            #expect(id(assigned.nearestOfTier[.tier(.provincialHospital)]![four]) == "PH-LA11")
            #expect(id(assigned.administrative[.tier(.provincialHospital)]![four]) == "CH-01")
            #expect(id(assigned.nearest(.tier(.healthCentre))[four]) == "HC-LA1201-01")
            #expect(id(assigned.nearest(.service(.rehabilitation))[four]) == "RC-9")
        }
    }
}
