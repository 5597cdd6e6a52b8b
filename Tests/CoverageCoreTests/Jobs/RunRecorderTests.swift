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
            let written = try run.finish(
                in: RunRecorder.outputFolder(out.path), parameters: ["region": "national"], counts: ["villages": layers.villages.count]
            ) { folder in
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

    /// A second run replaces the first as a whole (its files not listed again are gone); a run
    /// whose write fails leaves the previous run as it was.
    @Test func finishReplacesThePreviousRunAsAWhole() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        var first = RunRecorder(command: ["first"])
        try first.finish(in: RunRecorder.outputFolder(out.path), parameters: [:], counts: [:]) { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("north"), withIntermediateDirectories: false)
            return try [OutputFile(name: "a.csv", bytes: Array("1\n".utf8)), OutputFile(name: "north/b.csv", bytes: Array("2\n".utf8))].write(to: folder)
        }
        let manifestOfFirst = try Data(contentsOf: out.appendingPathComponent("manifest.json"))

        var failing = RunRecorder(command: ["failing"])
        #expect(throws: OutputError.self) {
            try failing.finish(in: RunRecorder.outputFolder(out.path), parameters: [:], counts: [:]) { folder in
                try [OutputFile(name: "a.csv", bytes: Array("changed\n".utf8)), OutputFile(name: "missing/c.csv", bytes: [])].write(to: folder)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["a.csv", "manifest.json", "north"])
        #expect(try String(contentsOf: out.appendingPathComponent("a.csv"), encoding: .utf8) == "1\n")
        #expect(try Data(contentsOf: out.appendingPathComponent("manifest.json")) == manifestOfFirst)

        var second = RunRecorder(command: ["second"])
        let written = try second.finish(in: RunRecorder.outputFolder(out.path), parameters: [:], counts: [:]) { folder in
            try [OutputFile(name: "c.csv", bytes: Array("3\n".utf8))].write(to: folder)
        }
        #expect(written == ["c.csv", "manifest.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["c.csv", "manifest.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out"])
    }
}
