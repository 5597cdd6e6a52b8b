import CoverageCore
import Foundation
import GeoIO
import TestSupport
import Testing

/// `coverage report` run as a process on the Bolikhamxay coverage fixture
/// (`Tests/CoverageCoreTests/Fixtures/coverage`, the shipped data cut to LA11, with one focus
/// region), whose gap table was computed independently (expected_gaps.csv there, pyproj brute
/// force; see its README). The national data is run by `make check-outputs`.
@Suite("coverage report")
struct ReportCommandTests {
    static let data = CoverageProcess.coreFixtures.appendingPathComponent("coverage")

    /// Every file under `folder`, as paths relative to it, sorted.
    func files(under folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var names: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                names.append(String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
            }
        }
        return names.sorted()
    }

    /// A CSV table as rows keyed by column name.
    func rows(_ path: String) throws -> [[String: String]] {
        let table = try CSVTable.read(path: path)
        return table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0.fields)) }
    }

    @Test func writesEveryOutputAndASummaryPerSection() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["report", "--data", Self.data.path, "--out", out.path, "--threads", "2"])
        #expect(!run.crashed)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")

        let tiers = ["health_centre", "district_hospital", "provincial_hospital", "central_hospital"]
        let maps = ["health_centre_5km", "district_hospital_20km", "provincial_hospital_60km", "central_hospital_250km", "rehabilitation_100km"]
        var expectedFiles = ["manifest.json", "villages_assigned.csv", "villages_assigned.geojson"]
        expectedFiles += tiers.flatMap { ["catchments_\($0).csv", "catchments_\($0).geojson"] }
        for section in ["national", "bolikhamxay"] {
            expectedFiles += [
                "gap_areas.geojson", "gaps.csv", "uncovered_villages.csv", "uncovered_villages.geojson", "zones_districts.geojson",
                "zones_provinces.geojson",
            ]
            .map { "\(section)/\($0)" }
            expectedFiles += maps.map { "\(section)/coverage_map_\($0).svg" }
        }
        let written = files(under: out)
        #expect(written == expectedFiles.sorted())

        // The manifest lists every output but itself, its inputs with checksums, and the counts.
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect((manifest["outputs"] as? [String])?.sorted() == written.filter { $0 != "manifest.json" })
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        // The standards are read first: their care model (packages, default services) is needed to load the facilities.
        #expect(inputs.compactMap { $0["role"] as? String } == ["standards", "provinces", "districts", "villages", "facilities", "regions"])
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        let counts = try #require(manifest["counts"] as? [String: Int])
        #expect(counts["villages"] == 303)
        #expect(counts["facilities"] == 40)
        #expect(counts["files"] == written.count - 1)
        let parameters = try #require(manifest["parameters"] as? [String: String])
        #expect(parameters["region"] == "national")
        #expect(parameters["sections"] == "national,bolikhamxay")
        #expect(parameters["targets"] == "health_centre,district_hospital,provincial_hospital,central_hospital,rehabilitation")
        #expect(parameters["threads"] == "2")

        // Each section's table equals the independent computation, row for row.
        let expected = try rows(Self.data.appendingPathComponent("expected_gaps.csv").path)
        func key(_ row: [String: String]) -> String { ["zone_level", "zone_pcode", "target", "threshold"].map { row[$0] ?? "" }.joined(separator: "|") }
        let byKey = Dictionary(uniqueKeysWithValues: expected.map { (key($0), $0) })
        for section in ["national", "bolikhamxay"] {
            let table = try rows(out.appendingPathComponent("\(section)/gaps.csv").path)
            #expect(table.count == 9 * 12, "\(section)")  // section, LA11, 7 districts × (4 tiers × 2 + rehabilitation × 4)
            for row in table {
                let want = try #require(byKey[key(row)], "\(section): \(key(row)) is not in expected_gaps.csv")
                for (column, value) in row {
                    if let number = Double(value), let wanted = want[column].flatMap(Double.init) {
                        #expect(number == wanted, "\(section) \(key(row)) \(column)")
                    } else {
                        #expect(value == want[column], "\(section) \(key(row)) \(column)")
                    }
                }
            }
        }

        // The notes first: the fixture's villages all say `population_estimated` true, its 40 facilities
        // all have `source` "proxy", and none provides central-hospital care or rehabilitation (its
        // README); how the minutes are measured (its standards.yaml: straight, by mode); then the sources.
        #expect(
            run.stdout.hasPrefix(
                """
                Note: Village populations are estimates (district totals shared among villages).
                Note: Every facility location is a proxy placed by a rule: the figures are not real access to care.
                Note: No facility provides central hospital: its coverage is 0 % by definition, not by distance.
                Note: No facility provides rehabilitation: its coverage is 0 % by definition, not by distance.
                Note: Minutes of health centre: straight-line estimates (geodesic km × 1.4 ÷ 4 km/h, walking).
                Note: Minutes of district hospital: straight-line estimates (geodesic km × 1.4 ÷ 30 km/h, motorbike).
                Note: Minutes of provincial hospital, central hospital, rehabilitation: straight-line estimates (geodesic km × 1.4 ÷ 40 km/h, car).
                Sources: Facilities: proxies placed by rule (40; GeoData/README.md).

                """), "\(run.stdout)")

        // The summary: one table per section, with the uncovered population of the independent table.
        #expect(run.stdout.contains("\nNational: 303 villages, 330,744 people\n"))
        #expect(run.stdout.contains("\nBolikhamxay: 303 villages, 330,744 people\n"))
        let healthCentre = try #require(byKey["region|bolikhamxay|health_centre|5km"])
        let uncovered = try #require(healthCentre["population_uncovered"].flatMap { Int($0) })
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("health centre        within 5 km") })
        #expect(line.contains(String(format: "%d,%03d", uncovered / 1_000, uncovered % 1_000)), "\(line)")
        #expect(run.stdout.contains("Wrote \(out.path)/"))

        // The assignment covers every village; the maps are SVG documents with a title.
        let assigned = try rows(out.appendingPathComponent("villages_assigned.csv").path)
        #expect(assigned.count == 303)
        #expect(assigned.allSatisfy { $0["health_centre_id"]?.isEmpty == false && $0["rehabilitation_id"]?.isEmpty == true })
        // The nearest provider of health-centre care is never farther than the nearest health centre,
        // and is that health centre when the provider's tier is health_centre.
        for village in assigned {
            let provider = try #require(village["health_centre_distance_m"].flatMap(Double.init))
            let own = try #require(village["nearest_health_centre_distance_m"].flatMap(Double.init))
            #expect(provider <= own, "\(village["village_code"]!)")
            #expect(["health_centre", "district_hospital", "provincial_hospital"].contains(village["health_centre_provider_tier"] ?? ""))
            if village["health_centre_provider_tier"] == "health_centre" {
                #expect(village["health_centre_id"] == village["nearest_health_centre_id"] && provider == own)
            }
        }
        for name in written where name.hasSuffix(".svg") {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("<?xml") || text.hasPrefix("<svg"), "\(name)")
            #expect(text.contains("<title>") && text.hasSuffix("</svg>\n"), "\(name)")
        }
    }

    @Test func aRegionReportHasOneSection() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["report", "--data", Self.data.path, "--region", "bolikhamxay", "--out", out.path])
        #expect(run.status == 0, "\(run)")
        let written = files(under: out)
        #expect(written.contains("bolikhamxay/gaps.csv"))
        #expect(!written.contains { $0.hasPrefix("national/") })
        #expect(!run.stdout.contains("\nNational:"))
    }

    @Test func unknownRegionIsAUsageErrorAndWritesNothing() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        let run = try CoverageProcess.run(["report", "--data", Self.data.path, "--region", "bolikhamsay", "--out", out.path])
        #expect(!run.crashed)
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.contains(#"no region, province or district has the code or name "bolikhamsay"; the closest are:"#), "\(run.stderr)")
        #expect(run.stderr.contains("\n  bolikhamxay  Bolikhamxay  (region)\n"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test(arguments: [["--threads", "0"], ["--threads", "x"]])
    func badOptionsAreUsageErrors(_ options: [String]) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        let run = try CoverageProcess.run(["report", "--data", Self.data.path, "--out", out.path] + options)
        #expect(!run.crashed)
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains(options[0]), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// A standards file with a bad value names the file and the field, and nothing is written.
    @Test func badStandardsFileNamesFileAndField() throws {
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let standards = scratch.appendingPathComponent("standards.yaml")
        let original = try String(contentsOf: Self.data.appendingPathComponent("standards.yaml"), encoding: .utf8)
        let broken = original.replacingOccurrences(of: "detour_factor: 1.4", with: "detour_factor: -1")
        try #require(broken != original)
        try broken.write(to: standards, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("out")
        let run = try CoverageProcess.run(["report", "--data", Self.data.path, "--standards", standards.path, "--out", out.path])
        #expect(!run.crashed)
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains(standards.path), "\(run.stderr)")
        #expect(run.stderr.contains("detour_factor"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func missingDataFolderIsAnError() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        let run = try CoverageProcess.run(["report", "--data", "/nonexistent/coverage-data", "--out", out.path])
        #expect(!run.crashed)
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("error: "), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
