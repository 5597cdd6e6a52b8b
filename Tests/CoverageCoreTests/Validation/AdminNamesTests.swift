import Foundation
import GeoIO
import GeometryKit
import Testing

@testable import CoverageCore

/// Names written where P-codes belong, answered with the code: the lookup, and the messages a
/// layer set gets. Names and codes of the shipped data: districts.geojson and provinces.geojson
/// (LA1201 Thakhek, "ມ. ທ່າແຂກ", of LA12 Khammouan; Xaysetha is LA0103 in Vientiane Capital and
/// LA1701 in Attapeu), read with Python's json.
@Suite struct AdminNamesTests {
    private static let shipped = Result { try ShippedLayerSet.set() }

    private func names() throws -> AdminNames {
        let set = try Self.shipped.get()
        return AdminNames(set.provinces + set.districts)
    }

    @Test(arguments: ["Thakhek", "thakhek", "THA KHEK", "Tha-khek", "Thàkhek", " Thakhek ", "ມ. ທ່າແຂກ", "ທ່າແຂກ"])
    func aDistrictNameWithoutRegardToCaseSpacesAndDiacritics(_ text: String) throws {
        #expect(try names().units(named: text).map(\.pcode) == ["LA1201"])
    }

    @Test func theAnswerNamesTheCode() throws {
        #expect(try names().answer(for: "Thakhek", expected: .district) == #"expected a P-code; "Thakhek" is the name of LA1201 (Thakhek)"#)
        #expect(try names().answer(for: "Khammouan", expected: .province) == #"expected a P-code; "Khammouan" is the name of LA12 (Khammouan)"#)
    }

    @Test func aProvinceNameInADistrictFieldSaysItIsAProvince() throws {
        #expect(
            try names().answer(for: "khammouan", expected: .district)
                == #"expected a P-code; "khammouan" is the name of province LA12 (Khammouan)"#)
    }

    @Test func aNameSeveralDistrictsShareNamesThemAll() throws {
        #expect(
            try names().answer(for: "Xaysetha", expected: .district)
                == #"expected a P-code; "Xaysetha" is the name of LA0103 (Xaysetha, province LA01) and LA1701 (Xaysetha, province LA17)"#)
    }

    @Test func otherTextIsNoName() throws {
        #expect(try names().answer(for: "LA1299", expected: .district) == nil)
        #expect(try names().answer(for: "Thakhe", expected: .district) == nil)
        #expect(try names().answer(for: "", expected: .district) == nil)
        #expect(try names().answer(for: "--", expected: .district) == nil)
    }

    @Test func laoMarksAreKeptButLatinDiacriticsAreNot() {
        #expect(AdminNames.normalized("Xaysétha") == "xaysetha")
        #expect(AdminNames.normalized("X A Y-S E T H A.") == "xaysetha")
        // ທ່າ (with the tone mark) and ທາ are different syllables.
        #expect(AdminNames.normalized("ທ່າແຂກ") != AdminNames.normalized("ທາແຂກ"))
    }

    // MARK: - In a layer set

    @Test func namesInACodeFieldAreAnsweredForEachField() throws {
        // A village of the fixture set writing its district's and province's names.
        let found = try findings([
            "villages.geojson": try LayerFixtures.layer("villages.geojson", adding: [villageFeature("1101003", district: "West Eleven", province: "ELEVEN")])
        ])
        #expect(
            found.map(\.brief) == [
                "error name_for_pcode villages.geojson feature 5 district_pcode 1101003",
                "error name_for_pcode villages.geojson feature 5 province_pcode 1101003",
            ])
        #expect(
            found.map(\.detail.reason) == [
                #"expected a P-code; "West Eleven" is the name of LA1101 (West Eleven)"#,
                #"expected a P-code; "ELEVEN" is the name of LA11 (Eleven)"#,
            ])
    }

    @Test func aDistrictNamingItsProvinceByName() throws {
        let found = try findings([
            "districts.geojson": try LayerFixtures.layer("districts.geojson", adding: [districtFeature("LA1202", province: "Twelve")])
        ])
        #expect(found.map(\.brief) == ["error name_for_pcode districts.geojson feature 3 province_pcode LA1202"])
        #expect(found.first?.detail.reason == #"expected a P-code; "Twelve" is the name of LA12 (Twelve)"#)
    }

    @Test func aRegionNamingAProvinceByName() throws {
        let regions = #"{"regions": [{"id": "eleven", "name": "Eleven", "provinces": ["Eleven"]}]}"#
        let found = try findings(["regions.json": regions])
        #expect(found.map(\.code) == ["name_for_pcode"])
        #expect(found.first?.detail.field == "regions[0].provinces[0]")
        #expect(found.first?.detail.reason == #"expected a P-code; "Eleven" is the name of LA11 (Eleven)"#)
    }
}
