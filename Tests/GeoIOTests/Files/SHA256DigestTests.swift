import Foundation
import GeoIO
import TestSupport
import Testing

@Suite("SHA256")
struct SHA256DigestTests {
    // FIPS 180-4 / NIST CAVP example messages.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func nistExamples(message: String, digest: String) {
        #expect(SHA256Digest.hex(Array(message.utf8)) == digest)
    }

    @Test func aMillionAs() {
        #expect(
            SHA256Digest.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func everyLengthAroundABlockBoundaryMatchesCoreutils() throws {
        // sha256sum (GNU coreutils), an independent implementation, on 0…130 bytes.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var names: [String] = []
        for length in 0...130 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) }
            let name = "m\(length)"
            try Data(bytes).write(to: folder.appendingPathComponent(name))
            names.append(name)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"] + names
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let expected = Dictionary(
            uniqueKeysWithValues: output.split(separator: "\n").map { line -> (String, String) in
                let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                return (String(parts[1]), String(parts[0]))
            })
        for (length, name) in names.enumerated() {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) }
            #expect(SHA256Digest.hex(bytes) == expected[name], "length \(length)")
        }
    }
}
