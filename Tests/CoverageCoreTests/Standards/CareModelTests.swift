import CoverageCore
import Foundation
import GeoIO
import TestSupport
import Testing

private func standards(_ yaml: String) throws -> CoverageStandards {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("care-\(UUID().uuidString).yaml")
    try yaml.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    return try StandardsFile.read(path: url.path)
}

private let model = "travel_model:\n  detour_factor: 1.5\n  speeds_kmh: {walking: 5, car: 50}\n"

/// The care model: which packages each tier provides and which services it is assumed to offer,
/// as the standards file states them.
@Suite struct CareModelTests {
    @Test func theHierarchyProvidesEachTiersPackageAndEveryOneBelow() {
        let model = CareModel.hierarchy
        #expect(model.packages(of: .healthCentre) == [.healthCentre])
        #expect(model.packages(of: .districtHospital) == [.healthCentre, .districtHospital])
        #expect(model.packages(of: .centralHospital) == FacilityTier.allCases)
        #expect(FacilityTier.allCases.allSatisfy { model.services(of: $0).isEmpty })
    }

    @Test func theShippedStandardsSpellOutTheHierarchyAndDefaultServices() throws {
        let read = try StandardsFile.read(path: LayerFixtures.geoData.appendingPathComponent("standards.yaml").path)
        for tier in FacilityTier.allCases { #expect(read.careModel.packages(of: tier) == CareModel.hierarchy.packages(of: tier)) }
        // As written in GeoData/laos/standards.yaml, sorted in display order.
        #expect(read.careModel.services(of: .healthCentre) == [.epi, .delivery])
        #expect(read.careModel.services(of: .districtHospital) == [.epi, .coldChain, .delivery])
        #expect(read.careModel.services(of: .provincialHospital) == [.epi, .coldChain, .delivery, .surgery])
        #expect(read.careModel.services(of: .centralHospital) == [.epi, .coldChain, .delivery, .surgery])
    }

    @Test func aTierMayProvideOnlyItsOwnPackage() throws {
        let read = try standards(
            model + "tiers:\n  health_centre: {max_km: 5, mode: walking}\n"
                + "  district_hospital: {max_km: 20, mode: car, provides: [district_hospital], services: [surgery, epi]}\n")
        #expect(read.careModel.packages(of: .districtHospital) == [.districtHospital])
        #expect(read.careModel.services(of: .districtHospital) == [.epi, .surgery])
        // Tiers the file does not describe keep the hierarchy.
        #expect(read.careModel.packages(of: .provincialHospital) == [.healthCentre, .districtHospital, .provincialHospital])
    }

    @Test func aFacilitysOwnPackagesWinOverItsTiers() {
        let centre = Facility(
            id: "RC-1", name: "Rehabilitation Centre", tier: .provincialHospital, subtype: nil, services: [.rehabilitation],
            carePackages: [], capacity: nil, districtPcode: nil, provincePcode: nil, location: .init(lon: 102.6, lat: 17.9), source: "proxy")
        #expect(!CareTarget.tier(.provincialHospital).isProvided(by: centre))
        #expect(!CareTarget.tier(.provincialHospital).isOwnTier(of: centre))
        #expect(CareTarget.service(.rehabilitation).isProvided(by: centre))
        #expect(centre.isProxy)
        let hospital = Facility(
            id: "DH-1", name: "District Hospital", tier: .districtHospital, subtype: nil, services: [], capacity: nil,
            districtPcode: nil, provincePcode: nil, location: .init(lon: 102.6, lat: 17.9), source: "osm")
        #expect(CareTarget.tier(.healthCentre).isProvided(by: hospital) && !CareTarget.tier(.healthCentre).isOwnTier(of: hospital))
        #expect(!CareTarget.tier(.provincialHospital).isProvided(by: hospital) && !hospital.isProxy)
    }

    // Lines and columns counted by hand: the model takes lines 1–3, the section key line 4.
    @Test(
        arguments: [
            (
                model + "tiers:\n  district_hospital: {max_km: 20, mode: car, provides: [helth_centre, district_hospital]}\n", 5, 57,
                "unknown care package \"helth_centre\"", "did you mean health_centre?"
            ),
            (
                model + "tiers:\n  district_hospital: {max_km: 20, mode: car, provides: [health_centre]}\n", 5, 56,
                "district_hospital must provide its own package (provides lists health_centre)", nil
            ),
            (model + "services:\n  surgery: {max_km: 20, mode: car, provides: [health_centre]}\n", 5, 36, "unknown key \"provides\"", nil),
            (
                model + "tiers:\n  health_centre: {max_km: 5, mode: walking, services: [epi, delivry]}\n", 5, 61,
                "unknown service \"delivry\"", "did you mean delivery?"
            ),
        ] as [(String, Int, Int, String, String?)])
    func badCareModelsAreLocated(yaml: String, line: Int, column: Int, reason: String, suggestion: String?) {
        do {
            _ = try standards(yaml)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.location == .position(line: line, column: column), "\(error)")
            #expect(error.reason.hasPrefix(reason), "\(error)")
            #expect(error.suggestion == suggestion)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
