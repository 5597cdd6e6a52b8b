import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

@Suite("Catchments: who serves whom, on the tiny set")
struct CatchmentsTests {
    let layers: LayerSet
    let catchments: Catchments

    init() throws {
        layers = try TinyCatchmentSet.layers()
        catchments = try TinyCatchmentSet.catchments(layers)
    }

    private func ids(_ catchment: Catchment) -> [String] { catchment.points.map { layers.villages[$0].code } }

    /// Every facility that provides the care is listed, in layer order, and no other: D, a district
    /// hospital, provides health-centre care too (the hierarchy; it serves no village, see
    /// aFacilityServingNoVillageIsListedWithZeros), while no health centre provides district-hospital care.
    @Test func everyProviderIsListedInLayerOrderAndNoOtherFacility() throws {
        #expect(catchments.target == .tier(.healthCentre))
        #expect(catchments.catchments.map { layers.facilities[$0.facility].id } == ["A", "B", "C", "Z", "D"])
        let hospitals = try TinyCatchmentSet.catchments(layers, target: .tier(.districtHospital))
        #expect(hospitals.catchments.map { layers.facilities[$0.facility].id } == ["D"])
    }

    @Test func villageCountsAndPopulationsAreExact() {
        let byId = Dictionary(uniqueKeysWithValues: catchments.catchments.map { (layers.facilities[$0.facility].id, $0) })
        #expect(ids(byId["A"]!) == ["1101001", "1101002"])
        #expect(byId["A"]!.figures == PopulationFigures(population: 300, under5: 30, birthsLive: 6, women15to49: 75))
        // B serves v4, which has no target-group figures: the sums of those groups are unknown (nil), not short.
        #expect(ids(byId["B"]!) == ["1102001", "1102002"])
        #expect(byId["B"]!.figures == PopulationFigures(population: 700, under5: nil, birthsLive: nil, women15to49: nil))
        // C serves both villages at (103.8, 18.85).
        #expect(ids(byId["C"]!) == ["1101003", "1101004"])
        #expect(byId["C"]!.pointCount == 2)
        #expect(byId["C"]!.figures == PopulationFigures(population: 550, under5: 55, birthsLive: 11, women15to49: 137))
    }

    @Test func aFacilityServingNoVillageIsListedWithZeros() throws {
        // Z, and D: every village is nearer A, B or C than D (pyproj Geod: v2 is 15.3 km from A and
        // 22.9 km from D; v5 11.9 km from C and 51.5 km from D).
        for id in ["Z", "D"] {
            let empty = try #require(catchments.catchments.first { layers.facilities[$0.facility].id == id })
            #expect(empty.isEmpty)
            #expect(empty.pointCount == 0)
            #expect(empty.figures == .zero)
        }
    }

    @Test func totalsAddUpToTheVillages() {
        #expect(catchments.servedPointCount == 6)
        #expect(catchments.unserved.isEmpty)
        #expect(catchments.servedFigures.population == TinyCatchmentSet.villages.map(\.figures.population).reduce(0, +))
        #expect(catchments.catchments.map(\.pointCount).reduce(0, +) == layers.villages.count)
    }

    @Test func membershipIsTheAssignmentsNearestFacility() {
        let nearest = catchments.assignment.nearest(.tier(.healthCentre))
        for catchment in catchments.catchments {
            for point in catchment.points { #expect(nearest[point].facility == catchment.facility) }
        }
    }

    /// Nil for a facility that does not provide the care: a health centre in the district-hospital
    /// catchments (D provides health-centre care, so it has one, empty, among those).
    @Test func catchmentOfFacilityFindsItAndNilForAFacilityNotProvidingTheCare() throws {
        let c = try #require(layers.facilities.firstIndex { $0.id == "C" })
        let d = try #require(layers.facilities.firstIndex { $0.id == "D" })
        #expect(catchments.catchment(ofFacility: c)?.pointCount == 2)
        #expect(catchments.catchment(ofFacility: d)?.pointCount == 0)
        let hospitals = try TinyCatchmentSet.catchments(layers, target: .tier(.districtHospital))
        #expect(hospitals.catchment(ofFacility: c) == nil)
        #expect(hospitals.catchment(ofFacility: d)?.pointCount == 6)
    }

    @Test func aTargetNoFacilityProvidesHasNoCatchmentsAndEveryVillageUnserved() throws {
        let none = try TinyCatchmentSet.catchments(layers, target: .service(.rehabilitation))
        #expect(none.catchments.isEmpty)
        #expect(none.unserved == Array(0..<6))
        #expect(none.servedPointCount == 0)
        #expect(none.servedFigures == .zero)
    }

    @Test func anAssignmentWithoutTheTargetIsAnInputError() throws {
        let assignment = try CoverageAssignment(layers: layers, standards: TinyCatchmentSet.standards, targets: [.tier(.districtHospital)])
        #expect(throws: InputError.self) {
            try Catchments(assignment: assignment, target: .tier(.healthCentre), facilities: layers.facilities)
        }
    }

    @Test func aServiceTargetUsesEveryFacilityOfferingIt() throws {
        // Every tiny facility offers epi: all five are listed, D (district hospital) included.
        let epi = try Catchments(
            assignment: try CoverageAssignment(
                layers: layers, standards: TinyCatchmentSet.standards.adding(.epi),
                targets: [.service(.epi)]),
            target: .service(.epi), facilities: layers.facilities)
        #expect(epi.catchments.map { layers.facilities[$0.facility].id } == ["A", "B", "C", "Z", "D"])
        #expect(epi.catchments.map(\.pointCount).reduce(0, +) == 6)
    }
}

extension CoverageStandards {
    /// A copy with a walking 5 km / 60 min standard for `service`.
    func adding(_ service: HealthService) -> CoverageStandards {
        var copy = self
        copy.standards[.service(service)] = CoverageStandard(target: .service(service), maxKilometers: [5], maxMinutes: [60], mode: .walking)
        return copy
    }
}
