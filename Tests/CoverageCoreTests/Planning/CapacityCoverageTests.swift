import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// Capacity-limited coverage: figures worked by hand on the tiny set (see CoverageGapsFixtures),
/// and on the shipped data the invariants, plain coverage when capacity is ignored, and, by PROJ
/// geodesic distances, that nobody is left unserved within reach of a facility with room.
@Suite("CapacityCoverage")
struct CapacityCoverageTests {
    static let hc = CareTarget.tier(.healthCentre), dh = CareTarget.tier(.districtHospital)

    /// The tiny set's standards with a health-centre capacity of 600 and a district-hospital one of 400.
    static var tinyStandards: CoverageStandards {
        var standards = TinyGapsSet.standards
        standards.standards[hc]!.capacity = 600
        standards.standards[dh]!.capacity = 400
        return standards
    }

    static func tiny(
        _ target: CareTarget, _ threshold: CoverageThreshold, layers: LayerSet? = nil,
        ignoringCapacity: Bool = false
    ) throws -> CapacityCoverage {
        let set = try layers ?? TinyGapsSet.load()
        return try CapacityCoverage(
            layers: set, standards: tinyStandards, target: target, threshold: threshold,
            region: try set.requireRegion("pair"), ignoringCapacity: ignoringCapacity)
    }

    static func row(_ coverage: CapacityCoverage, _ code: String) throws -> CapacityCoverage.ZoneRow {
        try #require(coverage.rows.first { $0.zone.code == code })
    }

    static func served(_ coverage: CapacityCoverage, _ village: String) throws -> Int {
        coverage.served[try #require(coverage.points.firstIndex { $0.id == village })]
    }

    // MARK: The tiny set, by hand

    @Test func fullFacilitiesLeaveTheRestWithinReachUnserved() throws {
        // Within 5 km: V2 (500) at exactly 5,000 m from HC-1, V3 (800) 2.1 km from HC-2. HC-1 serves
        // 500 of its 600; HC-2 serves 600 of V3's 800 and is full. DH-1 provides health-centre care
        // too (with the health-centre standard's capacity, 600) but no village lies within 5 km of
        // it (the nearest, V1, is 11.1 km away): it serves nobody.
        let coverage = try Self.tiny(Self.hc, .kilometers(5))
        #expect(try Self.served(coverage, "1101002") == 500 && Self.served(coverage, "1102001") == 600)
        #expect(coverage.loads.map(\.facility) == [0, 1, 2])  // HC-1, HC-2, DH-1 in layer order
        #expect(coverage.loads.map(\.served) == [500, 600, 0] && coverage.loads.map(\.residual) == [100, 0, 600])
        #expect(coverage.loads.allSatisfy { $0.source == .standard } && coverage.loads.map(\.villagesServed) == [1, 1, 0])
        let region = try Self.row(coverage, "pair")
        #expect(region.population == 2_501 && region.withinReach == 1_300 && region.served == 1_100)
        #expect(region.unservedOverCapacity == 200 && region.unservedBeyondReach == 1_201 && region.unserved == 1_401)
        #expect(region.facilities == 3 && region.capacity == 1_800 && region.facilitiesFull == 1)
        // The three providers stand in LA1101; V3 lives in LA1102.
        let east = try Self.row(coverage, "LA1102")
        #expect(east.withinReach == 800 && east.served == 600 && east.facilities == 0 && east.capacity == 0)
    }

    @Test func theClosestVillagesAreAbsorbedFirstWhateverTheLayerOrder() throws {
        // DH-1 (capacity 400) reaches V1 at 11.1 km and V2, V6 at 19.6 km: V1 takes it all, even with
        // the villages listed in reverse.
        let reversed = try TinyGapsSet.load(villages: Array(TinyGapsSet.villages.reversed()))
        let coverage = try Self.tiny(Self.dh, .kilometers(20), layers: reversed)
        #expect(try Self.served(coverage, "1101001") == 400)
        #expect(try Self.served(coverage, "1101002") == 0 && Self.served(coverage, "1101003") == 0)
        #expect(try Self.row(coverage, "pair").withinReach == 1_501)
        #expect(coverage.loads.map(\.residual) == [0])
    }

    @Test func aFacilitysOwnCapacityOverridesTheStandard() throws {
        var facilities = TinyGapsSet.facilities
        facilities[1] = facilityFeature("HC-2", tier: "health_centre", services: ["epi"], capacity: 1_000, geometry: pointGeometry(103.99, 18.5))
        let coverage = try Self.tiny(Self.hc, .kilometers(5), layers: TinyGapsSet.load(facilities: facilities))
        // HC-1, HC-2 and DH-1 (which serves nobody within 5 km).
        #expect(coverage.loads.map(\.source) == [.standard, .facility, .standard])
        #expect(coverage.loads.map(\.capacity) == [600, 1_000, 600] && coverage.loads.map(\.residual) == [100, 200, 600])
        #expect(try Self.served(coverage, "1102001") == 800)
    }

    @Test func ignoredCapacityServesEveryoneWithinReach() throws {
        let coverage = try Self.tiny(Self.hc, .kilometers(5), ignoringCapacity: true)
        let region = try Self.row(coverage, "pair")
        #expect(region.served == 1_300 && region.withinReach == 1_300 && region.capacity == nil)
        #expect(coverage.loads.allSatisfy { $0.source == .ignored && $0.capacity == nil && $0.residual == nil })
    }

    @Test func aFacilityWithNoCapacityAnywhereIsAnError() throws {
        let set = try TinyGapsSet.load()
        #expect {
            try CapacityCoverage(
                layers: set, standards: TinyGapsSet.standards, target: Self.hc, threshold: .kilometers(5),
                region: try set.requireRegion("pair"))
        } throws: { error in
            "\(error)".contains("facility HC-1 has no capacity and the standard of health_centre gives none")
        }
    }

