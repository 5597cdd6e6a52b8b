import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// The standards shipped in GeoData/laos (the travel model: detour 1.4; walking 4, motorbike 30,
/// car 40 km/h).
private func shippedStandards() throws -> CoverageStandards {
    try ShippedStandards.straight()
}

/// Brute force over the facilities with Karney's geodesic (GeometryKit), independent of the kernel.
private func bruteForceNearest(_ point: Coordinate, _ facilities: [Facility], _ target: CareTarget) throws -> (id: String, meters: Double)? {
    var best: (id: String, meters: Double)?
    for facility in facilities where target.isProvided(by: facility) {
        let meters = try Geodesic.wgs84.distanceMeters(from: point, to: facility.location)
        if best == nil || meters < best!.meters { best = (facility.id, meters) }
    }
    return best
}

@Suite("CoverageAssignment on the hand-made layer set")
struct CoverageAssignmentFixtureTests {
    let layers: LayerSet
    let assignment: CoverageAssignment

    init() throws {
        layers = try LayerSet.load(try LayerFixtures.sources())
        assignment = try CoverageAssignment(
            layers: layers, standards: try shippedStandards(),
            targets: FacilityTier.allCases.map(CareTarget.tier) + [.service(.surgery)])
    }

    private func facilityId(_ care: CareAssignment) -> String? { care.facility.map { layers.facilities[$0].id } }

    @Test func nearestPerTargetAgreesWithBruteForce() throws {
        #expect(
            assignment.targets == [
                .tier(.healthCentre), .tier(.districtHospital), .tier(.provincialHospital),
                .tier(.centralHospital), .service(.surgery),
            ])
        for target in assignment.targets {
            for (village, care) in zip(layers.villages, assignment.nearest(target)) {
                let expected = try #require(try bruteForceNearest(village.location, layers.facilities, target))
                #expect(facilityId(care) == expected.id, "\(village.code) \(target)")
                #expect(abs((care.distanceMeters ?? .nan) - expected.meters) < 1e-5, "\(village.code) \(target)")
            }
        }
    }

    @Test func minutesFollowTheTravelModelOfEachTarget() throws {
        // minutes = km × 1.4 ÷ speed × 60: walking 4 km/h for health centres, motorbike 30 for
        // district hospitals, car 40 for provincial and central hospitals and surgery.
        let speeds: [CareTarget: Double] = [
            .tier(.healthCentre): 4, .tier(.districtHospital): 30, .tier(.provincialHospital): 40,
            .tier(.centralHospital): 40, .service(.surgery): 40,
        ]
        for target in assignment.targets {
            for care in assignment.nearest(target) {
                let meters = try #require(care.distanceMeters)
                #expect(abs((care.minutes ?? .nan) - meters / 1_000 * 1.4 / speeds[target]! * 60) < 1e-9)
            }
        }
    }

    @Test func administrativeAssignmentFollowsTheUnits() throws {
        let hc = try #require(assignment.administrative[.tier(.healthCentre)])
        let dh = try #require(assignment.administrative[.tier(.districtHospital)])
        let ph = try #require(assignment.administrative[.tier(.provincialHospital)])
        // Villages: 1101001, 1101002 (LA1101), 1102001 (LA1102), 1201001, 1201002 (LA1201). A
        // district without a facility of the tier is served by the lowest tier above in it that
        // provides the package: LA1102's district hospital stands in for its missing health
        // centre, LA1101's provincial and LA1201's central hospital for their district hospitals.
        #expect(hc.map(facilityId) == ["HC-LA1101-01", "HC-LA1101-01", "DH-LA1102", "HC-LA1201-01", "HC-LA1201-01"])
        #expect(dh.map(facilityId) == ["PH-LA11", "PH-LA11", "DH-LA1102", "CH-01", "CH-01"])
        // LA12 has no provincial hospital: its villages are referred to the central hospital.
        #expect(ph.map(facilityId) == ["PH-LA11", "PH-LA11", "PH-LA11", "CH-01", "CH-01"])
        #expect(assignment.administrative[.service(.surgery)] == nil)
        // The administrative health centre of village 1201002 is measured from the village.
        let village = layers.villages[4], centre = layers.facilities.first { $0.id == "HC-LA1201-01" }!
        #expect(abs((hc[4].distanceMeters ?? .nan) - (try Geodesic.wgs84.distanceMeters(from: village.location, to: centre.location))) < 1e-5)
    }

    @Test func referralChainsMeasureEachHopFromTheLevelBelow() throws {
        let chains = try #require(assignment.chains)
        #expect(chains.count == 5)
        // 1102001: no health centre in LA1102, so its district hospital gives primary care (measured
        // from the village), is then its district hospital (0 m on), then PH-LA11 from there.
        // Distances from pyproj's Geod(ellps="WGS84").inv.
        let east = chains[2]
        #expect(facilityId(east.healthCentre) == "DH-LA1102" && abs((east.healthCentre.distanceMeters ?? .nan) - 11_068.675) < 0.001)
        #expect(facilityId(east.districtHospital) == "DH-LA1102" && east.districtHospital.distanceMeters == 0)
        #expect(facilityId(east.provincialHospital) == "PH-LA11")
        #expect(abs((east.provincialHospital.distanceMeters ?? .nan) - 97_586.144) < 0.001)
        #expect(abs((east.totalDistanceMeters ?? .nan) - (11_068.675 + 97_586.144)) < 0.002)
        #expect(!east.referredToCentral)
        // 1201001: health centre; the central hospital, LA1201's only hospital, as district hospital
        // (measured from the health centre), and as provincial hospital (0 m on), LA12 having none.
        let south = chains[3]
        #expect(facilityId(south.healthCentre) == "HC-LA1201-01" && facilityId(south.districtHospital) == "CH-01")
        #expect(abs((south.districtHospital.distanceMeters ?? .nan) - 185_131.871) < 0.001)
        #expect(facilityId(south.provincialHospital) == "CH-01" && south.provincialHospital.distanceMeters == 0 && south.referredToCentral)
    }

    @Test func aDistrictWithNoFacilityProvidingThePackageIsUnreachableNotZero() throws {
        // Only LA1101's health centre: LA1102 has nothing, and no district has a district hospital
        // or anything above it.
        let only = #"{"type": "FeatureCollection", "features": [\#(try LayerFixtures.features("facilities.geojson")[4])]}"#
        try withLayerSet(["facilities.geojson": only]) { scratch in
            let set = try LayerSet.load(scratch.sources())
            let assigned = try CoverageAssignment(layers: set, standards: try shippedStandards(), targets: [.tier(.healthCentre), .tier(.districtHospital)])
            let hc = try #require(assigned.administrative[.tier(.healthCentre)]), dh = try #require(assigned.administrative[.tier(.districtHospital)])
            #expect(hc[2] == .unreachable && hc[2].distanceMeters == nil && hc[2].minutes == nil)
            #expect(dh.allSatisfy { $0 == .unreachable })
            #expect(try #require(assigned.chains)[0].totalDistanceMeters == nil)
        }
    }

    @Test func facilitiesAsDemand() throws {
        let workshops = try CoverageAssignment(
            layers: layers, standards: try shippedStandards(), targets: [.service(.surgery)],
            demand: .facilities)
        #expect(workshops.points.map(\.id) == layers.facilities.map(\.id))
        #expect(workshops.chains == nil && workshops.administrative.isEmpty)
        // A facility that offers surgery is its own nearest (0 m).
        let own = workshops.nearest(.service(.surgery))[1]
        #expect(facilityId(own) == "PH-LA11" && own.distanceMeters == 0)
    }

    @Test func aTargetWithoutStandardOrFacilitiesIsHandled() throws {
        var standards = try shippedStandards()
        standards.standards[.service(.rehabilitation)] = nil
        #expect(throws: InputError.self) {
            try CoverageAssignment(layers: layers, standards: standards, targets: [.service(.rehabilitation)])
        }
        // No fixture facility offers rehabilitation: every village is unreachable, not at distance 0.
        let none = try CoverageAssignment(layers: layers, standards: try shippedStandards(), targets: [.service(.rehabilitation)])
        #expect(none.nearest(.service(.rehabilitation)).allSatisfy { $0 == .unreachable })
    }
}

