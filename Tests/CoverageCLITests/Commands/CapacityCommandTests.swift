import CoverageCore
import Foundation
import GeoIO
import TestSupport
import Testing

/// `coverage capacity` run as a process on the Bolikhamxay coverage fixture (the shipped data cut
/// to LA11), whose standards give no capacities: the shipped standards file gives them.
@Suite("coverage capacity")
struct CapacityCommandTests {
    static let data = CoverageProcess.coreFixtures.appendingPathComponent("coverage")
    static let shippedStandards = Fixtures.shippedData.appendingPathComponent("standards.yaml")

    static func rows(_ folder: URL, _ file: String) throws -> [[String: String]] {
        let table = try CSVTable.read(path: folder.appendingPathComponent(file).path)
        return table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0.fields)) }
    }

    @Test func ignoringCapacityGivesTheGoldenPlainCoverage() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["capacity", "--data", Self.data.path, "--region", "bolikhamxay", "--ignore-capacity", "--out", out.path])
        #expect(run.status == 0, "\(run)")
        let expected = try Self.rows(Self.data, "expected_gaps.csv").filter { $0["target"]!.hasSuffix("hospital") || $0["target"] == "health_centre" }
        let zones = try Self.rows(out, "capacity_zones.csv")
        for want in expected where want["zone_level"] != "national" {
            let got = try #require(
                zones.first {
                    $0["zone_pcode"] == want["zone_pcode"] && $0["target"] == want["target"] && $0["threshold"] == want["threshold"]
                })
            #expect(got["population_served"] == want["population_covered"], "\(want)")
            #expect(got["population_within_reach"] == want["population_covered"] && got["capacity_ignored"] == "true")
        }
        #expect(zones.count == expected.filter { $0["zone_level"] != "national" }.count)
    }

    @Test func noFacilityServesMoreThanItsCapacity() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run([
            "capacity", "--data", Self.data.path, "--region", "bolikhamxay", "--standards", Self.shippedStandards.path,
            "--tier", "health_centre", "--max-km", "10", "--out", out.path,
        ])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("health centre, within 10 km:"), "\(run.stdout)")
        let facilities = try Self.rows(out, "capacity_facilities.csv").filter { $0["threshold"] == "10km" }
        // Every facility of the fixture provides health-centre care: 32 health centres, 7 district
        // hospitals and the provincial hospital, each with the health-centre standard's capacity.
        #expect(facilities.count == 40, "the fixture's facilities")
        #expect(facilities.allSatisfy { Int($0["population_served"]!)! <= 5_000 && $0["capacity"] == "5000" && $0["capacity_source"] == "standard" })
        #expect(facilities.contains { $0["residual_capacity"] == "0" })
        let region = try #require(try Self.rows(out, "capacity_zones.csv").first { $0["zone_level"] == "region" && $0["threshold"] == "10km" })
        #expect(Int(region["population_served"]!) == facilities.reduce(0) { $0 + Int($1["population_served"]!)! })
        #expect(Int(region["population_unserved"]!)! == Int(region["unserved_beyond_reach"]!)! + Int(region["unserved_over_capacity"]!)!)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(
            files == ["capacity_facilities.csv", "capacity_facilities.geojson", "capacity_unserved_villages.geojson", "capacity_zones.csv", "manifest.json"])
    }

    @Test func withNoCapacityAnywhereItSaysWhereToGiveOneAndWritesNothing() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("capacity-\(UUID().uuidString)")
        let run = try CoverageProcess.run(["capacity", "--data", Self.data.path, "--tier", "health_centre", "--out", out.path])
        #expect(!run.crashed)
        #expect(run.status != 0)
        #expect(run.stderr.contains("has no capacity and the standard of health_centre gives none"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test(arguments: [["--threads", "0"], ["--tier", "clinic"], ["--max-km", "x"]])
    func badOptionsAreUsageErrors(_ options: [String]) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("capacity-\(UUID().uuidString)")
        let run = try CoverageProcess.run(["capacity", "--data", Self.data.path, "--out", out.path] + options)
        #expect(!run.crashed)
        #expect(run.status == 64, "\(run)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
