import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// The findings of the village loader, each from one hand-written village added to the fixture
/// set (features 0–4 are good; the added ones are features 5, 6, …).
@Suite struct VillageLoaderTests {
    private func villageFindings(_ extra: [String], _ adjust: (inout LayerSources) -> Void = { _ in }) throws -> [Finding] {
        try findings(["villages.geojson": try LayerFixtures.layer("villages.geojson", adding: extra)], adjust)
    }

    @Test func missingIdentifier() throws {
        for code: JSONLiteral in [nil, "", "   ", .absent] {
            let found = try villageFindings([villageFeature(code)])
            #expect(found.map(\.brief) == ["error missing_id villages.geojson feature 5 village_code -"], "\(code.text)")
            #expect(found.first?.detail.reason == "every village needs an identifier (field village_code)")
        }
    }

    @Test func aNumericIdentifierIsReadAsText() throws {
        try withLayerSet(["villages.geojson": try LayerFixtures.layer("villages.geojson", adding: [villageFeature(1_101_003)])]) { scratch in
            let set = try LayerSet.load(scratch.sources())
            #expect(set.villages.last?.code == "1101003")
        }
    }

    @Test func anIdentifierThatIsNotTextOrANumber() throws {
        let found = try villageFindings([villageFeature(["1101003"])])
        #expect(found.map(\.brief) == ["error invalid_id villages.geojson feature 5 village_code -"])
        #expect(found.first?.detail.reason == "expected text, found an array")
    }

    @Test func duplicateIdentifierNamesTheFirst() throws {
        let found = try villageFindings([villageFeature("1101002"), villageFeature("1101002", population: -1)])
        // The first (feature 1) is not a duplicate; a duplicate with other problems is still one.
        #expect(
            found.map(\.brief).sorted() == [
                "error duplicate_id villages.geojson feature 5 village_code 1101002",
                "error duplicate_id villages.geojson feature 6 village_code 1101002",
                "error negative_population villages.geojson feature 6 population 1101002",
            ])
        let duplicates = found.filter { $0.code == "duplicate_id" }
        #expect(
            duplicates.map(\.detail.reason) == [
                "duplicate village identifier 1101002 (first at feature 1)",
                "duplicate village identifier 1101002 (first at feature 1)",
            ])
    }

    @Test func missingNameIsAWarningAndTheCodeStandsIn() throws {
        let files = ["villages.geojson": try LayerFixtures.layer("villages.geojson", adding: [villageFeature("1101003", name: nil)])]
        try withLayerSet(files) { scratch in
            let set = try LayerSet.load(scratch.sources())
            #expect(set.report.findings.map(\.brief) == ["warning missing_name villages.geojson feature 5 name 1101003"])
            #expect(set.report.findings.first?.detail.reason == "no name")
            #expect(set.villages.last?.name == "1101003")
        }
    }

    @Test func negativePopulation() throws {
        let found = try villageFindings([villageFeature("1101003", population: -5)])
        #expect(found.map(\.brief) == ["error negative_population villages.geojson feature 5 population 1101003"])
        #expect(found.first?.detail.reason == "expected a whole number ≥ 0, found -5")
    }

    @Test func populationThatIsNotAWholeNumber() throws {
        let cases: [(JSONLiteral, String)] = [
            ("n/a", #"expected a whole number, found "n/a""#),
            (12.5, "expected a whole number, found 12.5"),
            (true, "expected a whole number, found a boolean"),
            ([100], "expected a whole number, found an array"),
        ]
        for (value, reason) in cases {
            let found = try villageFindings([villageFeature("1101003", population: value)])
            #expect(found.map(\.brief) == ["error invalid_population villages.geojson feature 5 population 1101003"], "\(value.text)")
            #expect(found.first?.detail.reason == reason)
        }
    }

    @Test func populationAsTextOfAWholeNumberIsAccepted() throws {
        let files = ["villages.geojson": try LayerFixtures.layer("villages.geojson", adding: [villageFeature("1101003", population: " 250 ")])]
        try withLayerSet(files) { scratch in
            let set = try LayerSet.load(scratch.sources())
            #expect(set.villages.last?.figures.population == 250)
        }
    }

    @Test func missingPopulation() throws {
        for population: JSONLiteral in [nil, "", .absent] {
            let found = try villageFindings([villageFeature("1101003", population: population)])
            #expect(found.map(\.brief) == ["error missing_population villages.geojson feature 5 population 1101003"], "\(population.text)")
            #expect(found.first?.detail.reason == "a village needs a population (a whole number ≥ 0)")
        }
    }

    @Test func badTargetGroupAndEstimateFlag() throws {
        let found = try villageFindings([villageFeature("1101003", under5: -1, estimated: "maybe")])
        #expect(
            found.map(\.brief).sorted() == [
                "error invalid_population_estimated villages.geojson feature 5 population_estimated 1101003",
                "error negative_under5 villages.geojson feature 5 under5 1101003",
            ])
        #expect(found.first { $0.code == "invalid_population_estimated" }?.detail.reason == #"expected true or false, found "maybe""#)
    }

    @Test func everyProblemOfOneVillageIsListed() throws {
        // No population and a polygon: both are reported, and the village is left out.
        let found = try villageFindings([villageFeature("1101003", population: nil, geometry: squareGeometry(103.7, 18.7, 103.8, 18.8))])
        #expect(
            found.map(\.brief).sorted() == [
                "error missing_population villages.geojson feature 5 population 1101003",
                "error wrong_geometry_type villages.geojson feature 5 geometry 1101003",
            ])
    }

    @Test func villagesFromACSVWithTheirLines() throws {
        let csv = """
            village_code,name,district_pcode,province_pcode,population,lon,lat
            1101001,B. One,LA1101,LA11,1000,103.5,18.5
            1101002,B. Two,LA1101,LA11,n/a,103.25,18.25
            1102001,,LA1102,LA11,800,104.5,18.5
            1201001,B. Four,LA1201,LA12,1200,,
            1201002,B. Five,LA1201,LA12,300,102.5,abc

            """
        try withLayerSet(["villages.csv": csv]) { scratch in
            let sources = scratch.sources { $0.paths[.villages] = scratch.path("villages.csv") }
            let found = try LayerSet.validate(sources).findings
            #expect(
                found.map(\.brief).sorted() == [
                    "error invalid_population villages.csv line 3 population 1101002",
                    "error malformed_geometry villages.csv line 6 lat 1201002",
                    "error missing_geometry villages.csv line 5 - 1201001",
                    "warning missing_name villages.csv line 4 name 1102001",
                ])
            #expect(found.first { $0.code == "missing_geometry" }?.detail.reason == "no coordinates (columns lon and lat are blank)")
            #expect(found.first { $0.code == "malformed_geometry" }?.detail.reason == #"expected a number, found "abc""#)
        }
    }
}
