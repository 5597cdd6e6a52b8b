import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// `coverage run` and `coverage compare` as processes on the Bolikhamxay coverage fixture: a
/// health centre added at the best village, its gain checked with PROJ distances computed here;
/// bad scenario files and folders refused with located errors and nothing written.
@Suite("coverage run and compare")
struct RunCompareCommandTests {
    static let data = SuggestCommandTests.data

    /// Writes a scenario on the fixture into `folder`.
    static func scenario(_ name: String, in folder: URL, region: String = "bolikhamxay", extra: String = "") throws -> URL {
        let url = folder.appendingPathComponent("\(name).yaml")
        try """
        name: \(name)
        data: \(data.path)
        region: \(region)
        targets: [health_centre, district_hospital]
        \(extra)
        """.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func aHealthCentreAtTheBestVillageGainsWhatPROJSays() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // Independently: the villages beyond 5 km of every facility providing health-centre care
        // (every facility of the fixture: health centres, district hospitals and the provincial
        // hospital, as none has `care_packages`), and the village whose 5 km would take in the most
        // of their people.
        let villages = try SuggestCommandTests.places("villages.geojson")
        let centres = try SuggestCommandTests.places("facilities.geojson") { $0["care_packages"] == nil || $0["care_packages"] is NSNull }
        #expect(centres.count == 40)
        let open = try villages.filter { village in
            try centres.allSatisfy { try Geodesic.wgs84.distanceMeters(from: $0.location, to: village.location) > 5_000 }
        }
        let reach = try villages.map { site in
            try open.filter { try Geodesic.wgs84.distanceMeters(from: site.location, to: $0.location) <= 5_000 }
        }
        let best = reach.indices.max { (reach[$0].reduce(0) { $0 + $1.population }, $1) < (reach[$1].reduce(0) { $0 + $1.population }, $0) }!
        let gain = reach[best].reduce(0) { $0 + $1.population }

        let base = try Self.scenario("base", in: root)
        let added = try Self.scenario(
            "one-more", in: root,
            extra: """
                modifications:
                  - add_facility: {id: NEW-1, tier: health_centre, village: "\(villages[best].id)"}
                """)
        for (file, out) in [(base, "out-base"), (added, "out-one-more")] {
            let run = try CoverageProcess.run(["run", file.path, "--out", root.appendingPathComponent(out).path])
            #expect(run.status == 0, "\(run)")
        }
        let compared = try CoverageProcess.run([
            "compare", root.appendingPathComponent("out-base").path,
            root.appendingPathComponent("out-one-more").path, "--out", root.appendingPathComponent("diff").path,
        ])
        #expect(compared.status == 0, "\(compared)")
        #expect(compared.stdout.hasPrefix("one-more against base (bolikhamxay): \(reach[best].count) villages changed"), "\(compared.stdout)")

        let table = try CSVTable.read(path: root.appendingPathComponent("diff/comparison.csv").path)
        let rows = table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0.fields)) }
        let region = try #require(rows.first { $0["zone_level"] == "region" && $0["target"] == "health_centre" && $0["threshold"] == "5km" })
        #expect(region["population_covered_a"] == "150861", "expected_gaps.csv, LA11 health_centre 5km")
        #expect(region["population_newly_covered"] == String(gain) && region["population_lost"] == "0")
        #expect(region["villages_newly_covered"] == String(reach[best].count))
        #expect(rows.filter { $0["target"] == "district_hospital" }.allSatisfy { $0["population_net_change"] == "0" })
        let changed = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("diff/changed_villages.geojson"))) as? [String: Any]
        let codes = (changed?["features"] as? [[String: Any]])?.compactMap { ($0["properties"] as? [String: Any])?["village_code"] as? String }
        #expect(Set(codes ?? []) == Set(reach[best].map(\.id)))
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("diff").path).sorted()
        #expect(files == ["changed_villages.geojson", "comparison.csv", "comparison_districts.geojson", "comparison_map.svg", "manifest.json"])
        let manifest = try String(contentsOf: root.appendingPathComponent("out-one-more/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"modification_1\" : \"add_facility NEW-1 health_centre at village \(villages[best].id)\""), "\(manifest)")
        #expect(manifest.contains("\"role\" : \"scenario\""))
    }

    @Test func aBadScenarioIsLocatedAndWritesNothing() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let file = try Self.scenario("bad", in: root, extra: "modifications:\n  - close_facility: HC-NOPE\n")
        let run = try CoverageProcess.run(["run", file.path, "--out", out.path])
        #expect(!run.crashed)
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("\(file.path):6:5") && run.stderr.contains("no facility \"HC-NOPE\""), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let untyped = try Self.scenario("untyped", in: root, extra: "outputs: {gaps: yes}\n")
        let second = try CoverageProcess.run(["run", untyped.path, "--out", out.path])
        #expect(second.status == 65 && second.stderr.contains("\(untyped.path):5:10"), "\(second)")
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let noOut = try CoverageProcess.run(["run", try Self.scenario("no-out", in: root).path])
        #expect(noOut.status == 64 && noOut.stderr.contains("names no out folder"), "\(noOut)")
    }

    @Test func foldersThatDoNotBelongTogetherAreRefused() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, region) in [("eleven", "bolikhamxay"), ("nation", "national")] {
            let run = try CoverageProcess.run(["run", try Self.scenario(name, in: root, region: region).path, "--out", root.appendingPathComponent(name).path])
            #expect(run.status == 0, "\(run)")
        }
        let out = root.appendingPathComponent("diff")
        let regions = try CoverageProcess.run([
            "compare", root.appendingPathComponent("eleven").path, root.appendingPathComponent("nation").path, "--out", out.path,
        ])
        #expect(regions.status == 65 && regions.stderr.contains("different regions (bolikhamxay and national)"), "\(regions)")
        let missing = try CoverageProcess.run(["compare", root.appendingPathComponent("eleven").path, root.path, "--out", out.path])
        #expect(missing.status == 66 && missing.stderr.contains("\(root.path)/manifest.json: missing"), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
