import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// The findings of the facility loader, each from hand-written facilities added to the fixture
/// set (features 0–4 are good; the added ones are features 5, 6, …).
@Suite struct FacilityLoaderTests {
    private static let tierList = "health_centre, district_hospital, provincial_hospital, central_hospital"
    private static let serviceList = "epi, cold_chain, delivery, surgery, rehabilitation, maintenance_workshop"

    private func facilityFindings(_ extra: [String]) throws -> [Finding] {
        try findings(["facilities.geojson": try LayerFixtures.layer("facilities.geojson", adding: extra)])
    }

    private func loaded(_ extra: [String]) throws -> LayerSet {
        try withLayerSet(["facilities.geojson": try LayerFixtures.layer("facilities.geojson", adding: extra)]) {
            try LayerSet.load($0.sources())
        }
    }

    @Test func unknownTierSuggestsTheClosest() throws {
        let found = try facilityFindings([facilityFeature("HC-9", tier: "helth centre")])
        #expect(found.map(\.brief) == ["error unknown_tier facilities.geojson feature 5 tier HC-9"])
        #expect(found.first?.detail.reason == #"unknown tier "helth centre" (expected \#(Self.tierList))"#)
        #expect(found.first?.detail.suggestion == "did you mean health_centre?")
    }

    @Test func anUnknownTierFarFromAnyHasNoSuggestion() throws {
        let found = try facilityFindings([facilityFeature("HC-9", tier: "Hospital")])
        #expect(found.map(\.code) == ["unknown_tier"])
        #expect(found.first?.detail.suggestion == nil)
    }

    @Test func missingTier() throws {
        let found = try facilityFindings([facilityFeature("HC-9", tier: nil)])
        #expect(found.map(\.brief) == ["error missing_tier facilities.geojson feature 5 tier HC-9"])
        #expect(found.first?.detail.reason == "a facility needs a tier (\(Self.tierList))")
    }

    @Test func tiersWrittenLooselyAreRead() throws {
        let set = try loaded([
            facilityFeature("HC-9", tier: "Health Centre"), facilityFeature("HC-10", tier: "health center"),
            facilityFeature("DH-9", tier: "District-Hospital", subtype: "b"), facilityFeature("PH-9", tier: "PROVINCIAL_HOSPITAL"),
        ])
        #expect(set.report.findings.isEmpty)
        #expect(set.facilities.suffix(4).map(\.tier) == [.healthCentre, .healthCentre, .districtHospital, .provincialHospital])
        #expect(set.facilities.suffix(4).map(\.subtype) == [nil, nil, .b, nil])
    }

    @Test func unknownSubtype() throws {
        let found = try facilityFindings([facilityFeature("DH-9", tier: "district_hospital", subtype: "C")])
        #expect(found.map(\.brief) == ["error unknown_subtype facilities.geojson feature 5 subtype DH-9"])
        #expect(found.first?.detail.reason == #"unknown district hospital subtype "C" (expected A or B)"#)
    }

    @Test func aSubtypeOnAnotherTierIsDroppedWithAWarning() throws {
        let set = try loaded([facilityFeature("HC-9", subtype: "B")])
        #expect(set.report.findings.map(\.brief) == ["warning subtype_ignored facilities.geojson feature 5 subtype HC-9"])
        #expect(
            set.report.findings.first?.detail.reason
                == "a subtype (A/B) applies to district hospitals only; this is a health centre, so it is dropped")
        #expect(set.facilities.last?.subtype == nil)
    }

    @Test func unknownServiceSuggestsTheClosest() throws {
        let found = try facilityFindings([facilityFeature("HC-9", services: ["epi", "surgry"])])
        #expect(found.map(\.brief) == ["error unknown_service facilities.geojson feature 5 services HC-9"])
        #expect(found.first?.detail.reason == #"unknown service "surgry" (expected \#(Self.serviceList))"#)
        #expect(found.first?.detail.suggestion == "did you mean surgery?")
    }

    @Test func everyUnknownServiceIsListed() throws {
        let found = try facilityFindings([facilityFeature("HC-9", services: "epi; xray; Cold Chain; rehab")])
        #expect(found.map(\.code) == ["unknown_service", "unknown_service"])
        #expect(
            found.map(\.detail.reason) == [
                #"unknown service "xray" (expected \#(Self.serviceList))"#, #"unknown service "rehab" (expected \#(Self.serviceList))"#,
            ])
    }

    @Test func servicesAsTextListsAreReadAndSortedOnce() throws {
        let set = try loaded([
            facilityFeature("HC-9", services: "delivery; epi|Cold Chain, epi"), facilityFeature("HC-10", services: nil),
            facilityFeature("HC-11", services: []),
        ])
        // HC-10 lists no services (null): it gets its tier's defaults, none in the hierarchy the
        // fixture is loaded with, and the one warning says so; HC-11's empty list is a fact, not assumed.
        #expect(set.report.findings.map(\.brief) == ["warning services_assumed facilities.geojson file - -"])
        #expect(set.report.findings.first?.detail.reason.hasPrefix("1 of 8 facilities list no services") == true)
        #expect(set.facilities.suffix(3).map(\.services) == [[.epi, .coldChain, .delivery], [], []])
        #expect(set.facilities.suffix(3).map(\.servicesAssumed) == [false, true, false])
    }

    @Test func servicesOfTheWrongType() throws {
        let found = try facilityFindings([facilityFeature("HC-9", services: 5), facilityFeature("HC-10", services: ["epi", 7])])
        #expect(
            found.map(\.brief) == [
                "error invalid_services facilities.geojson feature 5 services HC-9",
                "error invalid_services facilities.geojson feature 6 services[1] HC-10",
            ])
        #expect(found.map(\.detail.reason) == ["expected a list of names, found a number", "expected text, found a number"])
    }

    @Test func negativeCapacity() throws {
        let found = try facilityFindings([facilityFeature("HC-9", capacity: -10)])
        #expect(found.map(\.brief) == ["error negative_capacity facilities.geojson feature 5 capacity HC-9"])
        #expect(found.first?.detail.reason == "expected a whole number ≥ 0, found -10")
    }

    @Test func capacityThatIsNotAWholeNumber() throws {
        let found = try facilityFindings([facilityFeature("HC-9", capacity: "lots")])
        #expect(found.map(\.brief) == ["error invalid_capacity facilities.geojson feature 5 capacity HC-9"])
    }

    @Test func missingNameIsAWarning() throws {
        let set = try loaded([facilityFeature("HC-9", name: nil)])
        #expect(set.report.findings.map(\.brief) == ["warning missing_name facilities.geojson feature 5 name HC-9"])
        #expect(set.facilities.last?.name == "HC-9")
    }

    @Test func duplicateIdentifier() throws {
        let found = try facilityFindings([facilityFeature("PH-LA11")])
        #expect(found.map(\.brief) == ["error duplicate_id facilities.geojson feature 5 facility_id PH-LA11"])
        #expect(found.first?.detail.reason == "duplicate facility identifier PH-LA11 (first at feature 1)")
    }

    @Test func aMultiPointOfOneIsAPoint() throws {
        let set = try loaded([facilityFeature("HC-9", geometry: #"{"type": "MultiPoint", "coordinates": [[103.7, 18.7]]}"#)])
        #expect(set.report.findings.isEmpty)
        #expect(set.facilities.last?.location == Coordinate(x: 103.7, y: 18.7))
    }
}
