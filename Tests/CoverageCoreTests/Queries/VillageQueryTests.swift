import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

@Suite("VillageQuery and CareAnswer on the tiny set")
struct VillageQueryTests {
    let layers: LayerSet

    init() throws {
        layers = try TinyCatchmentSet.layers()
    }

    @Test func theAnswerIsTheAssignmentsRowForTheVillage() throws {
        let answer = try VillageQuery("1101002", layers: layers, standards: TinyCatchmentSet.standards)
        #expect(answer.position == 1)
        #expect(answer.village.code == "1101002")
        #expect(answer.district?.nameEN == "West")
        #expect(answer.province?.nameEN == "Eleven")
        #expect(answer.care.map(\.target) == FacilityTier.allCases.map(CareTarget.tier))
        let assignment = try CoverageAssignment(
            layers: layers, standards: TinyCatchmentSet.standards,
            targets: FacilityTier.allCases.map(CareTarget.tier))
        for care in answer.care {
            #expect(care.nearest == assignment.nearest(care.target)[1])
            #expect(care.administrative == assignment.administrative[care.target]?[1])
        }
        #expect(answer.chain == assignment.chains?[1])
    }

    @Test func distancesTimesAndThresholdsAreRight() throws {
        let answer = try VillageQuery("1101002", layers: layers, standards: TinyCatchmentSet.standards)
        let healthCentre = answer.care[0]
        #expect(healthCentre.nearest.facility.map { layers.facilities[$0].id } == "A")
        // Karney's geodesic (GeometryKit), not the kernel: the two agree to well under a millimetre.
        let meters = try Geodesic.wgs84.distanceMeters(from: Coordinate(lon: 103.4, lat: 18.6), to: TinyCatchmentSet.a)
        #expect(abs(healthCentre.nearest.distanceMeters! - meters) < 1e-3)
        #expect(abs(healthCentre.nearest.minutes! - meters / 1_000 * 1.4 / 4 * 60) < 1e-9)
        #expect(abs(meters - 15_296.065) < 1e-2)  // pyproj Geod(ellps="WGS84").inv
        #expect(healthCentre.checks == [.init(threshold: .kilometers(5), covered: false), .init(threshold: .minutes(60), covered: false)])
        #expect(!healthCentre.isCoveredAtEveryThreshold)
        #expect(healthCentre.mode == .walking)
        // District hospital D (103.55, 18.45): 22,945.7 m (pyproj), 64.2 minutes by motorbike: beyond both.
        let districtHospital = answer.care[1]
        #expect(districtHospital.nearest.facility.map { layers.facilities[$0].id } == "D")
        #expect(abs(districtHospital.nearest.distanceMeters! - 22_945.652) < 1e-2)
        #expect(districtHospital.checks.map(\.covered) == [false, false])
        // With limits of 25 km and 65 minutes it is covered at both.
        let wider = try VillageQuery("1101002", layers: layers, standards: TinyCatchmentSet.standards.overriding(kilometers: [25], minutes: [65]))
        #expect(wider.care[1].checks == [.init(threshold: .kilometers(25), covered: true), .init(threshold: .minutes(65), covered: true)])
        #expect(wider.care[1].isCoveredAtEveryThreshold)
        // No provincial or central hospital: unreachable, never covered, explicit nils.
        #expect(answer.care[2].nearest == .unreachable)
        #expect(answer.care[2].checks.map(\.covered) == [false, false])
        #expect(answer.care[3].administrative == .unreachable)
    }

    @Test func theAdministrativeFacilityIsFlaggedWhenItDiffers() throws {
        // 1102001 (East): nearest health centre B, also the only one of its district.
        let east = try VillageQuery("1102001", layers: layers, standards: TinyCatchmentSet.standards)
        #expect(east.care[0].administrativeDiffers == false)
        // Its district hospital: D lies in West; East has none, so the administrative mode has none.
        #expect(east.care[1].administrative == .unreachable)
        #expect(east.care[1].administrativeDiffers == true)
    }

    @Test func servicesHaveNoAdministrativeFacility() throws {
        let answer = try VillageQuery(
            "1101001", layers: layers, standards: TinyCatchmentSet.standards.adding(.epi),
            targets: [.service(.epi)])
        #expect(answer.care.map(\.target) == [.service(.epi)])
        #expect(answer.care[0].administrative == nil)
        #expect(answer.care[0].administrativeDiffers == nil)
    }

    @Test func anUnknownVillageFailsBeforeAnyAssignment() throws {
        #expect(throws: QueryLookupError.self) { try VillageQuery("nowhere", layers: layers, standards: TinyCatchmentSet.standards) }
    }

    @Test func theJSONHasEveryFieldWithExplicitNulls() throws {
        let answer = try VillageQuery("1102002", layers: layers, standards: TinyCatchmentSet.standards)
        let json = try answer.json(facilities: layers.facilities).jsonText()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "village")
        let village = try #require(object["village"] as? [String: Any])
        #expect(village["village_code"] as? String == "1102002")
        #expect(village["population"] as? Int == 400)
        #expect(village["under5"] is NSNull)
        #expect(village["population_estimated"] as? Bool == false)
        #expect(village["district_name"] as? String == "East")
        let care = try #require(object["care"] as? [[String: Any]])
        #expect(care.count == 4)
        let provincial = try #require(care[2]["nearest"] as? [String: Any])
        #expect(provincial.keys.sorted() == ["distance_m", "facility_id", "facility_name", "facility_source", "facility_tier", "minutes"])
        #expect(provincial.values.allSatisfy { $0 is NSNull })
        #expect((care[0]["covered"] as? [String: Bool]) == ["5km": false, "60min": false])
        let chain = try #require(object["referral_chain"] as? [String: Any])
        let hops = try #require(chain["hops"] as? [[String: Any]])
        #expect(hops.map { $0["level"] as? String } == ["health_centre", "district_hospital", "provincial_hospital"])
        #expect(hops[0]["facility_id"] as? String == "B")
        #expect(hops[2]["facility_id"] is NSNull)
        #expect(chain["total_distance_m"] is NSNull)
        #expect(chain["referred_to_central"] as? Bool == false)
    }
}
