import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// Coverage gaps of the Bolikhamxay fixture (the shipped data cut to LA11: 7 districts, 303
/// villages, 40 facilities; Fixtures/coverage) against an independent computation
/// (Fixtures/coverage/expected_gaps.py: geopandas, brute-force nearest by pyproj's Karney
/// geodesics, shapely overlay), run once and committed:
///
/// - expected_gaps.csv: every count and population exactly; percentages to the hundredth (both
///   sides round to 2 decimals, Python ties to even, Swift away from zero: ≤ 0.01 apart). The
///   smallest margin between a village's distance and a threshold is 0.27 m
///   (expected_gaps_meta.json), far above any difference between the two geodesic codes.
/// - expected_gap_areas.csv: the same gaps (district × target × threshold), each area within 1 %
///   of shapely/pyproj's, which builds its circles the same way (72 vertices from `Geod.fwd`) and
///   overlays them in the plane of degrees as GEOS does. The largest relative difference seen is
///   4 × 10⁻⁸ (km² rounded to 6 decimals on the Swift side).
///
/// Both files follow the care model of issue 14 (a facility provides its tier's package and every
/// package below it, so district and provincial hospitals count for health-centre care; the
/// fixture's 40 facilities are all `source` "proxy", so facilities_proxy = facilities).
@Suite("CoverageGaps golden (Bolikhamxay)")
struct CoverageGapsGoldenTests {
    static let integerColumns: [String] =
        ["facilities", "facilities_proxy", "villages_total", "villages_uncovered"]
        + ["population", "under5", "births_live", "women_15_49"].flatMap { ["\($0)_total", "\($0)_covered", "\($0)_uncovered"] }
    static let percentColumns = ["population", "under5", "births_live", "women_15_49"].map { "\($0)_pct_covered" }

    func computed() throws -> (LayerSet, CoverageGaps) {
        let layers = try CoverageFixture.layers()
        let assignment = try CoverageAssignment(layers: layers, standards: try CoverageFixture.standards(), targets: CoverageFixture.allTargets)
        let gaps = try CoverageGaps(assignment: assignment, layers: layers, region: try layers.requireRegion("bolikhamxay"), includingNational: true)
        return (layers, gaps)
    }

    @Test func tableMatchesTheIndependentComputation() throws {
        let (_, gaps) = try computed()
        let expected = try CoverageFixture.table("expected_gaps.csv")
        let csv = try CSVTable.parse(Array(CSVWriter.text(rows: gaps.tableRows()).utf8), file: "gaps.csv")
        let actual = csv.rows.map { Dictionary(uniqueKeysWithValues: zip(csv.header, $0.fields)) }
        #expect(actual.count == 220)
        try #require(actual.count == expected.count)
        for (got, want) in zip(actual, expected) {
            let key = "\(want["zone_level"]!) \(want["zone_pcode"]!) \(want["target"]!) \(want["threshold"]!)"
            for column in ["zone_level", "zone_pcode", "zone_name", "target", "threshold", "has_facility"] {
                #expect(got[column] == want[column], "\(key) \(column)")
            }
            for column in Self.integerColumns {
                #expect(got[column].flatMap { Int($0) } == want[column].flatMap { Int($0) }, "\(key) \(column)")
                #expect(got[column]?.isEmpty == false, "\(key) \(column)")
            }
            for column in Self.percentColumns {
                let (g, w) = (got[column]!, want[column]!)
                if w.isEmpty {
                    #expect(g.isEmpty, "\(key) \(column)")
                } else {
                    #expect(abs(Double(g)! - Double(w)!) <= 0.010_000_1, "\(key) \(column): \(g) vs \(w)")
                }
            }
        }
    }

    /// Population by district adds up exactly to the LSB district figures the shipped districts
    /// layer carries, and the province to the sum of its districts.
    @Test func populationAddsUpToTheDistrictFigures() throws {
        let (layers, gaps) = try computed()
        let target = CareTarget.tier(.healthCentre), threshold = CoverageThreshold.kilometers(5)
        var sum = PopulationFigures.zero
        for district in layers.districts {
            let row = try #require(gaps.row(zone: district.pcode, level: .district, target: target, threshold: threshold))
            let lsb = try #require(district.figures)
            #expect(row.totalFigures == lsb, "\(district.pcode)")
            sum += row.totalFigures
        }
        #expect(gaps.row(zone: "LA11", level: .province, target: target, threshold: threshold)?.totalFigures == sum)
        #expect(sum == layers.province("LA11")?.figures)
        #expect(sum.population == 330_744)
    }

    /// The fixture has no central hospital and no rehabilitation: those rows are all there,
    /// flagged, with every village uncovered.
    @Test func targetsWithoutAFacilityAreRows() throws {
        let (_, gaps) = try computed()
        for target in [CareTarget.tier(.centralHospital), .service(.rehabilitation)] {
            let rows = gaps.rows.filter { $0.target == target }
            #expect(rows.count == gaps.zones.count * gaps.thresholds[target]!.count)
            #expect(rows.allSatisfy { !$0.hasFacility && $0.villagesUncovered == $0.villagesTotal })
        }
        #expect(gaps.thresholds[.service(.rehabilitation)] == [.kilometers(100), .minutes(120), .minutes(240), .minutes(480)])
    }

    @Test func gapAreasMatchShapelyAndPyproj() throws {
        let layers = try CoverageFixture.layers()
        let areas = try GapAreas(
            layers: layers, region: try layers.requireRegion("bolikhamxay"), standards: try CoverageFixture.standards(),
            targets: CoverageFixture.allTargets)
        let expected = try CoverageFixture.table("expected_gap_areas.csv")
        #expect(expected.count == 141)
        let actual = Dictionary(
            uniqueKeysWithValues: areas.areas.map { ("\($0.districtPcode) \($0.target.name) \($0.threshold.label)", $0.areaSquareMeters / 1e6) })
        #expect(Set(actual.keys) == Set(expected.map { "\($0["district_pcode"]!) \($0["target"]!) \($0["threshold"]!)" }))
        var worst = 0.0
        for row in expected {
            let key = "\(row["district_pcode"]!) \(row["target"]!) \(row["threshold"]!)"
            let want = try #require(Double(row["area_km2"]!))
            guard let got = actual[key] else { continue }
            let relative = abs(got - want) / want
            worst = max(worst, relative)
            #expect(relative < 0.01, "\(key): \(got) km² vs \(want) km²")
        }
        #expect(worst < 0.01)
        // Every gap lies within its district, and gaps shrink as the radius grows.
        for gap in areas.areas {
            #expect(gap.areaSquareMeters <= gap.districtAreaSquareMeters * (1 + 1e-9))
        }
        for district in areas.districtPcodes {
            let rehabilitation = areas.areas.filter { $0.districtPcode == district && $0.target == .service(.rehabilitation) }
            #expect(rehabilitation.count == 4)  // no rehabilitation facility: whole district at every threshold
        }
    }
}