    // MARK: The shipped data

    static func shipped() throws -> (LayerSet, CoverageStandards) {
        (try ShippedLayerSet.set(), try ShippedStandards.straight())
    }

    static var tiers: [CareTarget] { FacilityTier.allCases.map(CareTarget.tier) }

    @Test func withCapacityIgnoredItIsPlainCoverage() throws {
        let (set, standards) = try Self.shipped()
        let national = try set.requireRegion("national")
        let targets = Self.tiers + [.service(.rehabilitation)]
        let gaps = try CoverageGaps(assignment: CoverageAssignment(layers: set, standards: standards, targets: targets), layers: set, region: national)
        for target in targets {
            for threshold in try standards.standard(for: target).thresholds {
                let coverage = try CapacityCoverage(
                    layers: set, standards: standards, target: target, threshold: threshold,
                    region: national, ignoringCapacity: true)
                for position in coverage.points.indices {
                    let covered = gaps.isCovered(position, target: target, threshold: threshold)
                    #expect(coverage.withinReach[position] == covered)
                    #expect(coverage.served[position] == (covered ? coverage.points[position].figures.population : 0))
                }
                for row in coverage.rows {
                    let plain = try #require(gaps.row(zone: row.zone.code, level: row.zone.level, target: target, threshold: threshold))
                    #expect(row.served == plain.coverage(of: .population).coveredCount, "\(target) \(threshold) \(row.zone)")
                    #expect(row.population == plain.totalFigures.population && row.villages == plain.villagesTotal)
                }
            }
        }
    }

    @Test(arguments: [
        (hc, CoverageThreshold.kilometers(5)), (hc, .minutes(60)), (dh, .kilometers(20)),
        (.tier(.provincialHospital), .minutes(120)),
    ])
    func noFacilityIsOverCapacityAndNobodyWithinReachOfRoomIsLeft(target: CareTarget, threshold: CoverageThreshold) throws {
        let (set, standards) = try Self.shipped()
        let coverage = try CapacityCoverage(
            layers: set, standards: standards, target: target, threshold: threshold,
            region: try set.requireRegion("national"))
        let capacity = try #require(try standards.standard(for: target).capacity)
        #expect(coverage.loads.allSatisfy { $0.capacity == capacity && $0.served <= capacity && $0.served >= 0 })
        #expect(coverage.loads.reduce(0) { $0 + $1.served } == coverage.served.reduce(0, +))
        for (position, point) in coverage.points.enumerated() {
            #expect(coverage.served[position] >= 0 && coverage.served[position] <= point.figures.population)
            if !coverage.withinReach[position] { #expect(coverage.served[position] == 0) }
        }
        #expect(coverage.loads.contains { $0.residual == 0 }, "the shipped capacities bind somewhere")

        // Every village with people unserved: no facility with room within the threshold, by PROJ.
        let standard = try standards.standard(for: target)
        let radius = GapAreas.radiusMeters(threshold, mode: standard.mode, travelModel: standards.travelModel)
        let withRoom = coverage.loads.filter { $0.residual! > 0 }.map { set.facilities[$0.facility].location }
        var checked = 0
        for (position, point) in coverage.points.enumerated() where coverage.served[position] < point.figures.population {
            let location = point.location
            for facility in withRoom where abs(facility.lat - location.lat) < radius / 100_000 {
                let meters = try Geodesic.wgs84.distanceMeters(from: location, to: facility)
                // A trip within a millimetre of the limit is left to the kernel's rounding.
                #expect(meters > radius - 0.001, "village \(point.id) is \(meters) m from a facility with room")
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    @Test func theRegionRowIsTheSumOfItsProvinces() throws {
        let (set, standards) = try Self.shipped()
        let coverage = try CapacityCoverage(
            layers: set, standards: standards, target: Self.hc, threshold: .kilometers(5),
            region: try set.requireRegion("bolikhamxay-khammouane"), includingNational: true)
        let provinces = coverage.rows.filter { $0.zone.level == .province }
        #expect(provinces.map(\.zone.code) == ["LA11", "LA12"])
        #expect(coverage.regionRow.served == provinces.reduce(0) { $0 + $1.served })
        #expect(coverage.regionRow.population == provinces.reduce(0) { $0 + $1.population })
        #expect(coverage.regionRow.facilities == provinces.reduce(0) { $0 + $1.facilities })
        let country = try #require(coverage.rows.first { $0.zone.level == .national })
        #expect(country.served == coverage.served.reduce(0, +))
    }
}
