import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// `coverage suggest` run as a process on the Bolikhamxay coverage fixture (the shipped data cut
/// to LA11), its answer checked against the exact optimum found here by trying every pair of
/// villages, with PROJ geodesic distances.
@Suite("coverage suggest")
struct SuggestCommandTests {
    static let data = CoverageProcess.coreFixtures.appendingPathComponent("coverage")

    struct Place {
        let id: String
        let location: Coordinate
        let population: Int
    }

    static func places(_ file: String, where keep: ([String: Any]) -> Bool = { _ in true }) throws -> [Place] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent(file))) as? [String: Any])
        let features = try #require(root["features"] as? [[String: Any]])
        return try features.compactMap { feature in
            let properties = try #require(feature["properties"] as? [String: Any])
            guard keep(properties) else { return nil }
            let coordinates = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double])
            let id = (properties["village_code"] ?? properties["facility_id"] ?? properties["id"]).map { "\($0)" } ?? ""
            return Place(id: id, location: Coordinate(x: coordinates[0], y: coordinates[1]), population: properties["population"] as? Int ?? 0)
        }
    }

    @Test func suggestsTheBestPairAndWritesItsFiles() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run([
            "suggest", "--data", Self.data.path, "--region", "bolikhamxay", "--tier", "health_centre",
            "--count", "2", "--json", "--out", out.path,
        ])
        #expect(!run.crashed)
        #expect(run.status == 0, "\(run)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])

        // Independently: who the facilities providing health-centre care leave beyond 5 km, and the
        // best two villages. Every facility of the fixture provides it (the hierarchy: health
        // centres, district hospitals and the provincial hospital; none has `care_packages`).
        let villages = try Self.places("villages.geojson")
        let centres = try Self.places("facilities.geojson") { $0["care_packages"] == nil || $0["care_packages"] is NSNull }
        #expect(centres.count == 40)
        let open = try villages.filter { village in
            try centres.allSatisfy { try Geodesic.wgs84.distanceMeters(from: $0.location, to: village.location) > 5_000 }
        }
        let covers = try villages.map { site in
            try Set(open.indices.filter { try Geodesic.wgs84.distanceMeters(from: site.location, to: open[$0].location) <= 5_000 })
        }
        var best = 0
        for a in covers.indices { for b in covers.indices where b > a { best = max(best, covers[a].union(covers[b]).reduce(0) { $0 + open[$1].population }) } }
        let total = villages.reduce(0) { $0 + $1.population }
        #expect(answer["demand_total"] as? Int == total)
        #expect(answer["covered_before"] as? Int == total - open.reduce(0) { $0 + $1.population })
        #expect(answer["covered_before"] as? Int == 150_861, "expected_gaps.csv, LA11 health_centre 5km")
        #expect(answer["gain"] as? Int == best, "the exact optimum over all \(covers.count * (covers.count - 1) / 2) pairs")
        #expect((answer["upper_bound"] as? Int ?? 0) >= best)
        let sites = try #require(answer["sites"] as? [[String: Any]])
        #expect(sites.count == 2 && sites.map { $0["rank"] as? Int } == [1, 2])

        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["manifest.json", "newly_covered.geojson", "suggested_sites.csv", "suggested_sites.geojson"])
        let table = try CSVTable.read(path: out.appendingPathComponent("suggested_sites.csv").path)
        #expect(table.header.prefix(3) == ["rank", "site_id", "site_name"])
        #expect(table.rows.map { $0.fields[1] } == sites.map { $0["id"] as? String ?? "" })
    }

    @Test func printsSentencesAndATable() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run([
            "suggest", "--data", Self.data.path, "--region", "bolikhamxay", "--tier", "health_centre",
            "--count", "3", "--weight", "under5", "--out", out.path,
        ])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("health centre sites within 5 km in Bolikhamxay: 3 sites from 303 candidates.\n"), "\(run.stdout)")
        #expect(run.stdout.contains("Under5 covered: 15,844 (45.1 %) now"), "expected_gaps.csv: 15,844 of 35,147 under 5")
        #expect(run.stdout.contains("Stopped: 3 sites chosen; wrote \(out.path)/."))
    }

    @Test(arguments: [
        ["--count", "0"], ["--target-percent", "0"], ["--target-percent", "101"], ["--threads", "0"], ["--max-km", "5,10"],
        ["--max-km", "5", "--max-minutes", "60"], ["--demand", "facilities", "--weight", "under5"], ["--tier", "district_hospital"],
        ["--weight", "adults"],
    ])
    func badOptionsAreUsageErrors(_ options: [String]) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("suggest-\(UUID().uuidString)")
        let run = try CoverageProcess.run(["suggest", "--data", Self.data.path, "--tier", "health_centre", "--out", out.path] + options)
        #expect(!run.crashed)
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aBadCandidateFileIsLocatedAndWritesNothing() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("suggest-\(UUID().uuidString)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("candidates-\(UUID().uuidString).geojson")
        defer { try? FileManager.default.removeItem(at: file) }
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Point","coordinates":[103.6,"x"]}}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try CoverageProcess.run(["suggest", "--data", Self.data.path, "--tier", "health_centre", "--candidates", file.path, "--out", out.path])
        #expect(!run.crashed)
        #expect(run.status != 0)
        #expect(run.stderr.contains(file.path) && run.stderr.contains("feature 0"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// A candidate outside every district is named (feature, id, name, position, the nearest
    /// district and how far: 62.3 km from LA1105 Khamkeuth, pyproj's WGS 84 geodesic to the
    /// fixture's boundary densified to 0.0005°) and stops the run (exit 65, nothing written);
    /// with a tolerance beyond that distance it is placed there and the run goes on.
    @Test func aCandidateOutsideEveryDistrictIsNamed() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("suggest-\(UUID().uuidString)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("candidates-\(UUID().uuidString).geojson")
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: out)
        }
        try #"""
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"pakxan","properties":{"name":"Paksan plot"},"geometry":{"type":"Point","coordinates":[103.66,18.39]}},
        {"type":"Feature","id":"thakhek","properties":{"name":"Thakhek plot"},"geometry":{"type":"Point","coordinates":[104.83,17.4]}}]}
        """#.write(to: file, atomically: true, encoding: .utf8)
        let arguments = ["suggest", "--data", Self.data.path, "--tier", "health_centre", "--count", "1", "--candidates", file.path, "--out", out.path]
        let run = try CoverageProcess.run(arguments)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout == "")
        #expect(
            run.stderr
                == "error: \(file.path): feature 1: field geometry: the candidate site thakhek \"Thakhek plot\" at 104.8300000 17.4000000 "
                + "lies outside every district, beyond the tolerance of 1.0 km (--tolerance-m): the nearest, LA1105 Khamkeuth, is 62.3 km away\n")
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let tolerant = try CoverageProcess.run(arguments + ["--tolerance-m", "63000", "--json"])
        #expect(tolerant.status == 0, "\(tolerant)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(tolerant.stdout.utf8)) as? [String: Any])
        #expect(answer["candidates"] as? Int == 2)
    }
}
