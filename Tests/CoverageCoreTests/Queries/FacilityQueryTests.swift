import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

@Suite("FacilityQuery on the tiny set")
struct FacilityQueryTests {
    let layers: LayerSet

    init() throws {
        layers = try TinyCatchmentSet.layers()
    }

    @Test func aHealthCentresCatchmentAndItsNearestDistrictHospital() throws {
        let answer = try FacilityQuery("A", layers: layers, standards: TinyCatchmentSet.standards)
        #expect(answer.facility.id == "A")
        #expect(answer.district?.nameEN == "West")
        #expect(answer.catchment?.points.map { layers.villages[$0].code } == ["1101001", "1101002"])
        #expect(answer.catchment?.figures.population == 300)
        // The facilities providing health-centre care: A, B, C, Z and D (a district hospital).
        #expect(answer.providerCount == 5)
        #expect(answer.nextTier == .districtHospital)
        let next = try #require(answer.nextUp)
        #expect(next.nearest.facility.map { layers.facilities[$0].id } == "D")
        let meters = try Geodesic.wgs84.distanceMeters(from: TinyCatchmentSet.a, to: Coordinate(lon: 103.55, lat: 18.45))
        #expect(abs(next.nearest.distanceMeters! - meters) < 1e-3)
        #expect(next.administrativeDiffers == false)
    }

    /// A facility's catchment is the one of its own tier's care: the health centres' among the
    /// health-centre catchments, D's among the district-hospital ones (D also provides health-centre
    /// care, where its catchment is empty; the query is about its own tier).
    @Test func theCatchmentAgreesWithCatchments() throws {
        var compared: [String] = []
        for tier in [FacilityTier.healthCentre, .districtHospital] {
            let catchments = try TinyCatchmentSet.catchments(layers, target: .tier(tier))
            for catchment in catchments.catchments where layers.facilities[catchment.facility].tier == tier {
                let answer = try FacilityQuery(layers.facilities[catchment.facility].id, layers: layers, standards: TinyCatchmentSet.standards)
                #expect(answer.catchment == catchment)
                compared.append(answer.facility.id)
            }
        }
        #expect(compared == ["A", "B", "C", "Z", "D"])
    }

    @Test func aFacilityServingNoneHasAnEmptyCatchment() throws {
        let answer = try FacilityQuery("Z", layers: layers, standards: TinyCatchmentSet.standards)
        #expect(answer.catchment?.isEmpty == true)
        #expect(answer.catchment?.figures == .zero)
    }

    @Test func aDistrictHospitalWithNoProvincialHospitalAbove() throws {
        let answer = try FacilityQuery("D", layers: layers, standards: TinyCatchmentSet.standards)
        #expect(answer.providerCount == 1)
        #expect(answer.catchment?.pointCount == 6)
        #expect(answer.nextTier == .provincialHospital)
        #expect(answer.nextUp?.nearest == .unreachable)
    }

    @Test func theCentralHospitalHasNoTierAbove() throws {
        let central = Facility(
            id: "CH", name: "Central", tier: .centralHospital, subtype: nil, services: [], capacity: nil,
            districtPcode: "LA1101", provincePcode: "LA11", location: Coordinate(lon: 103.5, lat: 18.5), source: "test")
        let set = try TinyCatchmentSet.layers(facilities: TinyCatchmentSet.facilities + [central])
        let answer = try FacilityQuery("CH", layers: set, standards: TinyCatchmentSet.standards)
        #expect(answer.nextTier == nil)
        #expect(answer.nextUp == nil)
        #expect(answer.catchment?.pointCount == 6)
        let json = try #require(answer.json(facilities: set.facilities).objectValue)
        #expect(json["next_tier_up"] == .null)
        #expect(json["facility"]?.objectValue?["capacity"] == .null)
        #expect(json["facility"]?.objectValue?["services"] == .array([]))
        #expect(json["catchment"]?.objectValue?["villages"] == .number(6))
    }

    @Test func anAmbiguousNameListsEveryFacility() throws {
        let twin = Facility(
            id: "A2", name: "A Health Centre", tier: .healthCentre, subtype: nil, services: [], capacity: nil,
            districtPcode: "LA1102", provincePcode: "LA11", location: Coordinate(lon: 104.5, lat: 18.2), source: "test")
        let set = try TinyCatchmentSet.layers(facilities: TinyCatchmentSet.facilities + [twin])
        let error = try #require(throws: QueryLookupError.self) {
            try FacilityQuery("a health centre", layers: set, standards: TinyCatchmentSet.standards)
        }
        #expect(error.kind == .ambiguous)
        #expect(error.candidates.map(\.id) == ["A", "A2"])
        #expect(error.headline == #"2 facilities are named "a health centre"; give the id of one:"#)
    }
}
