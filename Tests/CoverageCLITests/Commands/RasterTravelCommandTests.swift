import Foundation
import GeoIO
import TestSupport
import Testing

/// `--travel raster` and `--friction` on the commands that measure minutes, over the shipped
/// friction surfaces and the cut of the shipped data to LA11 (Tests/CoverageCoreTests/Fixtures/
/// coverage, whose standards name no raster). The minutes themselves are checked in
/// CoverageCoreTests (scikit-image's values on the traveltime fixtures) and by
/// Tests/OutputChecks/check_outputs.py (scikit-image's MCP_Geometric on the shipped rasters, every
/// village); here: the options, the files, the manifest, the notes and the errors.
@Suite("coverage --travel raster")
struct RasterTravelCommandTests {
    static let cut = CoverageProcess.coreFixtures.appendingPathComponent("coverage").path
    static let walking = Fixtures.shippedData.appendingPathComponent("friction_walking.tif").path
    static let motorized = Fixtures.shippedData.appendingPathComponent("friction_motorized.tif").path

    private func manifest(_ folder: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any])
    }

    @Test func assignAllocatesByTravelTimeAndKeepsTheStraightLineNearest() throws {
        let out = try temporaryDirectory().appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let run = try CoverageProcess.run([
            "assign", "--data", Self.cut, "--travel", "raster", "--friction", "walking=\(Self.walking)", "--friction", "motorized=\(Self.motorized)",
            "--tier", "health_centre", "--out", out.path,
        ])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Note: Minutes of health centre: walking travel time over friction_walking.tif (OpenStreetMap main roads of 2014"))
        #expect(run.stdout.contains("Note: Distance limits (km) are geodesic, to the nearest facility by distance."))

        let manifest = try manifest(out)
        let travel = try #require(manifest["travel"] as? [String: String])
        #expect(travel["health_centre"] == "raster walking: \(Self.walking)")
        // Both rasters are read (every standard is raster now), each recorded with the SHA-256 of its bytes.
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        for (role, path) in [("friction_walking", Self.walking), ("friction_motorized", Self.motorized)] {
            let input = try #require(inputs.first { $0["role"] as? String == role })
            let digest = try CoverageProcess.run([path], executable: URL(fileURLWithPath: "/usr/bin/sha256sum")).stdout.prefix(64)
            #expect(input["path"] as? String == path && input["sha256"] as? String == String(digest))
        }
        #expect((manifest["travel_notes"] as? [String])?.first?.hasPrefix("Minutes of health centre: walking travel time") == true)

        // The table: the allocation's columns, then the straight-line nearest beside them.
        let header = try String(contentsOf: out.appendingPathComponent("villages_assigned.csv"), encoding: .utf8).prefix { $0 != "\n" }
        let columns = header.split(separator: ",").map(String.init)
        let allocation = try #require(columns.firstIndex(of: "health_centre_minutes"))
        let straight = try #require(columns.firstIndex(of: "health_centre_straight_id"))
        #expect(allocation < straight)
        #expect(columns.contains("health_centre_straight_distance_m") && columns.contains("health_centre_straight_minutes"))
        #expect(!columns.contains("health_centre_straight_name"))
    }

    /// The shipped standards walk over the raster: a village's answer says so, and its health-centre
    /// minutes are those `coverage assign` writes for it (checked against scikit-image by make check-outputs).
    @Test func aVillageQueryGivesTheWalkingMinutesOfTheRaster() throws {
        let out = try temporaryDirectory().appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let query = try CoverageProcess.run(["query", "village", "1210045", "--tier", "health_centre", "--json"])
        #expect(query.status == 0, "\(query)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [String: Any])
        let care = try #require((answer["care"] as? [[String: Any]])?.first)
        let nearest = try #require(care["nearest"] as? [String: Any])
        #expect(care["travel"] as? String == "raster")
        let assign = try CoverageProcess.run(["assign", "--tier", "health_centre", "--out", out.path])
        #expect(assign.status == 0, "\(assign)")
        let layer = try GeoJSONLayer.read(path: out.appendingPathComponent("villages_assigned.geojson").path)
        let row = try #require(layer.features.first { $0.properties["village_code"]?.stringValue == "1210045" })
        #expect(nearest["facility_id"] as? String == row.properties["health_centre_id"]?.stringValue)
        #expect((nearest["minutes"] as? Double).map { abs($0 - (row.properties["health_centre_minutes"]?.numberValue ?? -1)) < 1e-9 } == true)
        let text = try CoverageProcess.run(["query", "village", "1210045", "--tier", "health_centre"])
        #expect(text.stdout.contains("Note: Minutes of health centre: walking travel time over friction_walking.tif"), "\(text.stdout)")
    }

    @Test func gapAreasOfATimeLimitAreIsochronesWithoutARadius() throws {
        let out = try temporaryDirectory().appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let run = try CoverageProcess.run([
            "gaps", "--data", Self.cut, "--travel", "raster", "--friction", Self.walking, "--tier", "health_centre", "--out", out.path,
        ])
        #expect(run.status == 0, "\(run)")
        let areas = try GeoJSONLayer.read(path: out.appendingPathComponent("gap_areas.geojson").path)
        let byLimit = Dictionary(grouping: areas.features) { $0.properties["threshold"]?.stringValue ?? "" }
        #expect(!(byLimit["60min"] ?? []).isEmpty && !(byLimit["5km"] ?? []).isEmpty)
        #expect((byLimit["60min"] ?? []).allSatisfy { $0.properties["radius_m"] == .null })
        #expect((byLimit["5km"] ?? []).allSatisfy { $0.properties["radius_m"]?.numberValue == 5_000 })
        // A bare --friction serves every mode.
        let travel = try #require(try manifest(out)["travel"] as? [String: String])
        #expect(travel["district_hospital"] == "raster motorbike: \(Self.walking)")
    }

    /// A report draws, beside each coverage map, a travel-time map for every care measured over a
    /// raster that has a provider on it (the cut has no central hospital and no rehabilitation
    /// service); the pixels' classes are checked in CoverageCoreTests (CoverageMapTravelTimeTests).
    @Test func aReportMapsTheTravelTimeOfEveryRasterCare() throws {
        let out = try temporaryDirectory().appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let run = try CoverageProcess.run(["report", "--data", Self.cut, "--travel", "raster", "--friction", Self.walking, "--out", out.path])
        #expect(run.status == 0, "\(run)")
        let outputs = try #require(try manifest(out)["outputs"] as? [String])
        let maps = outputs.filter { $0.contains("/travel_time_map_") }.map { String($0.split(separator: "/").last!) }
        let expected = ["district_hospital_60min", "health_centre_60min", "provincial_hospital_120min"]
        #expect(Set(maps) == Set(expected.map { "travel_time_map_\($0).svg" }), "\(maps)")
        let map = try String(
            contentsOf: out.appendingPathComponent(try #require(outputs.first { $0.hasSuffix("travel_time_map_health_centre_60min.svg") })), encoding: .utf8)
        let parsed = try ParsedSVG(map)
        #expect(parsed.all("image").first?.attributes["href"]?.hasPrefix("data:image/png;base64,") == true)
        #expect(map.contains("walking over friction_walking.tif"))
    }

    @Test func suggestAndCapacityPlanByBoundedSearches() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        for command in [["suggest", "--tier", "health_centre", "--count", "3"], ["capacity", "--tier", "health_centre", "--ignore-capacity"]] {
            let folder = out.appendingPathComponent(command[0])
            let run = try CoverageProcess.run(
                command + ["--data", Self.cut, "--travel", "raster", "--friction", Self.walking, "--max-minutes", "60", "--out", folder.path])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("Note: Minutes of health centre: walking travel time over friction_walking.tif"), "\(run.stdout)")
            #expect((try manifest(folder)["travel"] as? [String: String])?["health_centre"] == "raster walking: \(Self.walking)")
        }
    }

    @Test(
        arguments: [
            (["assign", "--travel", "raster", "--friction", "no-such.tif"], 66, "no-such.tif"),
            (["assign", "--travel", "raster", "--friction", "villages.geojson"], 65, "villages.geojson: not a raster GDAL can read"),
            (["assign", "--travel", "raster"], 65, "standards.yaml: field friction.motorized: raster travel by motorized needs a friction raster"),
        ] as [([String], Int32, String)])
    func badTravelOptionsAreRefusedAndNothingIsWritten(arguments: [String], status: Int32, message: String) throws {
        let out = try temporaryDirectory().appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let run = try CoverageProcess.run(arguments + ["--data", Self.cut, "--out", out.path], in: URL(fileURLWithPath: Self.cut))
        #expect(run.status == status, "\(run)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
