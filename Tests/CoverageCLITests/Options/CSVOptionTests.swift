import Foundation
import GeoIO
import TestSupport
import Testing

/// The CSV tables: a point table ends with `lon` and `lat`, the same text as its GeoJSON twin's
/// coordinates (and as the input villages'); the gaps folder has `uncovered_villages.csv`; every
/// table starts with the UTF-8 byte-order mark unless `--no-csv-bom` (Excel needs it for Lao
/// script), as the manifest records. Run on the Bolikhamxay coverage fixture (303 villages).
@Suite("CSV tables")
struct CSVOptionTests {
    static let data = CoverageProcess.coreFixtures.appendingPathComponent("coverage")
    static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The coordinates of every Point of a GeoJSON file, as the text the file holds.
    static func coordinateTexts(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.matches(of: /"type":"Point","coordinates":\[([^,\]]+),([^\]]+)\]/).map { [String($0.1), String($0.2)] }
    }

    /// The table's rows as text (the header first), read by splitting lines and commas (no field
    /// of these tables holds a comma or a quote: checked), after the byte-order mark if any.
    static func lines(_ url: URL) throws -> (mark: Bool, rows: [[String]]) {
        var bytes = Array(try Data(contentsOf: url))
        let marked = bytes.starts(with: mark)
        if marked { bytes.removeFirst(3) }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("\""), "a quoted field in \(url.lastPathComponent)")
        return (marked, text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
    }

    @Test func pointTablesEndWithTheGeoJSONCoordinates() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        // Each run replaces its folder as a whole: one folder each.
        let gapsOut = out.appendingPathComponent("gaps"), assignOut = out.appendingPathComponent("assign")
        let run = try CoverageProcess.run(["gaps", "--data", Self.data.path, "--region", "bolikhamxay", "--out", gapsOut.path])
        #expect(run.status == 0, "\(run)")
        let assign = try CoverageProcess.run(["assign", "--data", Self.data.path, "--tier", "health_centre", "--out", assignOut.path])
        #expect(assign.status == 0, "\(assign)")

        for (name, folder) in [("villages_assigned", assignOut), ("uncovered_villages", gapsOut)] {
            let (marked, rows) = try Self.lines(folder.appendingPathComponent("\(name).csv"))
            #expect(marked, "\(name).csv has no byte-order mark")
            #expect(rows.first?.suffix(2) == ["lon", "lat"])
            let coordinates = try Self.coordinateTexts(folder.appendingPathComponent("\(name).geojson"))
            #expect(rows.count - 1 == coordinates.count && !coordinates.isEmpty)
            #expect(rows.dropFirst().map { Array($0.suffix(2)) } == coordinates, "\(name).csv")
        }
        // Every village's lon and lat are its input point, to the text.
        let (_, assigned) = try Self.lines(assignOut.appendingPathComponent("villages_assigned.csv"))
        #expect(assigned.dropFirst().map { Array($0.suffix(2)) } == (try Self.coordinateTexts(Self.data.appendingPathComponent("villages.geojson"))))
        // The uncovered villages' table holds the GeoJSON's properties, in order, then lon and lat.
        let layer = try GeoJSONLayer.read(path: gapsOut.appendingPathComponent("uncovered_villages.geojson").path)
        let (_, uncovered) = try Self.lines(gapsOut.appendingPathComponent("uncovered_villages.csv"))
        #expect(uncovered.first == (layer.features.first?.properties.keys ?? []) + ["lon", "lat"])
        #expect(uncovered.dropFirst().map(\.first) == layer.features.map { $0.properties["village_code"]?.stringValue })
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: gapsOut.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect((manifest["parameters"] as? [String: String])?["csv_bom"] == "true")
    }

    @Test func suggestedSitesAndCapacityFacilitiesToo() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let suggest = try CoverageProcess.run([
            "suggest", "--data", Self.data.path, "--region", "bolikhamxay", "--tier", "health_centre", "--count", "3", "--out",
            out.appendingPathComponent("suggested_sites").path,
        ])
        #expect(suggest.status == 0, "\(suggest)")
        // The fixture's standards give no capacity: the shipped standards do.
        let standards = Fixtures.shippedData.appendingPathComponent("standards.yaml").path
        let capacity = try CoverageProcess.run([
            "capacity", "--data", Self.data.path, "--standards", standards, "--tier", "health_centre", "--out",
            out.appendingPathComponent("capacity_facilities").path,
        ])
        #expect(capacity.status == 0, "\(capacity)")
        // Each run replaces its folder as a whole: one folder each, named after the table.
        for name in ["suggested_sites", "capacity_facilities"] {
            let folder = out.appendingPathComponent(name)
            let (marked, rows) = try Self.lines(folder.appendingPathComponent("\(name).csv"))
            #expect(marked)
            #expect(rows.first?.suffix(2) == ["lon", "lat"])
            #expect(!(rows.first?.contains("longitude") ?? true))
            #expect(rows.dropFirst().map { Array($0.suffix(2)) } == (try Self.coordinateTexts(folder.appendingPathComponent("\(name).geojson"))))
        }
    }

    @Test func noCSVBOMWritesPlainUTF8AndNothingElseChanges() throws {
        let marked = try temporaryDirectory(), plain = try temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: marked)
            try? FileManager.default.removeItem(at: plain)
        }
        let arguments = ["gaps", "--data", Self.data.path, "--region", "bolikhamxay", "--tier", "health_centre"]
        #expect(try CoverageProcess.run(arguments + ["--out", marked.path]).status == 0)
        let run = try CoverageProcess.run(arguments + ["--no-csv-bom", "--out", plain.path])
        #expect(run.status == 0, "\(run)")
        for name in try FileManager.default.contentsOfDirectory(atPath: plain.path) where name != "manifest.json" {
            let a = Array(try Data(contentsOf: marked.appendingPathComponent(name)))
            let b = Array(try Data(contentsOf: plain.appendingPathComponent(name)))
            #expect(!b.starts(with: Self.mark), "\(name)")
            #expect(a == (name.hasSuffix(".csv") ? Self.mark + b : b), "\(name)")
        }
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: plain.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect((manifest["parameters"] as? [String: String])?["csv_bom"] == "false")
    }
}
