import CoverageServer
import Foundation
import GeoIO
import TestSupport
import Testing

/// A what-if on the page is `coverage run` of the scenario the page saves, compared with
/// `coverage compare` against the run without changes.
@Suite struct WhatIfEndpointTests {
    static let changes = """
        [{"action": "add", "id": "NEW-1", "name": "New health centre 1", "tier": "health_centre", "lon": 104.9, "lat": 18.05, "services": ["epi"]},
         {"action": "add", "id": "NEW-2", "tier": "health_centre", "village": "1105112"},
         {"action": "close", "id": "PH-LA11"},
         {"action": "upgrade", "id": "DH-LA1104", "to": "provincial_hospital"}]
        """

    @Test func theChangeByDistrictIsWhatRunAndCompareReport() async throws {
        let api = try ServedData.api()
        let question = #""area": "LA11", "care": "health_centre", "threshold": "60min""#
        let response = await api.post("/api/whatif", "{\(question), \"changes\": \(Self.changes)}")
        #expect(response.status == 200, "\(response.text.prefix(500))")
        let answer = try response.json()
        #expect(answer["changes"]?.arrayValue?.count == 4)

        // The scenario files the page saves, with and without the changes, run and compared.
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func scenario(_ name: String, _ changes: String) async throws -> String {
            let file = await api.post("/api/scenario", "{\(question), \"name\": \"\(name)\", \"changes\": \(changes)}")
            try #require(file.status == 200, "\(file.text)")
            #expect(file.contentType == "application/yaml" && file.attachmentName == "\(name).yaml")
            let path = folder.appendingPathComponent("\(name).yaml").path
            try file.text.write(toFile: path, atomically: true, encoding: .utf8)
            let run = try CoverageProcess.run(["run", path, "--out", folder.appendingPathComponent(name).path])
            try #require(run.status == 0, "\(run)")
            return folder.appendingPathComponent(name).path
        }
        let base = try await scenario("base", "[]")
        let changed = try await scenario("what-if", Self.changes)
        let compared = folder.appendingPathComponent("compare").path
        let compare = try CoverageProcess.run(["compare", base, changed, "--out", compared])
        try #require(compare.status == 0, "\(compare)")
        let table = try CSVTable.read(path: compared + "/comparison.csv")
        func column(_ name: String) -> Int { table.header.firstIndex(of: name)! }
        let rows = table.rows.filter { $0.fields[column("threshold")] == "60min" && $0.fields[column("zone_level")] != "province" }
        let served = [answer["region"]!] + (answer["districts"]?.arrayValue ?? [])
        #expect(rows.count == served.count)
        for (zone, row) in zip(served, rows) {
            #expect(zone["zone_pcode"]?.stringValue == row.fields[column("zone_pcode")])
            let pairs: [(mine: String, theirs: String)] = [
                ("covered_before", "population_covered_a"), ("covered_after", "population_covered_b"), ("newly_covered", "population_newly_covered"),
                ("lost", "population_lost"), ("net_change", "population_net_change"), ("villages_newly_covered", "villages_newly_covered"),
                ("villages_lost", "villages_lost"),
            ]
            for (mine, theirs) in pairs {
                let cell: String = row.fields[column(theirs)]
                #expect(zone[mine]?.numberValue == Double(cell), "\(row.fields[column("zone_pcode")]) \(mine)")
            }
        }
        // Closing the provincial hospital loses people somewhere, and the new centres cover some.
        #expect((answer["region"]?["lost"]?.numberValue ?? 0) > 0)
        #expect((answer["region"]?["newly_covered"]?.numberValue ?? 0) > 0)
    }

    @Test func whatIfsAtOnceEachWorkOnTheirOwnCopy() async throws {
        let api = try ServedData.api()
        let question = #""area": "LA12", "care": "health_centre", "threshold": "5km", "travel": "straight""#
        let before = await api.get("/api/coverage", [("area", "LA12"), ("care", "health_centre"), ("threshold", "5km"), ("travel", "straight")])
        let bodies = (0..<6).map { index in
            "{\(question), \"changes\": [{\"action\": \"add\", \"id\": \"NEW\", \"tier\": \"health_centre\", \"lon\": \(104.6 + 0.1 * Double(index)), \"lat\": 17.4}]}"
        }
        var alone: [String] = []
        for body in bodies { alone.append(await api.post("/api/whatif", body).text) }
        let together = await withTaskGroup(of: (Int, String).self) { group in
            for (index, body) in bodies.enumerated() { group.addTask { (index, await api.post("/api/whatif", body).text) } }
            var answers = Array(repeating: "", count: bodies.count)
            for await (index, text) in group { answers[index] = text }
            return answers
        }
        #expect(together == alone)
        #expect(Set(alone).count > 1, "different sites give different answers")
        let after = await api.get("/api/coverage", [("area", "LA12"), ("care", "health_centre"), ("threshold", "5km"), ("travel", "straight")])
        #expect(after.text == before.text, "a what-if leaves the shared layers as they were")
    }

    @Test func suggestedSitesAreSuggestsAnswer() async throws {
        let api = try ServedData.api()
        let response = await api.post("/api/suggest", #"{"area": "bolikhamxay-khammouane", "care": "health_centre", "threshold": "5km", "count": 10}"#)
        #expect(response.status == 200, "\(response.text)")
        let answer = try response.json()
        let sites = try #require(answer["sites"]?.arrayValue)
        // The ten villages of Scenarios/ten-health-centres-bolikhamxay-khammouane.yaml, chosen by `coverage suggest`.
        #expect(
            sites.compactMap { $0["village_code"]?.stringValue } == [
                "1104009", "1103054", "1103011", "1203061", "1105025", "1105112", "1101051", "1105033", "1209059", "1202023",
            ])
        #expect(answer["gain"]?.numberValue == 70_292)
        #expect(answer["command"]?.stringValue == "coverage suggest --region bolikhamxay-khammouane --tier health_centre --count 10 --max-km 5")
    }
}
