import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

/// `regions.json`: `{"regions": [{"id", "name", "provinces"}]}`.
@Suite struct RegionsFileTests {
    private func read(_ text: String) throws -> [Region] {
        try withLayerSet(["regions.json": text]) { try RegionsFile.read(path: $0.path("regions.json")).regions }
    }

    private func readError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> InputError {
        try withLayerSet(["regions.json": text]) { scratch in
            try #require(throws: InputError.self, sourceLocation: sourceLocation) { try RegionsFile.read(path: scratch.path("regions.json")) }
        }
    }

    @Test func theShippedRegions() throws {
        let regions = try RegionsFile.read(path: LayerFixtures.geoData.appendingPathComponent("regions.json").path).regions
        #expect(regions.map(\.id) == ["bolikhamxay-khammouane", "north", "national"])
        #expect(regions[0] == Region(id: "bolikhamxay-khammouane", name: "Bolikhamxay and Khammouane", provincePcodes: ["LA11", "LA12"]))
        #expect(regions[1].provincePcodes == ["LA02", "LA03", "LA04", "LA05", "LA06", "LA07", "LA08", "LA09"])
        #expect(regions[2].provincePcodes == (1...18).map { String(format: "LA%02d", $0) })
    }

    @Test func aRegionWithoutANameIsNamedByItsId() throws {
        #expect(try read(#"{"regions": [{"id": "south", "provinces": ["LA16"]}]}"#) == [Region(id: "south", name: "south", provincePcodes: ["LA16"])])
    }

    @Test func aFileThatDefinesNationalKeepsIt() throws {
        let regions = #"{"regions": [{"id": "national", "name": "Only Eleven", "provinces": ["LA11"]}]}"#
        try withLayerSet(["regions.json": regions]) { scratch in
            let set = try LayerSet.load(scratch.sources())
            #expect(set.regions == [Region(id: "national", name: "Only Eleven", provincePcodes: ["LA11"])])
        }
    }

    @Test func notTheRegionsShape() throws {
        let notAList = try readError(#"{"regions": {"north": ["LA02"]}}"#)
        #expect(notAList.field == "regions")
        #expect(notAList.reason == #"expected {"regions": [ … ]}"#)
        #expect(try readError(#"["LA11"]"#).field == "regions")
    }

    @Test func aRegionWithoutIdOrProvinces() throws {
        for entry in [#"{"name": "x", "provinces": []}"#, #"{"id": "", "provinces": []}"#, #"{"id": "x"}"#, #""north""#] {
            let error = try readError(#"{"regions": [{"id": "a", "provinces": []}, \#(entry)]}"#)
            #expect(error.field == "regions[1]", "\(entry)")
            #expect(error.reason == "expected an object with id (text) and provinces (a list of P-codes)")
        }
    }

    @Test func aProvinceThatIsNotText() throws {
        let error = try readError(#"{"regions": [{"id": "a", "provinces": ["LA11", 12]}]}"#)
        #expect(error.field == "regions[0].provinces[1]")
        #expect(error.reason == "expected a province P-code, found a number")
    }

    @Test func notJSON() throws {
        let error = try readError("{\"regions\": [\n  {\"id\": \"a\",, }\n]}")
        #expect(error.location == .position(line: 2, column: 14))
        #expect(error.reason.hasPrefix("not valid JSON: "))
        #expect(error.category == .invalid)
    }

    @Test func aMissingFile() throws {
        let error = try #require(throws: InputError.self) { try RegionsFile.read(path: "/nonexistent/regions.json") }
        #expect(error.category == .unreadable)
        #expect(error.file == "/nonexistent/regions.json")
    }

    /// A region may add single districts of other provinces (`districts`, optional); each must be
    /// in the districts layer, and the region then holds the province whole and the district.
    @Test func aRegionWithDistricts() throws {
        let regions = #"{"regions": [{"id": "west", "name": "West", "provinces": ["LA12"], "districts": ["LA1101"]}]}"#
        #expect(try read(regions) == [Region(id: "west", name: "West", provincePcodes: ["LA12"], districtPcodes: ["LA1101"])])
        try withLayerSet(["regions.json": regions]) { scratch in
            let set = try LayerSet.load(scratch.sources())
            let west = try #require(set.region("west"))
            // Fixture villages: 1101001, 1101002 in LA1101; 1102001 in LA1102; 1201001, 1201002 in LA12.
            #expect(
                set.villages.filter { west.contains(districtPcode: $0.districtPcode, provincePcode: $0.provincePcode) }.map(\.code) == [
                    "1101001", "1101002", "1201001", "1201002",
                ])
        }
        let unknown = #"{"regions": [{"id": "west", "provinces": [], "districts": ["LA1101", "LA1109"]}]}"#
        let found = try findings(["regions.json": unknown])
        #expect(found.map(\.code) == ["unknown_district_code"])
        #expect(found.first?.detail.field == "regions[0].districts[1]")
        #expect(found.first?.detail.reason == "region west names district LA1109, which is not in the districts layer")
        #expect(try readError(#"{"regions": [{"id": "a", "provinces": [], "districts": "LA1101"}]}"#).field == "regions[0].districts")
    }
}
