import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// The six files of a coverage-gaps run, on the Bolikhamxay fixture: written, read back, and the
/// same bytes whatever the thread count.
@Suite("CoverageGaps+Files")
struct CoverageGapsFilesTests {
    func write(threads: Int, to folder: URL) throws -> (CoverageGaps, GapAreas) {
        let layers = try CoverageFixture.layers()
        let standards = try CoverageFixture.standards()
        let region = try layers.requireRegion("bolikhamxay")
        let assignment = try CoverageAssignment(layers: layers, standards: standards, targets: CoverageFixture.allTargets, threads: threads)
        let gaps = try CoverageGaps(assignment: assignment, layers: layers, region: region)
        let areas = try GapAreas(layers: layers, region: region, standards: standards, targets: CoverageFixture.allTargets, threads: threads)
        let names = try gaps.files(gapAreas: areas, layers: layers).write(to: folder)
        #expect(
            names == [
                "gaps.csv", "zones_districts.geojson", "zones_provinces.geojson", "uncovered_villages.geojson", "uncovered_villages.csv",
                "gap_areas.geojson",
            ])
        return (gaps, areas)
    }

    @Test func filesAreWrittenAndReadBack() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (gaps, areas) = try write(threads: 2, to: folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == CoverageGaps.fileNames.sorted())  // no temporary file left behind

        let table = try CSVTable.read(path: folder.appendingPathComponent("gaps.csv").path)
        #expect(table.rows.count == gaps.rows.count)
        #expect(table.rows.count == 9 * 22)  // region, LA11, 7 districts × 22 target thresholds

        func features(_ name: String) throws -> [[String: Any]] {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(document["type"] as? String == "FeatureCollection")
            #expect(document["crs"] == nil)
            return try #require(document["features"] as? [[String: Any]])
        }
        let districts = try features("zones_districts.geojson")
        #expect(districts.count == 7)
        #expect(districts.map { ($0["properties"] as? [String: Any])?["pcode"] as? String } == (1...7).map { "LA110\($0)" })
        #expect(districts.allSatisfy { (($0["geometry"] as? [String: Any])?["type"] as? String) == "Polygon" })
        #expect(try features("zones_provinces.geojson").count == 1)
        let uncovered = try features("uncovered_villages.geojson")
        #expect(uncovered.count == gaps.uncoveredVillagePositions().count)
        #expect(uncovered.count > 0)

        // The table of the uncovered villages: the GeoJSON's properties, in its order, then each
        // point's lon and lat, the same numbers as its coordinates.
        let uncoveredTable = try CSVTable.read(path: folder.appendingPathComponent("uncovered_villages.csv").path)
        let layer = try GeoJSONLayer.read(path: folder.appendingPathComponent("uncovered_villages.geojson").path)
        #expect(uncoveredTable.header == (layer.features.first?.properties.keys ?? []) + ["lon", "lat"])
        #expect(uncoveredTable.header == gaps.uncoveredVillageColumns() + ["lon", "lat"])
        #expect(uncoveredTable.rows.count == uncovered.count)
        for (row, feature) in zip(uncoveredTable.rows, uncovered) {
            let coordinates = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double])
            #expect([Double(row.fields[row.fields.count - 2]), Double(row.fields[row.fields.count - 1])] == coordinates.map { $0 })
            #expect(row.fields[0] == (feature["properties"] as? [String: Any])?["village_code"] as? String)
        }
        let gapFeatures = try features("gap_areas.geojson")
        #expect(gapFeatures.count == areas.areas.count)
        #expect(gapFeatures.count == 141)

        // Every GeoJSON layer loads again through GeometryKit's reader, polygons valid.
        for name in ["zones_districts.geojson", "zones_provinces.geojson", "uncovered_villages.geojson", "gap_areas.geojson"] {
            let layer = try GeoJSONLayer.parse(Array(try Data(contentsOf: folder.appendingPathComponent(name))), file: name)
            #expect(layer.features.count > 0, "\(name)")
        }
    }

    @Test func sameBytesWhateverTheThreadCount() throws {
        let one = try temporaryDirectory(), two = try temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: two)
        }
        _ = try write(threads: 1, to: one)
        _ = try write(threads: 2, to: two)
        for name in CoverageGaps.fileNames {
            let a = try Data(contentsOf: one.appendingPathComponent(name)), b = try Data(contentsOf: two.appendingPathComponent(name))
            #expect(a == b, "\(name)")
        }
    }

    @Test func missingFolderIsAnOutputError() throws {
        let layers = try CoverageFixture.layers()
        let standards = try CoverageFixture.standards()
        let region = try layers.requireRegion("bolikhamxay")
        let assignment = try CoverageAssignment(layers: layers, standards: standards, targets: [.tier(.healthCentre)])
        let gaps = try CoverageGaps(assignment: assignment, layers: layers, region: region)
        let areas = try GapAreas(layers: layers, region: region, standards: standards, targets: [.tier(.healthCentre)])
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-folder-\(UUID().uuidString)")
        #expect(throws: OutputError.self) {
            try gaps.files(gapAreas: areas, layers: layers).write(to: missing)
        }
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }
}
