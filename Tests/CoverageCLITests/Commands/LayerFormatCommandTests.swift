import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// `--format gpkg|both`: the run's layers and tables in one GeoPackage, read back by `ogr2ogr`
/// and compared with the GeoJSON and CSV files of the same run; `coverage import` to a `.gpkg`.
@Suite("coverage --format gpkg")
struct LayerFormatCommandTests {
    static let data = CoverageProcess.coreFixtures.appendingPathComponent("coverage").path

    private func manifest(_ folder: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any])
    }

    @Test func aReportsGeoPackageHoldsEveryLayerAndTableOfItsFiles() throws {
        let folder = try temporaryDirectory(prefix: "LayerFormatCommandTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let both = try CoverageProcess.run(["report", "--data", Self.data, "--format", "both", "--threads", "1", "--out", "both"], in: folder)
        #expect(both.status == 0, "\(both)")
        let only = try CoverageProcess.run(["report", "--data", Self.data, "--format", "gpkg", "--threads", "2", "--out", "gpkg"], in: folder)
        #expect(only.status == 0, "\(only)")

        // gpkg: no GeoJSON file, the GeoPackage listed; the same bytes whatever the threads and format.
        let outputs = try #require(try manifest(folder.appendingPathComponent("gpkg"))["outputs"] as? [String])
        #expect(outputs.contains("coverage.gpkg") && !outputs.contains { $0.hasSuffix(".geojson") })
        #expect((try manifest(folder.appendingPathComponent("gpkg"))["parameters"] as? [String: String])?["format"] == "gpkg")
        let geoPackage = folder.appendingPathComponent("both/coverage.gpkg")
        #expect(try Data(contentsOf: geoPackage) == Data(contentsOf: folder.appendingPathComponent("gpkg/coverage.gpkg")))

        // A layer per GeoJSON file (its folder joined with _), a table per CSV without a twin.
        let written = try #require(try manifest(folder.appendingPathComponent("both"))["outputs"] as? [String])
        let geoJSON = written.filter { $0.hasSuffix(".geojson") }
        let tables = written.filter { $0.hasSuffix(".csv") && !geoJSON.contains(String($0.dropLast(4)) + ".geojson") }
        let expected = (geoJSON + tables).map { $0.split(separator: ".")[0].replacingOccurrences(of: "/", with: "_") } + ["layer_styles"]
        let listing = try GDALTools.run("ogrinfo", ["-q", geoPackage.path], in: folder).stdout
        let names = listing.split(separator: "\n").compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }
        #expect(names == expected, "\(listing)")

        // Each layer, exported by ogr2ogr, has the GeoJSON file's properties and geometries.
        for file in geoJSON {
            let layer = file.split(separator: ".")[0].replacingOccurrences(of: "/", with: "_")
            try GDALTools.run("ogr2ogr", ["-f", "GeoJSON", "\(layer).export.geojson", geoPackage.path, layer], in: folder)
            let exported = try GeoJSONLayer.read(path: folder.appendingPathComponent("\(layer).export.geojson").path).features
            let original = try GeoJSONLayer.read(path: folder.appendingPathComponent("both/\(file)").path).features
            #expect(exported.count == original.count, "\(layer)")
            for (read, source) in zip(exported, original) {
                #expect(read.properties == source.properties, "\(layer): feature \(source.index)")
                #expect(read.geometry.map(Self.multi) == source.geometry.map(Self.multi), "\(layer): feature \(source.index)")
            }
        }
        // A table has the CSV's columns and rows.
        for file in tables {
            let layer = file.split(separator: ".")[0].replacingOccurrences(of: "/", with: "_")
            try GDALTools.run("ogr2ogr", ["-f", "CSV", "\(layer).export.csv", geoPackage.path, layer], in: folder)
            let exported = try CSVTable.read(path: folder.appendingPathComponent("\(layer).export.csv").path)
            let original = try CSVTable.read(path: folder.appendingPathComponent("both/\(file)").path)
            #expect(exported.header == original.header && exported.rows.count == original.rows.count, "\(layer)")
        }
        // The districts' zones open styled by percent covered.
        let styles = try GDALTools.run("ogrinfo", ["-q", geoPackage.path, "layer_styles"], in: folder).stdout
        #expect(styles.contains("f_table_name (String) = national_zones_districts") && styles.contains("graduatedSymbol"))
    }

    /// `compare` reads the layers of runs written with --format gpkg from their GeoPackages: the
    /// same comparison as from their GeoJSON files.
    @Test func compareReadsRunsWrittenAsGeoPackages() throws {
        let folder = try temporaryDirectory(prefix: "LayerFormatCommandTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try RunCompareCommandTests.scenario("base", in: folder)
        let closed = try RunCompareCommandTests.scenario(
            "closed", in: folder,
            extra: "modifications:\n  - close_facility: DH-LA1101\n  - add_facility: {id: NEW-1, tier: health_centre, village: \"1101001\"}")
        for format in ["geojson", "gpkg"] {
            for scenario in [base, closed] {
                let name = scenario.deletingPathExtension().lastPathComponent
                let run = try CoverageProcess.run(["run", scenario.path, "--format", format, "--out", "\(name)-\(format)"], in: folder)
                #expect(run.status == 0, "\(run)")
            }
            let compare = try CoverageProcess.run(["compare", "base-\(format)", "closed-\(format)", "--out", "compared-\(format)"], in: folder)
            #expect(compare.status == 0, "\(compare)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("base-gpkg/uncovered_villages.geojson").path))
        var fromGeoJSON = try folderSnapshot(folder.appendingPathComponent("compared-geojson"))
        var fromGeoPackage = try folderSnapshot(folder.appendingPathComponent("compared-gpkg"))
        fromGeoJSON["manifest.json"] = nil
        fromGeoPackage["manifest.json"] = nil
        #expect(fromGeoJSON.count > 3 && fromGeoPackage == fromGeoJSON)
    }

    /// A polygon as a multipolygon of one: a layer of both kinds is written as multipolygons.
    static func multi(_ shape: Shape) -> Shape {
        if case .polygon(let polygon) = shape { return .multiPolygon([polygon]) }
        return shape
    }

    @Test func importWritesAGeoPackageOfOneLayer() throws {
        let folder = try temporaryDirectory(prefix: "LayerFormatCommandTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = CoverageProcess.fixtures.appendingPathComponent("import/good_villages.csv").path
        let geoJSON = try CoverageProcess.run(["import", "csv", input, "--layer", "villages", "--out", "villages.geojson"], in: folder)
        #expect(geoJSON.status == 0, "\(geoJSON)")
        let gpkg = try CoverageProcess.run(["import", "csv", input, "--layer", "villages", "--out", "villages.gpkg"], in: folder)
        #expect(gpkg.status == 0, "\(gpkg)")
        try GDALTools.run("ogr2ogr", ["-f", "GeoJSON", "export.geojson", "villages.gpkg", "villages"], in: folder)
        let exported = try GeoJSONLayer.read(path: folder.appendingPathComponent("export.geojson").path).features
        let original = try GeoJSONLayer.read(path: folder.appendingPathComponent("villages.geojson").path).features
        #expect(exported.count == original.count && !original.isEmpty)
        #expect(exported.map(\.properties) == original.map(\.properties))
        #expect(exported.map(\.geometry) == original.map(\.geometry))
    }
}
