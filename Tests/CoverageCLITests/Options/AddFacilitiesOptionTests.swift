import Foundation
import GeoIO
import TestSupport
import Testing

/// `--add-facilities FILE`: another facility layer joins the analyses, is recorded in the
/// manifest, and is counted in the notes; an identifier it shares with the main layer is an
/// error naming both files. Counts from the shipped files with Python's json module: 1,126
/// facilities (616 OpenStreetMap, 510 proxies) and 101 others, all from OpenStreetMap.
@Suite("--add-facilities")
struct AddFacilitiesOptionTests {
    static let data = Fixtures.shippedData
    static let others = data.appendingPathComponent("facilities_other.geojson")

    @Test func theOtherFacilitiesJoinAndAreNamedInTheManifestAndNotes() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run([
            "gaps", "--data", Self.data.path, "--region", "bolikhamxay-khammouane", "--tier", "health_centre",
            "--add-facilities", Self.others.path, "--out", out.path,
        ])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Note: 510 of 1,227 facilities are proxies placed by a rule"), "\(run.stdout)")
        #expect(run.stdout.contains("Facilities: © OpenStreetMap contributors, ODbL 1.0 (717); proxies placed by rule (510;"))

        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        let facilities = inputs.filter { $0["role"] as? String == "facilities" }
        #expect(facilities.map { $0["path"] as? String } == [Self.data.appendingPathComponent("facilities.geojson").path, Self.others.path])
        #expect(facilities.last?["sha256"] as? String == (try sha256sum(Self.others.path)))
    }

    @Test func anIdentifierBothLayersUseIsAnErrorNamingBothFiles() throws {
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let layer = scratch.appendingPathComponent("more.geojson")
        try #"""
        {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"facility_id": "CH-01", "name": "Again", "tier": "central_hospital"}, "geometry": {"type": "Point", "coordinates": [102.6, 17.97]}}
        ]}
        """#.write(to: layer, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("out")
        let run = try CoverageProcess.run([
            "gaps", "--data", Self.data.path, "--region", "bolikhamxay", "--add-facilities", layer.path, "--out", out.path,
        ])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("\(layer.path): feature 0 (CH-01): field facility_id: duplicate facility identifier CH-01"), "\(run.stderr)")
        #expect(run.stderr.contains("(first at feature 0 of \(Self.data.appendingPathComponent("facilities.geojson").path))"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aMissingFileIsNamed() throws {
        let run = try CoverageProcess.run(["layers", "summary", "--data", Self.data.path, "--add-facilities", "no-such-layer.geojson"])
        #expect(run.status == 66, "\(run)")
        #expect(run.stderr.contains("no-such-layer.geojson: cannot be read: no such file"), "\(run.stderr)")
    }
}
