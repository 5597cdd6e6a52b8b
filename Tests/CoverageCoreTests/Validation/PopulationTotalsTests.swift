import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

/// Villages whose populations do not add up to their districts' own (LSB) figures: one warning
/// for the village layer, naming the worst districts with both figures and the ratio.
///
/// The fixture set's districts: LA1101 1,500 (villages 1,000 + 500), LA1102 800 (800), LA1201
/// 1,500 (1,200 + 300); the ratios below are worked out by hand from those figures.
@Suite struct PopulationTotalsTests {
    /// The fixture villages with their populations replaced, in feature order.
    private func villages(_ populations: [Int]) throws -> String {
        let features = try LayerFixtures.features("villages.geojson")
        return collection(
            features: zip(features, populations).map { feature, population in
                feature.replacingOccurrences(of: #""population": [0-9]+"#, with: "\"population\": \(population)", options: .regularExpression)
            })
    }

    private func warnings(_ populations: [Int]) throws -> [Finding] {
        try withLayerSet(["villages.geojson": try villages(populations)]) { try LayerSet.load($0.sources()).report.findings }
    }

    @Test func villagesThatAddUpGiveNoWarning() throws {
        #expect(try warnings([1_000, 500, 800, 1_200, 300]).isEmpty)
    }

    @Test func onePercentIsTolerated() throws {
        // LA1101: 1,515 against 1,500 is 1 % exactly; LA1201: 1,485 is 1 % short.
        #expect(try warnings([1_015, 500, 800, 1_185, 300]).isEmpty)
        // 1,516 is beyond it.
        let found = try warnings([1_016, 500, 800, 1_200, 300])
        #expect(found.map(\.code) == ["population_mismatch"])
        #expect(found.first?.detail.reason.contains("in 1 of 3 districts; LA1101 West Eleven 1,516 against 1,500 (×1.01)") == true)
    }

    @Test func aDistrictAt9PercentAndOneAt75Times() throws {
        // LA1101: 90 + 45 = 135 of 1,500 (×0.09); LA1102: 60,000 of 800 (×75).
        let found = try warnings([90, 45, 60_000, 1_200, 300])
        #expect(found.map(\.brief) == ["warning population_mismatch villages.geojson file population -"])
        let warning = try #require(found.first)
        // 135 + 60,000 + 1,500 = 61,635 against 3,800: ×16.2.
        #expect(
            warning.detail.reason
                == "the villages' populations differ from the districts' own figures (population) by more than 1 % in 2 of 3 districts; "
                + "LA1102 East Eleven 60,000 against 800 (×75); LA1101 West Eleven 135 against 1,500 (×0.09); "
                + "in all 61,635 against 3,800 (×16.2)")
        #expect(warning.magnitude == 75)
        // It is a warning: the set loads, and it is the worst of its warnings.
        let set = try withLayerSet(["villages.geojson": try villages([90, 45, 60_000, 1_200, 300])]) { try LayerSet.load($0.sources()) }
        #expect(set.report.worstWarning?.code == "population_mismatch")
    }

    @Test func theWorstFiveAreNamed() throws {
        // Seven districts, each with a village of 1 person against a figure of 10 × its number.
        let districts = (1...7).map { number in
            districtFeature(
                JSONLiteral(stringLiteral: "LA130\(number)"), name: JSONLiteral(stringLiteral: "D\(number)"), province: "LA12",
                population: JSONLiteral(integerLiteral: 10 * number),
                geometry: squareGeometry(105 + Double(number - 1) * 0.1, 17, 105 + Double(number) * 0.1, 18))
        }
        let extra = (1...7).map { number in
            villageFeature(
                JSONLiteral(stringLiteral: "13019\(number)"), district: JSONLiteral(stringLiteral: "LA130\(number)"), province: "LA12", population: 1,
                geometry: pointGeometry(105.05 + Double(number - 1) * 0.1, 17.5))
        }
        let files = [
            "districts.geojson": try LayerFixtures.layer("districts.geojson", adding: districts),
            "villages.geojson": try LayerFixtures.layer("villages.geojson", adding: extra),
        ]
        let found = try withLayerSet(files) { try LayerSet.load($0.sources()).report.findings }
        #expect(found.map(\.code) == ["population_mismatch"])
        #expect(
            found.first?.detail.reason
                == "the villages' populations differ from the districts' own figures (population) by more than 1 % in 7 of 10 districts; "
                + "the worst: LA1307 D7 1 against 70 (×0.0143); LA1306 D6 1 against 60 (×0.0167); LA1305 D5 1 against 50 (×0.02); "
                + "LA1304 D4 1 against 40 (×0.025); LA1303 D3 1 against 30 (×0.0333); in all 3,807 against 4,080 (×0.933)")
    }

    @Test func aDistrictWithAFigureAndNoVillages() throws {
        let files = ["districts.geojson": try LayerFixtures.layer("districts.geojson", adding: [districtFeature("LA1202", population: 10)])]
        let found = try withLayerSet(files) { try LayerSet.load($0.sources()).report.findings }
        #expect(found.map(\.code) == ["population_mismatch"])
        #expect(found.first?.detail.reason.contains("in 1 of 4 districts; LA1202 Extra 0 against 10 (×0);") == true)
        #expect(found.first?.magnitude == .infinity)
    }

    @Test func aDistrictWithoutAFigureIsNotCompared() throws {
        let files = ["districts.geojson": try LayerFixtures.layer("districts.geojson", adding: [districtFeature("LA1202", population: nil)])]
        #expect(try withLayerSet(files) { try LayerSet.load($0.sources()).report.findings }.isEmpty)
    }

    @Test func aLayerWithErrorsIsNotCompared() throws {
        // The village left out for its error would make LA1101 short: that is no second finding.
        let found = try findings(["villages.geojson": try villages([1_000, -500, 800, 1_200, 300])])
        #expect(found.map(\.code) == ["negative_population"])
    }
}
