import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

/// Duplicate identifiers are found over every record of a layer and name the first record.
@Suite struct DuplicateIdentifiersTests {
    @Test func aCSVDuplicateNamesTheFirstLine() throws {
        let csv = """
            facility_id,name,tier,district_pcode,lon,lat
            HC-1,One,health_centre,LA1101,103.5,18.5
            HC-2,Two,health_centre,LA1101,103.25,18.25
            HC-1,Three,health_centre,LA1102,104.5,18.5
            HC-1,Four,clinic,LA1102,104.6,18.5

            """
        try withLayerSet(["facilities.csv": csv]) { scratch in
            let found = try LayerSet.validate(scratch.sources { $0.paths[.facilities] = scratch.path("facilities.csv") }).findings
            #expect(
                found.map(\.brief).sorted() == [
                    "error duplicate_id facilities.csv line 4 facility_id HC-1",
                    "error duplicate_id facilities.csv line 5 facility_id HC-1",
                    "error unknown_tier facilities.csv line 5 tier HC-1",
                    // No services column: every facility's services are its tier's defaults.
                    "warning services_assumed facilities.csv file - -",
                ])
            #expect(
                found.filter { $0.code == "duplicate_id" }.map(\.detail.reason)
                    == Array(repeating: "duplicate facility identifier HC-1 (first at line 2)", count: 2))
        }
    }

    @Test func identifiersAreComparedAsWritten() throws {
        // "1101001" and the number 1101001 are the same text; " 1101001 " is trimmed to it too.
        let files = [
            "villages.geojson": try LayerFixtures.layer(
                "villages.geojson",
                adding: [
                    villageFeature(1_101_001), villageFeature(" 1101001 "), villageFeature("1101001a"),
                ])
        ]
        let found = try findings(files)
        #expect(
            found.map(\.brief) == [
                "error duplicate_id villages.geojson feature 5 village_code 1101001",
                "error duplicate_id villages.geojson feature 6 village_code 1101001",
            ])
    }

    @Test func placeDescriptions() {
        func record(_ location: InputError.Location) -> LayerRecord {
            LayerRecord(file: "f", location: location, fields: JSONObject(), geometry: nil)
        }
        #expect(record(.feature(3)).placeDescription(from: "f") == "feature 3")
        #expect(record(.line(7)).placeDescription(from: "f") == "line 7")
        #expect(record(.position(line: 2, column: 5)).placeDescription(from: "f") == "2:5")
        #expect(record(.file).placeDescription(from: "f") == "the file")
        // A record of another file (a layer added with --add-facilities) names it.
        #expect(record(.feature(3)).placeDescription(from: "g") == "feature 3 of f")
    }
}
