import CoverageServer
import Foundation
import GeoIO
import TestSupport
import Testing

/// A village's and a facility's answers are the CLI's, byte for byte.
@Suite struct PlaceEndpointTests {
    @Test(arguments: ["1101001", "101001", "1206055", "1805019"])
    func aVillageIsExactlyWhatQueryVillagePrints(code: String) async throws {
        let api = try ServedData.api()
        let json = await api.get("/api/villages/\(code)")
        let cli = try CoverageProcess.run(["query", "village", code, "--json"])
        #expect(cli.status == 0, "\(cli)")
        #expect(json.status == 200 && json.contentType == "application/json")
        #expect(json.text == cli.stdout)
        let text = await api.get("/api/villages/\(code)", [("format", "text")])
        let cliText = try CoverageProcess.run(["query", "village", code])
        #expect(text.status == 200 && text.contentType.hasPrefix("text/plain"))
        #expect(text.text == cliText.stdout)
    }

    @Test func aFacilityIsWhatQueryFacilityPrintsWithItsCatchmentVillages() async throws {
        let api = try ServedData.api()
        let response = await api.get("/api/facilities/PH-LA11")
        let cli = try CoverageProcess.run(["query", "facility", "PH-LA11", "--json"])
        #expect(response.status == 200, "\(response.text)")
        let served = try response.json()
        let printed = try #require(try? JSONParser.parse(cli.stdout), "\(cli)")
        // The same members as the CLI's, then the catchment's villages.
        let members = try #require(served.objectValue?.members)
        #expect(members.last?.key == "catchment_villages")
        #expect(JSONValue.object(JSONObject(Array(members.dropLast()))) == printed)
        let villages = try #require(served["catchment_villages"]?.arrayValue)
        #expect(Double(villages.count) == printed["catchment"]?["villages"]?.numberValue)
        #expect(villages.allSatisfy { $0["village_code"]?.stringValue != nil && $0["lon"]?.numberValue != nil })
        let text = await api.get("/api/facilities/PH-LA11", [("format", "text")])
        #expect(text.text == (try CoverageProcess.run(["query", "facility", "PH-LA11"])).stdout)
    }

    @Test func searchFindsByNameCodeAndAMisspelling() async throws {
        let api = try ServedData.api()
        let exact = try await api.get("/api/search", [("q", "B. Nongping")]).json()
        let found = try #require(exact.arrayValue)
        #expect(found.count == 10 || found.count >= 3)
        #expect(found.prefix(3).allSatisfy { $0["match"]?.stringValue == "exact" && $0["name"]?.stringValue == "B. Nongping" })
        let byCode = try await api.get("/api/search", [("q", "PH-LA11"), ("limit", "1")]).json()
        #expect(byCode[0]?["kind"]?.stringValue == "facility" && byCode[0]?["id"]?.stringValue == "PH-LA11")
        // One letter wrong still finds the name, marked as a close match.
        let misspelt = try await api.get("/api/search", [("q", "Nongpinh"), ("limit", "25")]).json()
        #expect(misspelt.arrayValue?.contains { $0["name"]?.stringValue == "B. Nongping" && $0["match"]?.stringValue == "closest" } == true)
    }
}
