import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

/// A facility's `care_packages` and `services` against the care model it is loaded with: null
/// takes the tier's (and for services, says so once), a list is a fact about the facility.
@Suite struct FacilityCareFieldsTests {
    private let model = CareModel(
        packages: [.districtHospital: [.districtHospital]],
        defaultServices: [.healthCentre: [.delivery, .epi], .districtHospital: [.coldChain]])

    private func facility(_ id: String, tier: String, services: JSONLiteral, packages: JSONLiteral) -> String {
        featureText(
            [
                "facility_id": .init(stringLiteral: id), "name": "Extra", "tier": .init(stringLiteral: tier), "services": services,
                "care_packages": packages, "district_pcode": "LA1101", "province_pcode": "LA11", "source": "test",
            ], geometry: pointGeometry(103.75, 18.75))
    }

    private func loaded(_ extra: [String]) throws -> LayerSet {
        try withLayerSet(["facilities.geojson": try LayerFixtures.layer("facilities.geojson", adding: extra)]) { scratch in
            try LayerSet.load(scratch.sources { $0.careModel = model })
        }
    }

    @Test func nullTakesTheTiersAndAListIsKept() throws {
        let set = try loaded([
            facility("HC-9", tier: "health_centre", services: nil, packages: nil),
            facility("DH-9", tier: "district_hospital", services: nil, packages: .absent),
            facility("DH-10", tier: "district_hospital", services: ["surgery"], packages: ["health_centre", "District Hospital"]),
            facility("PH-9", tier: "provincial_hospital", services: [], packages: []),
        ])
        let added = Array(set.facilities.suffix(4))
        #expect(added.map(\.services) == [[.epi, .delivery], [.coldChain], [.surgery], []])
        #expect(added.map(\.servicesAssumed) == [true, true, false, false])
        #expect(added.map(\.carePackages) == [[.healthCentre], [.districtHospital], [.healthCentre, .districtHospital], []])
        // The fixture's own five facilities list their services; the two added with null do not.
        #expect(set.report.findings.map(\.brief) == ["warning services_assumed facilities.geojson file - -"])
        #expect(
            set.report.findings.first?.detail.reason
                == "2 of 9 facilities list no services: each is given its tier's default services from the standards "
                + "(health centre: epi, delivery; district hospital: cold_chain)")
        #expect(set.careModel == model)
    }

    @Test func anUnknownCarePackageIsAnErrorThatSuggests() throws {
        let found = try findings(
            [
                "facilities.geojson": try LayerFixtures.layer(
                    "facilities.geojson", adding: [facility("DH-9", tier: "district_hospital", services: ["epi"], packages: ["helth centre"])])
            ],
            { $0.careModel = model })
        #expect(found.map(\.brief) == ["error unknown_care_package facilities.geojson feature 5 care_packages DH-9"])
        #expect(found.first?.detail.suggestion == "did you mean health_centre?")
    }
}
