import CoverageCore
import Foundation
import GeoIO
import TestSupport
import Testing

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
        let read = try readStandards(
            travelModelLines + "tiers:\n  health_centre: {max_km: 5, mode: walking}\n"
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
}
