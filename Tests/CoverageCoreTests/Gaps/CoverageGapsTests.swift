import CoverageCore
import DistanceKernel
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// Coverage gaps on the tiny hand-made layer set of `CoverageGapsFixtures.swift` (the layout and
/// the pyproj distances are listed there).
@Suite("CoverageGaps")
struct CoverageGapsTests {
    static let hc = CareTarget.tier(.healthCentre)
    static let dh = CareTarget.tier(.districtHospital)
    static let ph = CareTarget.tier(.provincialHospital)

    func row(
        _ gaps: CoverageGaps, _ code: String, _ level: CoverageZone.Level, _ target: CareTarget, _ threshold: CoverageThreshold,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CoverageGapRow {
        try #require(
            gaps.row(zone: code, level: level, target: target, threshold: threshold),
            "no row for \(level) \(code) \(target) \(threshold)", sourceLocation: sourceLocation)
    }

    @Test func zonesAndRowsInReportOrder() throws {
        let gaps = try TinyGapsSet.gaps()
        #expect(gaps.zones.map(\.code) == ["pair", "LA11", "LA12", "LA1101", "LA1102", "LA1201", "LA1202"])
        #expect(gaps.zones.map(\.level) == [.region, .province, .province, .district, .district, .district, .district])
        #expect(gaps.targets == [Self.hc, Self.dh, Self.ph, .service(.epi)])
        #expect(gaps.thresholds[Self.hc] == [.kilometers(5), .minutes(60)])
        #expect(gaps.thresholds[.service(.epi)] == [.kilometers(5)])
        // 7 zones × (2 + 2 + 2 + 1) thresholds, zone by zone, then target, then threshold.
        #expect(gaps.rows.count == 49)
        let keys = gaps.rows.map { ($0.zone, $0.target, $0.threshold) }
        #expect(keys.map(\.0) == gaps.zones.flatMap { Array(repeating: $0, count: 7) })
        let perZone = Array(keys.prefix(7)).map { "\($0.1.name) \($0.2.label)" }
        #expect(
            perZone == [
                "health_centre 5km", "health_centre 60min", "district_hospital 20km", "district_hospital 60min",
                "provincial_hospital 60km", "provincial_hospital 120min", "epi 5km",
            ])
        // The same again: deterministic.
        let again = try TinyGapsSet.gaps()
        #expect(
            again.rows.map { "\($0.zone.code) \($0.target) \($0.threshold) \($0.villagesUncovered) \($0.coveredFigures)" }
                == gaps.rows.map { "\($0.zone.code) \($0.target) \($0.threshold) \($0.villagesUncovered) \($0.coveredFigures)" })
    }

    /// A village at exactly 5,000 m (as the kernel measures) is covered at 5 km; one a micrometre
    /// beyond it is not.
    @Test func thresholdIsInclusiveAtFiveKilometers() throws {
        let layers = try TinyGapsSet.load()
        let (inside, outside) = TinyGapsSet.boundary
        // The loader read the coordinates written, to the last bit.
        #expect(layers.villages[1].location == inside)
        #expect(layers.villages[2].location == outside)
        let insideMeters = try PairDistance.meters(from: inside, to: TinyGapsSet.healthCentre, metric: .geodesic)
        let outsideMeters = try PairDistance.meters(from: outside, to: TinyGapsSet.healthCentre, metric: .geodesic)
        #expect(insideMeters == 5_000, "\(insideMeters)")
        #expect(outsideMeters > 5_000 && outsideMeters < 5_000 + 1e-6, "\(outsideMeters)")
        // Built with Geodesic.direct at 5,000 m: pyproj agrees that these are 5 km from HC-1.
        #expect(abs(try Geodesic.wgs84.distanceMeters(from: TinyGapsSet.healthCentre, to: inside) - 5_000) < 1e-6)

        let gaps = try TinyGapsSet.gaps(layers: layers)
        let care = gaps.assignment.nearest(Self.hc)
        #expect(care[1].distanceMeters == insideMeters)
        #expect(care[2].distanceMeters == outsideMeters)
        #expect(gaps.isCovered(1, target: Self.hc, threshold: .kilometers(5)))
        #expect(!gaps.isCovered(2, target: Self.hc, threshold: .kilometers(5)))
    }

    @Test func healthCentreWithinFiveKilometers() throws {
        let gaps = try TinyGapsSet.gaps()
        let west = try row(gaps, "LA1101", .district, Self.hc, .kilometers(5))
        // V1 at 21.1 km and V6 just beyond 5 km are uncovered; V2 on the circle is covered.
        #expect(west.hasFacility)
        #expect(west.villagesTotal == 3 && west.villagesUncovered == 2)
        #expect(west.coverage(of: .population) == GroupCoverage(group: .population, totalCount: 1_501, coveredCount: 500))
        #expect(west.coverage(of: .population).uncoveredCount == 1_001)
        #expect(abs(west.coverage(of: .population).percentCovered! - 500.0 / 1_501 * 100) < 1e-12)
        #expect(west.coverage(of: .under5) == GroupCoverage(group: .under5, totalCount: 150, coveredCount: 50))
        #expect(west.coverage(of: .birthsLive) == GroupCoverage(group: .birthsLive, totalCount: 30, coveredCount: 10))
        #expect(west.coverage(of: .women15to49) == GroupCoverage(group: .women15to49, totalCount: 375, coveredCount: 125))

        let province = try row(gaps, "LA11", .province, Self.hc, .kilometers(5))
        #expect(province.villagesTotal == 5 && province.villagesUncovered == 3)
        #expect(province.coverage(of: .population).coveredCount == 1_300)
        let region = try row(gaps, "pair", .region, Self.hc, .kilometers(5))
        #expect(region.villagesTotal == 6 && region.villagesUncovered == 4)
        #expect(region.totalFigures.population == 2_501 && region.coveredFigures.population == 1_300)
    }

    /// East (LA1102) has no health centre of its own: it is reported, flagged, and its village
    /// 2.1 km from HC-2 across the border still counts as covered.
    @Test func zoneWithoutFacilityIsReportedAndFlagged() throws {
        let gaps = try TinyGapsSet.gaps()
        let east = try row(gaps, "LA1102", .district, Self.hc, .kilometers(5))
        #expect(!east.hasFacility)
        #expect(east.villagesTotal == 2 && east.villagesUncovered == 1)
        #expect(east.coverage(of: .population) == GroupCoverage(group: .population, totalCount: 1_000, coveredCount: 800))
        #expect(east.coverage(of: .population).percentCovered == 80)
        for code in ["LA1201", "LA1202"] {
            #expect(try row(gaps, code, .district, Self.hc, .kilometers(5)).hasFacility == false)
        }
        #expect(try row(gaps, "LA12", .province, Self.hc, .kilometers(5)).hasFacility == false)
        #expect(try row(gaps, "LA11", .province, Self.hc, .kilometers(5)).hasFacility)
        #expect(try row(gaps, "pair", .region, Self.dh, .kilometers(20)).hasFacility)
    }

    /// South West has one village of 0 people, South East none at all: their percentages are null,
    /// never 0 % or 100 %.
    @Test func zonesNobodyLivesInHaveNoPercentage() throws {
        let gaps = try TinyGapsSet.gaps()
        for target in gaps.targets {
            for threshold in gaps.thresholds[target]! {
                let southWest = try row(gaps, "LA1201", .district, target, threshold)
                #expect(southWest.villagesTotal == 1)
                #expect(southWest.villagesUncovered == 1)
                let southEast = try row(gaps, "LA1202", .district, target, threshold)
                #expect(southEast.villagesTotal == 0 && southEast.villagesUncovered == 0)
                for zone in [southWest, southEast, try row(gaps, "LA12", .province, target, threshold)] {
                    for group in zone.groups {
                        #expect(group.totalCount == 0)
                        #expect(group.coveredCount == 0)
                        #expect(group.percentCovered == nil, "\(zone.zone) \(group.group)")
                    }
                }
            }
        }
    }

    /// No facility is a provincial hospital: every village is unreachable and uncovered, the
    /// distances stay nil, and a zone with people is 0 % covered.
    @Test func unreachableTargetIsUncoveredEverywhere() throws {
        let gaps = try TinyGapsSet.gaps()
        #expect(gaps.assignment.nearest(Self.ph).allSatisfy { $0 == .unreachable })
        for threshold in [CoverageThreshold.kilometers(60), .minutes(120)] {
            for zone in gaps.zones {
                let line = try row(gaps, zone.code, zone.level, Self.ph, threshold)
                #expect(!line.hasFacility)
                #expect(line.villagesUncovered == line.villagesTotal)
                #expect(line.coverage(of: .population).coveredCount == 0)
            }
            #expect(try row(gaps, "LA1101", .district, Self.ph, threshold).coverage(of: .population).percentCovered == 0)
            #expect(try row(gaps, "pair", .region, Self.ph, threshold).coverage(of: .population).uncoveredCount == 2_501)
        }
    }

    /// 60 minutes' walk at 4 km/h with a detour factor of 1.4 is 2,857 m: V2 (5 km) is out, V3
    /// (2.1 km) in. 60 minutes by motorbike (30 km/h) is 21,429 m: all of West is in.
    @Test func minutesThresholds() throws {
        let gaps = try TinyGapsSet.gaps()
        let westWalk = try row(gaps, "LA1101", .district, Self.hc, .minutes(60))
        #expect(westWalk.villagesUncovered == 3)
        #expect(westWalk.coverage(of: .population).percentCovered == 0)
        let eastWalk = try row(gaps, "LA1102", .district, Self.hc, .minutes(60))
        #expect(eastWalk.coverage(of: .population).coveredCount == 800)
        let v3 = gaps.assignment.nearest(Self.hc)[3]
        #expect(abs(v3.minutes! - v3.distanceMeters! / 1_000 * 1.4 / 4 * 60) < 1e-9)

        let westRide = try row(gaps, "LA1101", .district, Self.dh, .minutes(60))
        #expect(westRide.villagesUncovered == 0)
        #expect(westRide.coverage(of: .population).percentCovered == 100)
        let eastRide = try row(gaps, "LA1102", .district, Self.dh, .minutes(60))
        #expect(eastRide.villagesUncovered == 2)
    }

    /// `--max-km 1,5,25,80` evaluates four distance limits in one run, next to the 60 minutes.
    @Test func severalThresholdsInOneRun() throws {
        let standards = TinyGapsSet.standards.overriding(kilometers: [25, 1, 80, 5], minutes: nil)
        let gaps = try TinyGapsSet.gaps(standards: standards, targets: [Self.hc])
        #expect(gaps.thresholds[Self.hc] == [.kilometers(1), .kilometers(5), .kilometers(25), .kilometers(80), .minutes(60)])
        #expect(gaps.rows.count == 7 * 5)
        let covered = try [1.0, 5, 25, 80].map { try row(gaps, "LA11", .province, Self.hc, .kilometers($0)).coverage(of: .population).coveredCount }
        // 1 km: nobody; 5 km: V2 and V3; 25 km: also V1 (21.1 km) and V6; 80 km: still not V4 (91.7 km).
        #expect(covered == [0, 1_300, 2_301, 2_301])
        let uncovered = try [1.0, 5, 25, 80].map { try row(gaps, "LA11", .province, Self.hc, .kilometers($0)).villagesUncovered }
        #expect(uncovered == [5, 3, 1, 1])
    }

    /// V4 has no target-group figures: every zone it is in has null target groups (not a sum that
    /// silently leaves it out); its population still counts.
    @Test func missingTargetGroupsStayNull() throws {
        let gaps = try TinyGapsSet.gaps()
        for (code, level) in [("LA1102", CoverageZone.Level.district), ("LA11", .province), ("pair", .region)] {
            let line = try row(gaps, code, level, Self.hc, .kilometers(5))
            for group in [TargetGroup.under5, .birthsLive, .women15to49] {
                let coverage = line.coverage(of: group)
                #expect(coverage.totalCount == nil && coverage.coveredCount == nil && coverage.uncoveredCount == nil && coverage.percentCovered == nil)
            }
            #expect(line.coverage(of: .population).totalCount != nil)
        }
        #expect(try row(gaps, "LA1101", .district, Self.hc, .kilometers(5)).coverage(of: .under5).totalCount == 150)
    }

    @Test func nationalZoneWhenAsked() throws {
        let eleven = try TinyGapsSet.gaps(region: "eleven", includingNational: true)
        #expect(eleven.zones.map(\.code) == ["national", "eleven", "LA11", "LA1101", "LA1102"])
        #expect(eleven.regionVillages == [0, 1, 2, 3, 4])
        let country = try row(eleven, "national", .national, Self.hc, .kilometers(5))
        #expect(country.villagesTotal == 6 && country.totalFigures.population == 2_501)
        #expect(try row(eleven, "eleven", .region, Self.hc, .kilometers(5)).villagesTotal == 5)

        let withoutNational = try TinyGapsSet.gaps(region: "eleven")
        #expect(withoutNational.zones.map(\.code) == ["eleven", "LA11", "LA1101", "LA1102"])

        // The country as the region is one zone of level national, not two.
        let national = try TinyGapsSet.gaps(region: "national", includingNational: true)
        #expect(national.zones.filter { $0.level == .national }.count == 1)
        #expect(national.zones.filter { $0.level == .region }.isEmpty)
        #expect(national.zones.count == 1 + 2 + 4)
    }

    /// Every zone's totals are the sums of its villages', and districts add up to provinces.
    @Test func populationAddsUp() throws {
        let layers = try TinyGapsSet.load()
        let gaps = try TinyGapsSet.gaps(layers: layers)
        for province in ["LA11", "LA12"] {
            let districts = gaps.rows(at: .district).filter { $0.zone.provincePcodes == [province] && $0.target == Self.hc && $0.threshold == .kilometers(5) }
            let total = try row(gaps, province, .province, Self.hc, .kilometers(5))
            #expect(districts.map(\.totalFigures.population).reduce(0, +) == total.totalFigures.population)
            #expect(districts.map(\.villagesTotal).reduce(0, +) == total.villagesTotal)
            #expect(districts.map(\.coveredFigures.population).reduce(0, +) == total.coveredFigures.population)
        }
        #expect(layers.villages.map(\.figures.population).reduce(0, +) == 2_501)
    }

    @Test func facilitiesAsDemandAreRefused() throws {
        let layers = try TinyGapsSet.load()
        let assignment = try CoverageAssignment(layers: layers, standards: TinyGapsSet.standards, targets: [Self.hc], demand: .facilities)
        let error = try #require(throws: InputError.self) {
            try CoverageGaps(assignment: assignment, layers: layers, region: try layers.requireRegion("pair"))
        }
        #expect(error.reason.contains("villages"))
    }
}

