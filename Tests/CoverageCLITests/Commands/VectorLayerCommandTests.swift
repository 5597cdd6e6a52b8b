import Foundation
import TestSupport
import Testing

/// Layers in the formats GDAL reads: the coverage fixture (LA11, 303 villages) converted by
/// `ogr2ogr` (a program that is not the toolkit) to a GeoPackage, Shapefiles and a zipped
/// Shapefile, read by `coverage report` and `coverage inspect`, and broken in the ways a GIS
/// analyst's files break.
@Suite("coverage with GeoPackage and Shapefile layers")
struct VectorLayerCommandTests {
    static let fixture = CoverageProcess.coreFixtures.appendingPathComponent("coverage")
    static let layers = ["provinces", "districts", "villages", "facilities"]

    /// The shipped schema's fields as ogr2ogr cuts them to a Shapefile's 10 characters: the
    /// villages' (for a Shapefile of villages beside GeoJSON layers), then the others'.
    static let villagesMapping = """
        villages:
          id: village_co
          district: district_p
          province: province_p
          births_live: births_liv
          women_15_49: women_15_4
          population_year: populati_1
          population_estimated: populati_2

        """
    static let shapefileMapping =
        villagesMapping + """
            provinces: {births_live: births_liv, women_15_49: women_15_4, population_year: populati_1}
            districts: {province: province_p, births_live: births_liv, women_15_49: women_15_4, population_year: populati_1}
            facilities: {id: facility_i, district: district_p, province: province_p}

            """

    /// A copy of the fixture (standards, regions, GeoJSON layers) in `folder`/data, the layers
    /// also as `layers.gpkg`, as Shapefiles in `shp/` (UTF-8, lists as OGR's text) and the
    /// villages' Shapefile zipped as `villages.zip`.
    private static func convert(in folder: URL) throws {
        let data = folder.appendingPathComponent("data")
        try FileManager.default.copyItem(at: fixture, to: data)
        let shapefiles = folder.appendingPathComponent("shp")
        try FileManager.default.createDirectory(at: shapefiles, withIntermediateDirectories: false)
        for (index, layer) in layers.enumerated() {
            let source = data.appendingPathComponent("\(layer).geojson").path
            try GDALTools.run(
                "ogr2ogr", (index == 0 ? [] : ["-update"]) + ["-f", "GPKG", "layers.gpkg", source, "-nln", layer], in: folder)
            try GDALTools.run(
                "ogr2ogr", ["-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", "-mapFieldType", "StringList=String", "shp/\(layer).shp", source],
                in: folder)
        }
        try shapefileMapping.write(to: shapefiles.appendingPathComponent("mapping.yaml"), atomically: true, encoding: .utf8)
        try villagesMapping.write(to: shapefiles.appendingPathComponent("villages-mapping.yaml"), atomically: true, encoding: .utf8)
        try zip(["villages.shp", "villages.shx", "villages.dbf", "villages.prj", "villages.cpg"], from: shapefiles, to: "villages.zip", in: folder)
    }

    /// Zips `files` of `source` (stored flat) as `name` in `folder`, with Python's zipfile.
    private static func zip(_ files: [String], from source: URL, to name: String, in folder: URL) throws {
        let script = "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z:\n    for f in sys.argv[3:]: z.write(sys.argv[2] + '/' + f, f)\n"
        let run = try CoverageProcess.run(
            ["-c", script, folder.appendingPathComponent(name).path, source.path] + files, in: folder,
            executable: URL(fileURLWithPath: "/usr/bin/python3"))
        try #require(run.status == 0, "\(run)")
    }

    private static func report(_ layerArguments: [String], in folder: URL, out: String) throws -> CoverageRun {
        try CoverageProcess.run(
            ["report", "--data", folder.appendingPathComponent("data").path, "--threads", "2", "--out", folder.appendingPathComponent(out).path]
                + layerArguments, in: folder)
    }

