import CoverageCore
import Foundation
import GeoIO
import TestSupport
import Testing

/// `coverage gaps` run as a process on the Bolikhamxay coverage fixture
/// (`Tests/CoverageCoreTests/Fixtures/coverage`, the shipped data cut to LA11; see its README),
/// whose expected table was computed independently (expected_gaps.csv there).
@Suite("coverage gaps")
struct GapsCommandTests {
    static let data = CoverageProcess.coreFixtures.appendingPathComponent("coverage")

    /// The expected row (from the independent computation) for a zone, target and threshold.
    func expected(_ zone: String, _ target: String, _ threshold: String) throws -> [String: String] {
        let table = try CSVTable.read(path: Self.data.appendingPathComponent("expected_gaps.csv").path)
        let rows = table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0.fields)) }
        return try #require(rows.first { $0["zone_pcode"] == zone && $0["target"] == target && $0["threshold"] == threshold })
    }

    @Test func writesTheFilesAndATable() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["gaps", "--data", Self.data.path, "--region", "bolikhamxay", "--out", out.path, "--threads", "2"])
        #expect(!run.crashed)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")

        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(
            files == [
                "gap_areas.geojson", "gaps.csv", "manifest.json", "uncovered_villages.csv", "uncovered_villages.geojson",
                "zones_districts.geojson", "zones_provinces.geojson",
            ])
        for name in files where name.hasSuffix(".geojson") || name.hasSuffix(".json") {
            let data = try Data(contentsOf: out.appendingPathComponent(name))
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name) does not parse")
        }
        let table = try CSVTable.read(path: out.appendingPathComponent("gaps.csv").path)
        #expect(table.header.prefix(5) == ["zone_level", "zone_pcode", "zone_name", "target", "threshold"])
        #expect(table.rows.count == 9 * 8)  // region, LA11, 7 districts × 4 tiers × 2 thresholds

        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect(
            manifest["outputs"] as? [String] == [
                "gaps.csv", "zones_districts.geojson", "zones_provinces.geojson",
                "uncovered_villages.geojson", "uncovered_villages.csv", "gap_areas.geojson",
            ])
        let parameters = try #require(manifest["parameters"] as? [String: String])
        #expect(parameters["region"] == "bolikhamxay")
        #expect(
            parameters["thresholds"] == "health_centre=5km|60min,district_hospital=20km|60min,provincial_hospital=60km|120min,central_hospital=250km|360min")
        let counts = try #require(manifest["counts"] as? [String: Int])
        #expect(counts["villages"] == 303)
        #expect(counts["zones"] == 9)
        let roles = (manifest["inputs"] as? [[String: Any]])?.compactMap { $0["role"] as? String }
        // The standards are read first: their care model is needed to load the facilities.
        #expect(roles == ["standards", "provinces", "districts", "villages", "facilities", "regions"])

        // The printed table: one per tier and threshold, the province then the region.
        #expect(run.stdout.hasPrefix("Coverage gaps in Bolikhamxay (bolikhamxay): 303 villages, 1 province, 7 districts; wrote \(out.path)/.\n"))
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let heading = try #require(lines.firstIndex(of: "health centre, within 5 km:"))
        let want = try expected("LA11", "health_centre", "5km")
        let province = lines[heading + 3].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(province.first == "LA11")
        #expect(lines[heading + 3].contains("\(want["villages_uncovered"]!) of \(want["villages_total"]!)"))
        let uncovered = Int(want["population_uncovered"]!)!
        let grouped = String(format: "%d,%03d", uncovered / 1_000, uncovered % 1_000)  // 179,883
        #expect(uncovered >= 1_000 && uncovered < 1_000_000)
        #expect(province.contains(grouped), "\(lines[heading + 3])")
        #expect(lines[heading + 5].hasPrefix("bolikhamxay"))
        for heading in [
            "health centre, within 60 minutes:", "district hospital, within 20 km:", "provincial hospital, within 120 minutes:",
            "central hospital, within 250 km:",
        ] {
            #expect(lines.contains(heading), "\(heading)")
        }
        // No central hospital in the fixture: flagged in the table and counted at the end.
        #expect(run.stdout.contains("Bolikhamxai (none)"))
        #expect(lines.contains("  central hospital: 7 districts of 7, 1 province of 1, the whole region"))
        #expect(lines.contains("  health centre: 0 districts of 7, 0 provinces of 1"))
        // The notes last: estimated populations, the fixture's 40 facilities all proxies, and no
        // central hospital (see the fixture's README); how the minutes are measured (its
        // standards.yaml: straight, by mode).
        #expect(
            run.stdout.hasSuffix(
                """
                Note: Village populations are estimates (district totals shared among villages).
                Note: Every facility location is a proxy placed by a rule: the figures are not real access to care.
                Note: No facility provides central hospital: its coverage is 0 % by definition, not by distance.
                Note: Minutes of health centre: straight-line estimates (geodesic km × 1.4 ÷ 4 km/h, walking).
                Note: Minutes of district hospital: straight-line estimates (geodesic km × 1.4 ÷ 30 km/h, motorbike).
                Note: Minutes of provincial hospital, central hospital: straight-line estimates (geodesic km × 1.4 ÷ 40 km/h, car).
                Sources: Facilities: proxies placed by rule (40; GeoData/README.md).

                """), "\(run.stdout)")
    }

    static let ogrinfo = ["/usr/bin/ogrinfo", "/usr/local/bin/ogrinfo"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Every GeoJSON output opens with GDAL, with the number of features written.
    @Test(.enabled(if: ogrinfo != nil, "GDAL's ogrinfo is not installed"))
    func outputsOpenWithGDAL() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["gaps", "--data", Self.data.path, "--region", "bolikhamxay", "--out", out.path])
        try #require(run.status == 0, "\(run)")
        let expectedCounts =
            [
                "zones_districts.geojson": 7, "zones_provinces.geojson": 1, "gap_areas.geojson": nil,
                "uncovered_villages.geojson": nil,
            ] as [String: Int?]
        for (name, count) in expectedCounts {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.ogrinfo!)
            process.arguments = ["-ro", "-so", "-al", out.appendingPathComponent(name).path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(name): \(text)")
            #expect(text.contains("Geometry: "), "\(name): \(text)")
            #expect(!text.contains("ERROR"), "\(name): \(text)")
            if let count { #expect(text.contains("Feature Count: \(count)\n"), "\(name): \(text)") }
        }
    }

    @Test func nationalFlagAndServices() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run([
            "gaps", "--data", Self.data.path, "--region", "bolikhamxay", "--national", "--service", "rehabilitation",
            "--max-km", "50,100", "--out", out.path,
        ])
        #expect(run.status == 0, "\(run)")
        let table = try CSVTable.read(path: out.appendingPathComponent("gaps.csv").path)
        // national, region, LA11, 7 districts × rehabilitation at 50 km, 100 km and its 3 times.
        #expect(table.rows.count == 10 * 5)
        #expect(table.rows.first?.fields.prefix(5) == ["national", "national", "National", "rehabilitation", "50km"])
        #expect(run.stdout.contains("rehabilitation, within 480 minutes:"))
    }

    @Test func unknownRegionIsAUsageError() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("gaps-\(UUID().uuidString)")
        let run = try CoverageProcess.run(["gaps", "--data", Self.data.path, "--region", "bolikhamsay", "--out", out.path])
        #expect(!run.crashed)
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.contains(#"no region, province or district has the code or name "bolikhamsay"; the closest are:"#), "\(run.stderr)")
        #expect(run.stderr.contains("\n  bolikhamxay  Bolikhamxay  (region)\n"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test(arguments: [["--max-km", "5,abc"], ["--max-km", "0"], ["--max-km", "-5"], ["--max-km", ""], ["--max-minutes", "nan"], ["--threads", "0"]])
    func badOptionsAreUsageErrors(_ options: [String]) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("gaps-\(UUID().uuidString)")
        let run = try CoverageProcess.run(["gaps", "--data", Self.data.path, "--out", out.path] + options)
        #expect(!run.crashed)
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.contains(options[0]), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func missingDataFolderIsNoInput() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("gaps-\(UUID().uuidString)")
        let run = try CoverageProcess.run(["gaps", "--data", "/nonexistent/coverage-data", "--out", out.path])
        #expect(!run.crashed)
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("error: "), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