@Suite("CoverageZone")
struct CoverageZoneTests {
    @Test func levelsOrderBroadestFirst() {
        #expect(CoverageZone.Level.allCases.sorted() == [.national, .region, .province, .district])
        let zones = [
            CoverageZone(level: .district, code: "LA0101", name: "a", provincePcodes: ["LA01"]),
            CoverageZone(level: .province, code: "LA02", name: "b", provincePcodes: ["LA02"]),
            CoverageZone(level: .province, code: "LA01", name: "c", provincePcodes: ["LA01"]),
            CoverageZone(level: .region, code: "north", name: "d", provincePcodes: ["LA02"]),
        ]
        #expect(zones.sorted().map(\.code) == ["north", "LA01", "LA02", "LA0101"])
    }

    @Test func membershipByCodes() {
        let district = CoverageZone(level: .district, code: "LA1101", name: "West", provincePcodes: ["LA11"])
        #expect(district.contains(districtPcode: "LA1101", provincePcode: "LA11"))
        #expect(!district.contains(districtPcode: "LA1102", provincePcode: "LA11"))
        let region = CoverageZone(region: Region(id: "pair", name: "Pair", provincePcodes: ["LA11", "LA12"]))
        #expect(region.level == .region)
        #expect(region.contains(districtPcode: nil, provincePcode: "LA12"))
        #expect(!region.contains(districtPcode: "LA1301", provincePcode: "LA13"))
        #expect(!region.contains(districtPcode: nil, provincePcode: nil))
        #expect(CoverageZone(region: Region(id: "national", name: "National", provincePcodes: [])).level == .national)
    }
}

@Suite("GroupCoverage")
struct GroupCoverageTests {
    @Test func percentagesAndUncovered() {
        let half = GroupCoverage(group: .population, totalCount: 200, coveredCount: 100)
        #expect(half.uncoveredCount == 100)
        #expect(half.percentCovered == 50)
        #expect(GroupCoverage(group: .under5, totalCount: 3, coveredCount: 0).percentCovered == 0)
        #expect(GroupCoverage(group: .under5, totalCount: 3, coveredCount: 3).percentCovered == 100)
    }

    @Test func emptyOrUnknownTotalsHaveNoPercentage() {
        let empty = GroupCoverage(group: .population, totalCount: 0, coveredCount: 0)
        #expect(empty.percentCovered == nil)
        #expect(empty.uncoveredCount == 0)
        let unknown = GroupCoverage(group: .birthsLive, totalCount: nil, coveredCount: 12)
        #expect(unknown.coveredCount == nil)
        #expect(unknown.uncoveredCount == nil)
        #expect(unknown.percentCovered == nil)
    }
}
