import Foundation
import GeoIO
import TestSupport
import Testing

/// `--map villages.id=@id`: the RFC 7946 feature `id` as the village code, on a copy of the
/// CoverageCore fixture set whose villages carry their codes only as feature ids.
@Suite("--map LAYER.id=@id")
struct FeatureIdMapTests {
    static let good = CoverageProcess.coreFixtures.appendingPathComponent("layers")

    /// A data folder with the fixture layers, the village codes moved to the feature `id`.
    static func folder() throws -> URL {
        let folder = try temporaryDirectory()
        for name in ["provinces.geojson", "districts.geojson", "facilities.geojson", "regions.json"] {
            try FileManager.default.copyItem(at: good.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let text = try String(contentsOf: good.appendingPathComponent("villages.geojson"), encoding: .utf8)
        let moved = text.replacing(#/"properties": \{"village_code": "(\d+)", /#) { match in #""id": "\#(match.1)", "properties": {"# }
        #expect(!moved.contains("village_code") && moved.contains(#""id": "1101001""#))
        try moved.write(to: folder.appendingPathComponent("villages.geojson"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func theFeatureIdIsTheVillageCode() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mapped = try CoverageProcess.run(["layers", "summary", "--data", folder.path, "--map", "villages.id=@id", "--json"])
        #expect(mapped.status == 0, "\(mapped)")
        let reference = try CoverageProcess.run(["layers", "summary", "--data", Self.good.path, "--json"])
        #expect(mapped.stdout == reference.stdout)

        let unmapped = try CoverageProcess.run(["layers", "validate", "--data", folder.path])
        #expect(unmapped.status == 65, "\(unmapped)")
        #expect(
            unmapped.stdout.contains(
                "error: \(folder.path)/villages.geojson: field village_code: no village has the field \"village_code\" for the villages' identifier"),
            "\(unmapped)")
        #expect(unmapped.stdout.contains("(the features have an id member: --map villages.id=@id reads it)"), "\(unmapped)")
    }
}
