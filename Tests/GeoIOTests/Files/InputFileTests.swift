import Foundation
import GeoIO
import TestSupport
import Testing

@Suite struct InputFileTests {
    @Test(arguments: [0, 1, 55, 56, 64, 1 << 20, (1 << 20) + 3])
    func readsEveryByteAndItsChecksum(size: Int) throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SplitMix64(seed: UInt64(size))
        let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let path = folder.appendingPathComponent("data.bin").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let file = try InputFile.read(path: path)
        #expect(file.bytes == bytes)
        #expect(file.checksum == FileChecksum(path: path, byteCount: size, sha256: try sha256sum(path)))
    }

    @Test func missingFilesAndFoldersAreUnreadable() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nothing.geojson").path
        #expect(throws: InputError(file: missing, reason: "cannot be read: no such file", category: .unreadable)) {
            try InputFile.read(path: missing)
        }
        #expect(throws: InputError(file: folder.path, reason: "cannot be read: it is a directory", category: .unreadable)) {
            try InputFile.read(path: folder.path)
        }
    }

    @Test func theChecksumIsOfTheBytesParsedNotOfTheFileLater() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("layer.geojson").path
        try Data(#"{"type":"FeatureCollection","features":[]}"#.utf8).write(to: URL(fileURLWithPath: path))
        let before = try sha256sum(path)
        let layer = try GeoJSONLayer.read(path: path)
        try Data("changed".utf8).write(to: URL(fileURLWithPath: path))
        #expect(layer.checksum.sha256 == before)
        #expect(layer.checksum.sha256 != (try sha256sum(path)))
    }
}
