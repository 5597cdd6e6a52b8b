import Foundation
import GeoIO
import TestSupport
import Testing

/// `coverage traveltime` on the built binary, over Fixtures/traveltime (GeoTIFFs made by GDAL's
/// tools from ASCII grids; the layout in make_traveltime_fixtures.py). The numbers themselves are
/// checked in CoverageCoreTests (hand cases, PROJ's geodesic) and by Tests/OutputChecks against an
/// independent Dijkstra; here: the command, its files, its errors.
@Suite("coverage traveltime")
struct TravelTimeCommandTests {
    static let folder = CoverageProcess.fixtures.appendingPathComponent("traveltime")

    private func run(_ arguments: [String], out: URL) throws -> CoverageRun {
        try CoverageProcess.run(["traveltime"] + arguments + ["--out", out.path], in: Self.folder)
    }

    /// Every file of a run but the manifest (it holds timings and the command line), by name.
    private func outputs(_ folder: URL) throws -> [String: Data?] {
        try folderSnapshot(folder).filter { $0.key != "manifest.json" }
    }

    @Test func aFrictionRasterGivesTheRastersTheTableAndThePolygons() throws {
        let out = try temporaryDirectory().appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let result = try run(["--friction", "friction.tif", "--sources", "sources.geojson"], out: out)
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout == """
                Travel time from 3 facilities over 40 × 30 cells (8 neighbours): 1131 of 1140 passable cells reached; wrote \(out.path).
                9 passable cells are not reached (cut off by barriers or nodata): nodata in travel_minutes.tif.

                """)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                "isochrones.geojson", "manifest.json", "nearest_source.tif", "travel_catchments.geojson", "travel_minutes.tif", "travel_sources.csv",
            ])
        // GDAL's own reading of the minutes: float32, the input's grid and CRS, nodata -9999.
        let info = try CoverageProcess.run(
            ["-json", out.appendingPathComponent("travel_minutes.tif").path], executable: URL(fileURLWithPath: "/usr/bin/gdalinfo"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let band = try #require((json["bands"] as? [[String: Any]])?.first)
        #expect(json["size"] as? [Int] == [40, 30] && json["geoTransform"] as? [Double] == [500000, 100, 0, 2_000_000, 0, -100])
        #expect(band["type"] as? String == "Float32" && band["noDataValue"] as? Double == -9999)
        #expect((json["coordinateSystem"] as? [String: Any])?["wkt"].map { "\($0)".contains("ID[\"EPSG\",32648]") } == true)
        let table = try String(contentsOf: out.appendingPathComponent("travel_sources.csv"), encoding: .utf8)
        #expect(table.contains("0,HC-A,Health centre A,health_centre,105.005197605,18.074699099,used,15,5,"))
    }

    @Test func speedAndLandCoverWithRoadsGiveTheSameFilesAsFriction() throws {
        let base = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let runs: [[String]] = [
            ["--friction", "friction.tif"], ["--speed", "speed.tif"],
            ["--land-cover", "landcover.tif", "--speed-table", "speeds.yaml", "--roads", "roads.geojson"],
        ]
        var files: [[String: Data?]] = []
        for (index, ground) in runs.enumerated() {
            let out = base.appendingPathComponent("run\(index)")
            let result = try run(ground + ["--sources", "sources.geojson"], out: out)
            #expect(result.status == 0, "\(result)")
            files.append(try outputs(out))
        }
        #expect(files[0].count == 5 && files[1] == files[0] && files[2] == files[0])
    }

    @Test func oneThreadOrTwoWriteTheSameBytes() throws {
        let base = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let common = ["--friction", "friction.tif", "--dem", "dem.tif", "--neighbours", "16", "--sources", "sources.geojson"]
        let one = try run(common + ["--threads", "1"], out: base.appendingPathComponent("one"))
        let two = try run(common + ["--threads", "2"], out: base.appendingPathComponent("two"))
        #expect(one.status == 0 && two.status == 0, "\(one)\n\(two)")
        #expect(try outputs(base.appendingPathComponent("one")) == outputs(base.appendingPathComponent("two")))
    }

    @Test func unusableFacilitiesAreListedWhenLeftOut() throws {
        let out = try temporaryDirectory().appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let result = try run(["--friction", "friction.tif", "--sources", "sources_unusable.geojson", "--drop-unusable-sources", "--no-polygons"], out: out)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Left out 2 of 5 facilities (outside the raster or on a barrier): see travel_sources.csv."))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                "manifest.json", "nearest_source.tif", "travel_minutes.tif", "travel_sources.csv",
            ])
        let table = try String(contentsOf: out.appendingPathComponent("travel_sources.csv"), encoding: .utf8)
        #expect(
            table.contains(
                ",HC-LAKE,Health centre in the lake,health_centre,105.006142971,18.084641493,\"left out: on a barrier or nodata cell (row 4, column 6)\",,,,"))
        #expect(table.contains(",HC-FAR,Health centre far away,health_centre,104.5,18.5,left out: outside the raster,,,,"))
    }

    /// Villages read at their cells: one at HC-A (0 min), one three cells east over 0.72 s/m (3 × 72 s
    /// = 3.6 min), one in the walled pocket (not reached), one outside the raster; 1,297 people.
    @Test func villagesGetTheMinutesOfTheirCellAndThePopulationWithinEachThreshold() throws {
        let out = try temporaryDirectory().appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let result = try run(
            ["--friction", "friction.tif", "--sources", "sources.geojson", "--villages", "villages.geojson", "--isochrones", "2,5", "--no-polygons"], out: out)
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout.hasSuffix(
                """
                Within 2 minutes: 1,000 people (77.1 %) in 1 of 4 villages.
                Within 5 minutes: 1,250 people (96.4 %) in 2 of 4 villages.
                1 villages lie outside the raster and 1 on cells no facility reaches: see villages_minutes.csv.

                """), "\(result)")
        let villages = try String(contentsOf: out.appendingPathComponent("villages_minutes.csv"), encoding: .utf8)
        #expect(villages.contains("\nV1,At HC-A,,,1000,false,105.005197605,18.074699099,15,5,0,HC-A,\n"))
        #expect(villages.contains("\nV2,East of HC-A,,,250,false,105.008032663,18.074699002,15,8,3.6,HC-A,\n"))
        #expect(villages.contains("\nV3,In the pocket,,,40,false,105.032601492,18.065657844,25,34,,,not reached\n"))
        #expect(villages.contains("\nV4,Far away,,,7,false,104.5,18.5,,,,,outside the raster\n"))
        let within = try String(contentsOf: out.appendingPathComponent("population_within.csv"), encoding: .utf8)
        #expect(within.hasSuffix("max_minutes,villages,population,population_percent\n2,1,1000,77.1\n5,2,1250,96.38\n"))
    }

    /// Each bad input: its exit code, its message (after "error: " or "Error: "), and no output folder.
    @Test(arguments: [
        (["--friction", "friction_no_crs.tif"], 65, "friction_no_crs.tif: the raster has no coordinate reference system (expected one, such as EPSG:32648)"),
        (
            ["--friction", "friction_zero.tif"], 65,
            "friction_zero.tif: 1 cell(s) have a friction (s/m) that is not a number above 0 and are not nodata: row 12, column 3 = 0.0 (mark cells that cannot be crossed as nodata or infinity)"
        ),
        (["--friction", "friction.tif", "--dem", "dem_shifted.tif"], 65, "dem_shifted.tif: the grid does not line up with friction.tif's"),
        (
            ["--land-cover", "landcover.tif", "--speed-table", "speeds.yaml", "--roads", "roads_unknown_class.geojson"], 65,
            "roads_unknown_class.geojson: field highway: the speed table has no speed for the road class(es) track (1 lines)"
        ),
        (["--friction", "missing.tif"], 66, "missing.tif: cannot be read: no such file"),
        (["--friction", "sources.geojson"], 65, "sources.geojson: not a raster GDAL can read"),
        (["--friction", "friction.tif", "--neighbours", "12"], 64, "--neighbours 12: expected 8 or 16"),
        (["--friction", "friction.tif", "--speed", "speed.tif"], 64, "give one of --friction, --speed or --land-cover (found 2)"),
        (["--land-cover", "landcover.tif"], 64, "--land-cover needs --speed-table (each class's walking speed)"),
        (["--friction", "friction.tif", "--max-minutes", "0"], 64, "--max-minutes"),
    ])
    func badInputIsRefusedAndNothingIsWritten(arguments: [String], status: Int32, message: String) throws {
        let base = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("run")
        let result = try run(arguments + ["--sources", "sources.geojson"], out: out)
        #expect(result.status == status, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
    }

    @Test func unusableFacilitiesStopTheRunNamingEach() throws {
        let base = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let result = try run(["--friction", "friction.tif", "--sources", "sources_unusable.geojson"], out: base.appendingPathComponent("run"))
        #expect(result.status == 65)
        #expect(
            result.stderr == """
                error: sources_unusable.geojson: 2 of the 5 facilities cannot start a search: HC-LAKE (105.006142971, 18.084641493) lies on a barrier or nodata cell (row 4, column 6); HC-FAR (104.5, 18.5) lies outside the raster (give --drop-unusable-sources to leave them out, listed in travel_sources.csv)

                """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
    }
}
