import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

/// `LayerSummary`: counts and population per province of a region, and the region's total.
@Suite struct LayerSummaryTests {
    private typealias Row = LayerSummary.Row

    private static func tiers(hc: Int, dh: Int, ph: Int, ch: Int) -> [String: Int] {
        ["health_centre": hc, "district_hospital": dh, "provincial_hospital": ph, "central_hospital": ch]
    }

    // MARK: - The fixture set (figures in LayerSetFixtures.swift)

    @Test func aRegionOfOneProvince() throws {
        let set = try LayerSet.load(LayerFixtures.sources())
        let summary = LayerSummary(set, region: try set.requireRegion("eleven"))
        let eleven = Row(
            pcode: "LA11", name: "Eleven", districts: 2, villages: 3, villagePopulation: 2_300, districtPopulation: 2_300,
            facilitiesByTier: Self.tiers(hc: 1, dh: 1, ph: 1, ch: 0), facilities: 3)
        #expect(summary.provinces == [eleven])
        #expect(
            summary.total
                == Row(
                    pcode: "eleven", name: "Eleven only", districts: 2, villages: 3, villagePopulation: 2_300,
                    districtPopulation: 2_300, facilitiesByTier: Self.tiers(hc: 1, dh: 1, ph: 1, ch: 0), facilities: 3))
        #expect(summary.populationEstimated)
        #expect(summary.region.id == "eleven")
    }

    @Test func theNationalTotal() throws {
        let set = try LayerSet.load(LayerFixtures.sources())
        let summary = LayerSummary(set, region: try set.requireRegion("national"))
        #expect(summary.provinces.map(\.pcode) == ["LA11", "LA12"])
        #expect(
            summary.provinces[1]
                == Row(
                    pcode: "LA12", name: "Twelve", districts: 1, villages: 2, villagePopulation: 1_500,
                    districtPopulation: 1_500, facilitiesByTier: Self.tiers(hc: 1, dh: 0, ph: 0, ch: 1), facilities: 2))
        #expect(
            summary.total
                == Row(
                    pcode: "national", name: "National", districts: 3, villages: 5, villagePopulation: 3_800,
                    districtPopulation: 3_800, facilitiesByTier: Self.tiers(hc: 2, dh: 1, ph: 1, ch: 1), facilities: 5))
    }

    @Test func villagePopulationAndTheDistrictsFigureAreKeptApart() throws {
        // A village added to LA1101 raises the villages' sum, not the districts' own figure; a
        // district without a population makes that figure unknown (nil), not 0.
        let files = [
            "villages.geojson": try LayerFixtures.layer("villages.geojson", adding: [villageFeature("1101003", population: 42, estimated: false)]),
            "districts.geojson": try LayerFixtures.layer("districts.geojson", adding: [districtFeature("LA1202", population: nil)]),
        ]
        try withLayerSet(files) { scratch in
            let set = try LayerSet.load(scratch.sources())
            let summary = LayerSummary(set, region: try set.requireRegion("pair"))
            #expect(summary.provinces.map(\.villagePopulation) == [2_342, 1_500])
            #expect(summary.provinces.map(\.districtPopulation) == [2_300, nil])
            #expect(summary.provinces.map(\.districts) == [2, 2])
            #expect(summary.total.villagePopulation == 3_842)
            #expect(summary.total.districtPopulation == nil)
            // One village says its figures are counts: the region's figures are no longer all estimates.
            #expect(!summary.populationEstimated)
            #expect(LayerSummary(set, region: try set.requireRegion("national")).provinces[1].districtPopulation == nil)
        }
    }

    @Test func aRegionWithoutVillagesIsNotEstimated() throws {
        let files = ["regions.json": #"{"regions": [{"id": "empty", "name": "Nothing", "provinces": []}]}"#]
        try withLayerSet(files) { scratch in
            let set = try LayerSet.load(scratch.sources())
            let summary = LayerSummary(set, region: try set.requireRegion("empty"))
            #expect(summary.provinces.isEmpty)
            #expect(
                summary.total
                    == Row(
                        pcode: "empty", name: "Nothing", districts: 0, villages: 0, villagePopulation: 0,
                        districtPopulation: 0, facilitiesByTier: Self.tiers(hc: 0, dh: 0, ph: 0, ch: 0), facilities: 0))
            #expect(!summary.populationEstimated)
        }
    }

    // MARK: - The shipped data

    /// Expected figures: population, districts and villages per province from
    /// shared/geodata-raw/derived-lao-adm2-pcode-population/PROVENANCE.md; facilities per province
    /// and tier counted with Python from facilities.geojson's own `province_pcode` and `tier`
    /// (`collections.Counter`; they agree with GeoData/README.md's table: Oudomxai's two provincial
    /// features are PH-LA04 and the rehabilitation centre RC-LA04).
    @Test func theNorth() throws {
        let set = try ShippedLayerSet.set()
        let summary = LayerSummary(set, region: try set.requireRegion("north"))
        let expected: [(String, Int, Int, Int, [String: Int])] = [
            ("LA02", 197_569, 7, 527, Self.tiers(hc: 56, dh: 6, ph: 1, ch: 0)),
            ("LA03", 208_848, 5, 362, Self.tiers(hc: 43, dh: 4, ph: 1, ch: 0)),
            ("LA04", 360_811, 7, 473, Self.tiers(hc: 55, dh: 6, ph: 2, ch: 0)),
            ("LA05", 213_271, 5, 256, Self.tiers(hc: 38, dh: 5, ph: 1, ch: 0)),
            ("LA06", 477_651, 12, 753, Self.tiers(hc: 91, dh: 12, ph: 1, ch: 0)),
            ("LA07", 317_049, 10, 718, Self.tiers(hc: 76, dh: 9, ph: 1, ch: 0)),
            ("LA08", 439_382, 11, 432, Self.tiers(hc: 60, dh: 10, ph: 1, ch: 0)),
            ("LA09", 274_365, 7, 485, Self.tiers(hc: 50, dh: 6, ph: 1, ch: 0)),
        ]
        #expect(summary.provinces.map(\.pcode) == expected.map(\.0))
        for (row, (pcode, population, districts, villages, tiers)) in zip(summary.provinces, expected) {
            #expect(row.villagePopulation == population, "\(pcode)")
            #expect(row.districtPopulation == population, "\(pcode)")
            #expect(row.districts == districts, "\(pcode)")
            #expect(row.villages == villages, "\(pcode)")
            #expect(row.facilitiesByTier == tiers, "\(pcode)")
            #expect(row.facilities == tiers.values.reduce(0, +), "\(pcode)")
        }
        #expect(
            summary.provinces.map(\.name) == [
                "Phongsaly", "Louangnamtha", "Oudomxai", "Bokeo", "Louangphabang", "Houaphan",
                "Xaignabouly", "Xiengkhouang",
            ])
        // 197,569 + 208,848 + 360,811 + 213,271 + 477,651 + 317,049 + 439,382 + 274,365 = 2,488,946.
        #expect(
            summary.total
                == Row(
                    pcode: "north", name: "North", districts: 64, villages: 4_006, villagePopulation: 2_488_946,
                    districtPopulation: 2_488_946, facilitiesByTier: Self.tiers(hc: 469, dh: 58, ph: 9, ch: 0), facilities: 536))
        #expect(summary.populationEstimated)
    }

    @Test func bolikhamxayAndKhammouane() throws {
        let set = try ShippedLayerSet.set()
        let summary = LayerSummary(set, region: try set.requireRegion("bolikhamxay-khammouane"))
        #expect(
            summary.provinces == [
                Row(
                    pcode: "LA11", name: "Bolikhamxai", districts: 7, villages: 303, villagePopulation: 330_744, districtPopulation: 330_744,
                    facilitiesByTier: Self.tiers(hc: 32, dh: 6, ph: 1, ch: 0), facilities: 39),
                Row(
                    pcode: "LA12", name: "Khammouan", districts: 10, villages: 582, villagePopulation: 451_329, districtPopulation: 451_329,
                    facilitiesByTier: Self.tiers(hc: 64, dh: 10, ph: 1, ch: 0), facilities: 75),
            ])
        #expect(
            summary.total
                == Row(
                    pcode: "bolikhamxay-khammouane", name: "Bolikhamxay and Khammouane", districts: 17, villages: 885,
                    villagePopulation: 782_073, districtPopulation: 782_073,
                    facilitiesByTier: Self.tiers(hc: 96, dh: 16, ph: 2, ch: 0), facilities: 114))
    }

    @Test func theWholeCountry() throws {
        let set = try ShippedLayerSet.set()
        let summary = LayerSummary(set, region: try set.requireRegion("national"))
        #expect(summary.provinces.count == 18)
        #expect(
            summary.total
                == Row(
                    pcode: "national", name: "National", districts: 148, villages: 8_499, villagePopulation: 7_545_667,
                    districtPopulation: 7_545_667, facilitiesByTier: Self.tiers(hc: 964, dh: 138, ph: 18, ch: 6),
                    facilities: 1_126))
        // Vientiane Capital has the five central hospitals and the national rehabilitation centre
        // (NC-01, tier central_hospital) instead of a provincial one (GeoData/README.md).
        #expect(summary.provinces[0].facilitiesByTier == Self.tiers(hc: 51, dh: 9, ph: 0, ch: 6))
    }
}