    @Test func theSameLayersAsGeoPackageShapefilesAndAZipGiveTheSameReport() throws {
        let folder = try temporaryDirectory(prefix: "VectorLayerCommandTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.convert(in: folder)
        let reference = try Self.report([], in: folder, out: "geojson")
        #expect(reference.status == 0, "\(reference)")
        let geoPackage = try Self.report(Self.layers.flatMap { ["--\($0)", "layers.gpkg:\($0)"] }, in: folder, out: "gpkg")
        #expect(geoPackage.status == 0, "\(geoPackage)")
        let shapefiles = try Self.report(
            Self.layers.flatMap { ["--\($0)", $0 == "villages" ? "villages.zip" : "shp/\($0).shp"] } + ["--mapping", "shp/mapping.yaml"], in: folder,
            out: "from-shp")
        #expect(shapefiles.status == 0, "\(shapefiles)")

        // Every output but the manifest, byte for byte.
        var expected = try folderSnapshot(folder.appendingPathComponent("geojson"))
        expected["manifest.json"] = nil
        #expect(expected.count > 20)
        for out in ["gpkg", "from-shp"] {
            var written = try folderSnapshot(folder.appendingPathComponent(out))
            written["manifest.json"] = nil
            #expect(Set(written.keys) == Set(expected.keys), "\(out)")
            let differing = expected.keys.filter { written[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "\(out): \(differing)")
        }
        // The manifest names each layer as given, with the checksum of what was read.
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("gpkg/manifest.json"))) as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.first { $0["role"] as? String == "villages" }?["path"] as? String == "layers.gpkg:villages")
        let digest = try CoverageProcess.run(["layers.gpkg"], in: folder, executable: URL(fileURLWithPath: "/usr/bin/sha256sum")).stdout.prefix(64)
        #expect(inputs.first { $0["role"] as? String == "villages" }?["sha256"] as? String == String(digest))
    }

    @Test func inspectReadsALayerOfAGeoPackageAndListsTheLayersWhenNoneIsChosen() throws {
        let folder = try temporaryDirectory(prefix: "VectorLayerCommandTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.convert(in: folder)
        let villages = try CoverageProcess.run(["inspect", "layers.gpkg:villages"], in: folder)
        #expect(villages.status == 0, "\(villages)")
        #expect(villages.stdout.contains("features            303"))
        #expect(villages.stdout.contains("properties.village_code: 303 distinct, no duplicates"))
        let none = try CoverageProcess.run(["inspect", "layers.gpkg"], in: folder)
        #expect(none.status == 65)
        #expect(none.stderr.contains("layers.gpkg: the file holds 4 layers (provinces, districts, villages, facilities): choose one as layers.gpkg:LAYER"))
        let unknown = try CoverageProcess.run(["inspect", "layers.gpkg:vilages"], in: folder)
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no layer \"vilages\"") && unknown.stderr.contains("did you mean villages?"), "\(unknown.stderr)")
    }

    /// Each broken input: a clear message naming the file, the exit status, and no output folder.
    @Test(
        arguments: [
            ("no shx", 66, "shp/villages.shp: the Shapefile has no .shx beside it"),
            ("no dbf", 66, "shp/villages.shp: the Shapefile has no .dbf beside it"),
            ("no prj", 65, "shp/villages.shp: the layer has no coordinate reference system"),
            ("unknown encoding", 65, "shp/villages.cpg: names the encoding \"NOT-AN-ENCODING\", which GDAL cannot decode here"),
            ("two shapefiles in a zip", 65, "two.zip: expected a zip holding one Shapefile, found 2: districts.shp, villages.shp"),
            ("several layers", 65, "layers.gpkg: the file holds 4 layers"),
            ("not a layer", 65, "fake.gpkg: not a vector layer GDAL can read"),
            ("truncated dbf", 65, "shp/villages.shp: feature 151: cannot be read past here"),
        ])
    func aBrokenLayerIsNamedAndNothingIsWritten(breakage: String, status: Int32, message: String) throws {
        let folder = try temporaryDirectory(prefix: "VectorLayerCommandTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.convert(in: folder)
        let shapefiles = folder.appendingPathComponent("shp")
        var villages = "shp/villages.shp"
        switch breakage {
        case "no shx": try FileManager.default.removeItem(at: shapefiles.appendingPathComponent("villages.shx"))
        case "no dbf": try FileManager.default.removeItem(at: shapefiles.appendingPathComponent("villages.dbf"))
        case "no prj": try FileManager.default.removeItem(at: shapefiles.appendingPathComponent("villages.prj"))
        case "unknown encoding": try "NOT-AN-ENCODING".write(to: shapefiles.appendingPathComponent("villages.cpg"), atomically: true, encoding: .utf8)
        case "two shapefiles in a zip":
            try Self.zip(
                ["villages.shp", "villages.shx", "villages.dbf", "districts.shp", "districts.shx", "districts.dbf"], from: shapefiles, to: "two.zip", in: folder
            )
            villages = "two.zip"
        case "several layers": villages = "layers.gpkg"
        case "truncated dbf":
            let dbf = shapefiles.appendingPathComponent("villages.dbf")
            let bytes = try Data(contentsOf: dbf)
            try bytes.prefix(bytes.count / 2).write(to: dbf)
        default:
            try "not a GeoPackage".write(to: folder.appendingPathComponent("fake.gpkg"), atomically: true, encoding: .utf8)
            villages = "fake.gpkg"
        }
        let run = try Self.report(["--villages", villages, "--mapping", "shp/villages-mapping.yaml"], in: folder, out: "out")
        #expect(run.status == status, "\(run)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        if breakage == "no prj" {
            // Named, the CRS makes the layer readable again.
            let named = try Self.report(
                ["--villages", villages, "--mapping", "shp/villages-mapping.yaml", "--crs", "villages=EPSG:4326"], in: folder, out: "out")
            #expect(named.status == 0, "\(named)")
        }
    }
}