@Suite("CoverageAssignment on the shipped data")
struct CoverageAssignmentShippedTests {
    @Test func everyVillageIsAssignedAndTheResultDoesNotDependOnThreads() throws {
        let layers = try ShippedLayerSet.set()
        let standards = try shippedStandards()
        let targets = FacilityTier.allCases.map(CareTarget.tier) + [.service(.rehabilitation)]
        let one = try CoverageAssignment(layers: layers, standards: standards, targets: targets, threads: 1)
        let two = try CoverageAssignment(layers: layers, standards: standards, targets: targets, threads: 2)
        for target in targets {
            #expect(one.nearest(target) == two.nearest(target))
            #expect(one.nearest(target).allSatisfy { $0.facility != nil })
        }
        #expect(one.chains == two.chains)
        // The nearest health centre is never farther than the administrative one (it is one of the candidates).
        let nearest = one.nearest(.tier(.healthCentre)), admin = try #require(one.administrative[.tier(.healthCentre)])
        for (a, b) in zip(nearest, admin) where b.distanceMeters != nil {
            #expect(a.distanceMeters! <= b.distanceMeters! + 1e-9)
        }
        // Vientiane Capital (LA01) has no provincial hospital: its chains end at the central hospital.
        let capital = zip(layers.villages, try #require(one.chains)).filter { $0.0.provincePcode == "LA01" }
        #expect(capital.count == 481 && capital.allSatisfy { $0.1.referredToCentral })
        // Totals are the sums of the hops.
        for chain in try #require(one.chains) {
            guard let total = chain.totalDistanceMeters else { continue }
            #expect(abs(total - chain.healthCentre.distanceMeters! - chain.districtHospital.distanceMeters! - chain.provincialHospital.distanceMeters!) < 1e-6)
        }
    }
}
