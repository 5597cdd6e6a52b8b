import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

@Suite struct RunRecorderTests {
    @Test func theManifestListsTheOutputsAndTheChecksumsOfTheBytesParsed() throws {
        try withLayerSet { scratch in
            let expected = try ["provinces.geojson", "districts.geojson", "villages.geojson", "facilities.geojson", "regions.json"]
                .map { try sha256sum(scratch.path($0)) }
            var run = RunRecorder(command: ["gaps", "--out", "x"])
            let layers = try run.loadLayers(scratch.sources())
            // The villages change after they were read: the manifest must describe what was parsed.
            try Data("changed".utf8).write(to: URL(fileURLWithPath: scratch.path("villages.geojson")))
            let out = scratch.directory.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let written = try run.finish(in: out, parameters: ["region": "national"], counts: ["villages": layers.villages.count]) { folder in
                try [OutputFile(name: "a.csv", bytes: Array("x\n".utf8))].write(to: folder)
            }
            #expect(written == ["a.csv", "manifest.json"])
            let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
            #expect(manifest["command"] as? [String] == ["gaps", "--out", "x"])
            #expect(manifest["outputs"] as? [String] == ["a.csv"])
            #expect(manifest["counts"] as? [String: Int] == ["villages": layers.villages.count, "files": 1])
            let inputs = try #require(manifest["inputs"] as? [[String: Any]])
            #expect(inputs.map { $0["role"] as? String } == ["provinces", "districts", "villages", "facilities", "regions"])
            #expect(inputs.map { $0["sha256"] as? String } == expected)
            #expect(Set((manifest["timings"] as? [String: Double])?.keys.map { $0 } ?? []) == ["load", "write"])
        }
    }

    @Test func standardsAndOtherFilesAreRecordedByWhatWasRead() throws {
        let path = try fixtureURL("coverage/standards.yaml").path
        var run = RunRecorder(command: [])
        run.record(try StandardsFile.read(path: path))
        run.record(role: "candidates", FileChecksum(path: "sites.geojson", byteCount: 3, sha256: "abc"))
        run.record(CoverageStandards(travelModel: TravelModel(detourFactor: 1, speedsKmh: [:]), standards: [:]))  // made in code: nothing
        #expect(
            run.manifest.inputs == [
                RunManifest.Input(
                    role: "standards", path: path, bytes: try Data(contentsOf: URL(fileURLWithPath: path)).count, sha256: try sha256sum(path)),
                RunManifest.Input(role: "candidates", path: "sites.geojson", bytes: 3, sha256: "abc"),
            ])
    }
}
