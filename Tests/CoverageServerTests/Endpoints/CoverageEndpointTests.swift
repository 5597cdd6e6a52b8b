import CoverageServer
import Foundation
import GeoIO
import TestSupport
import Testing

/// The page's coverage table is `coverage gaps`'s table for the same question.
@Suite struct CoverageEndpointTests {
    /// The CLI's gaps.csv for `arguments`: its bytes with only the header and the rows of one
    /// threshold kept, and the table as read.
    static func cliGaps(_ arguments: [String], threshold: String) throws -> (bytes: [UInt8], table: CSVTable) {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("gaps").path
        let run = try CoverageProcess.run(["gaps"] + arguments + ["--out", out])
        try #require(run.status == 0, "\(run)")
        let path = out + "/gaps.csv"
        let table = try CSVTable.read(path: path)
        let column = try #require(table.header.firstIndex(of: "threshold"))
        let keptLines = Set(table.rows.filter { $0.fields[column] == threshold }.map(\.line))
        // The file's lines (each ending in a line feed), the header and the kept rows (no field holds a line break here).
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var kept: [UInt8] = [], line = 1, start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            if line == 1 || keptLines.contains(line) { kept += bytes[start...index] }
            line += 1
            start = index + 1
        }
        return (kept, table)
    }

    @Test(arguments: [
        ("LA12", "health_centre", "60min", "standard"), ("bolikhamxay-khammouane", "district_hospital", "20km", "straight"),
        ("LA1101", "epi", "45min", "straight"),
    ])
    func theZonesAreTheRowsOfCoverageGaps(area: String, care: String, threshold: String, travel: String) async throws {
        let api = try ServedData.api()
        let response = await api.get("/api/coverage", [("area", area), ("care", care), ("threshold", threshold), ("travel", travel)])
        #expect(response.status == 200, "\(response.text.prefix(500))")
        let answer = try response.json()
        let tiers = ["health_centre", "district_hospital", "provincial_hospital", "central_hospital"]
        var arguments = ["--region", area, tiers.contains(care) ? "--tier" : "--service", care]
        let number = threshold.replacingOccurrences(of: "km", with: "").replacingOccurrences(of: "min", with: "")
        arguments += threshold.hasSuffix("km") ? ["--max-km", number] : ["--max-minutes", number]
        if travel != "standard" { arguments += ["--travel", travel] }
        #expect(answer["command"]?.stringValue == "coverage gaps " + arguments.joined(separator: " "))
        let table = try Self.cliGaps(arguments, threshold: threshold).table
        // Every zone row of the answer, column by column, is the CLI's row for the limit.
        let served = [answer["region"]!] + (answer["districts"]?.arrayValue ?? [])
        let levelColumn = table.header.firstIndex(of: "zone_level")!, thresholdColumn = table.header.firstIndex(of: "threshold")!
        let cliRows = table.rows.filter { $0.fields[thresholdColumn] == threshold && $0.fields[levelColumn] != "province" }
        #expect(served.count == cliRows.count)
        for (zone, row) in zip(served, cliRows) {
            for (index, column) in table.header.enumerated() {
                let value = try #require(zone[column], "\(column) missing")
                #expect(Self.same(value, row.fields[index]), "\(row.fields[2]) \(column): served \(value.brief), CLI \(row.fields[index])")
            }
        }
        // The uncovered villages are the region row's.
        let villages = try #require(answer["uncovered_villages"]?.arrayValue)
        #expect(Double(villages.count) == answer["region"]?["villages_uncovered"]?.numberValue)
        let people = villages.reduce(0) { $0 + ($1["population"]?.numberValue ?? 0) }
        #expect(people == answer["region"]?["population_uncovered"]?.numberValue)
    }

    /// A JSON value and a CSV cell say the same: numbers equal, booleans and texts as written, null empty.
    static func same(_ value: JSONValue, _ cell: String) -> Bool {
        switch value {
        case .null: cell.isEmpty
        case .number(let number): Double(cell) == number
        case .bool(let flag): cell == String(flag)
        case .string(let text): cell == text
        default: false
        }
    }

    @Test func theExportedTableIsTheCommandsForTheLimit() async throws {
        let api = try ServedData.api()
        let query = [("area", "LA11"), ("care", "health_centre"), ("threshold", "5km"), ("travel", "straight")]
        let export = await api.get("/api/export/gaps.csv", query)
        #expect(export.status == 200 && export.attachmentName == "gaps.csv" && export.contentType.hasPrefix("text/csv"))
        let cli = try Self.cliGaps(["--region", "LA11", "--tier", "health_centre", "--max-km", "5", "--travel", "straight"], threshold: "5km")
        #expect(export.body.starts(with: [0xEF, 0xBB, 0xBF]), "a table starts with the byte-order mark, as the command writes it")
        #expect(export.body == cli.bytes)
        let layer = await api.get("/api/export/uncovered_villages.geojson", query)
        #expect(layer.status == 200 && layer.contentType == "application/geo+json")
        let collection = try layer.json()
        #expect(collection["type"]?.stringValue == "FeatureCollection")
        let missing = await api.get("/api/export/gap_areas.geojson", query)
        #expect(missing.status == 404 && missing.text.contains("gaps.csv"))
    }
}
