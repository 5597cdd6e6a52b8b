import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

/// The RFC 7946 feature `id` (a string or a number) as a layer's id role: `--map villages.id=@id`,
/// or `id: "@id"` in a mapping file. Without the mapping the loaders read the schema's field, and
/// a record without it is an error that points at the mapping.
@Suite struct FeatureIdRoleTests {
    /// The fixture villages with each village code moved from the properties to the feature `id`
    /// member (the last village's as a JSON number).
    static func villagesWithFeatureIds() throws -> String {
        let features = try LayerFixtures.features("villages.geojson").enumerated().map { index, line in
            let match = try #require(line.firstMatch(of: #/"properties": \{"village_code": "(\d+)", /#))
            let id = index == 4 ? String(match.1) : "\"\(match.1)\""
            return line.replacingOccurrences(of: String(match.0), with: "\"id\": \(id), \"properties\": {")
        }
        #expect(features.allSatisfy { !$0.contains("village_code") })
        return collection(features: features)
    }

    @Test func theFeatureIdIsTheIdRoleWhenMapped() throws {
        let villages = try Self.villagesWithFeatureIds()
        try withLayerSet(["villages.geojson": villages]) { scratch in
            let set = try LayerSet.load(
                scratch.sources { sources in
                    var mapping = FieldMapping(defaultsFor: .villages)
                    try? mapping.set(.id, to: "@id")
                    sources.mappings[.villages] = mapping
                })
            let reference = try LayerSet.load(LayerFixtures.sources())
            #expect(set.villages.map(\.code) == ["1101001", "1101002", "1102001", "1201001", "1201002"])
            #expect(set.villages.map(\.code) == reference.villages.map(\.code))
            #expect(set.report.findings.isEmpty, "\(set.report.findings)")
        }
    }

    @Test func withoutTheMappingAMissingIdPointsAtIt() throws {
        let villages = try Self.villagesWithFeatureIds()
        // One finding for the file (no record has the field), not one per village.
        let found = try findings(["villages.geojson": villages]).filter { $0.detail.field == "village_code" }
        #expect(found.map(\.code) == ["missing_field"])
        #expect(found.first?.detail.reason.hasPrefix("no village has the field \"village_code\" for the villages' identifier") == true)
        #expect(found.first?.detail.suggestion == "the features have an id member: --map villages.id=@id reads it")
    }

    @Test func aDuplicateFeatureIdIsReported() throws {
        var features = try LayerFixtures.features("villages.geojson")
        features = features.map { $0.replacingOccurrences(of: #""properties": {"village_code": "#, with: #""id": "same", "properties": {"village_code": "#) }
        let found = try findings(["villages.geojson": collection(features: features)]) { sources in
            var mapping = FieldMapping(defaultsFor: .villages)
            try? mapping.set(.id, to: "@id")
            sources.mappings[.villages] = mapping
        }
        #expect(found.filter { $0.code == "duplicate_id" }.count == 4)
        #expect(found.first { $0.code == "duplicate_id" }?.detail.field == "@id")
    }

    @Test func aMappingFileNamesItQuoted() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("mapping.yaml").path
        try "villages:\n  id: \"@id\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try MappingFile.read(path: path)[.villages]?.field(.id) == "@id")
    }
}
