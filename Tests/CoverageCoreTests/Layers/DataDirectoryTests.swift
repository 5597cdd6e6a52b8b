import CoverageCore
import Foundation
import GeoIO
import TestSupport
import Testing

/// `DataDirectory.locate` reads HEALTHCOVERAGE_DATA and the current directory, both process-wide;
/// changing either here would race with the other suites (setenv is not thread-safe), so the
/// variable's precedence, the not-found error and the fallback from the current directory are
/// tested through the binary in CoverageCLITests (InspectCommandTests), each in its own process.
@Suite("DataDirectory")
struct DataDirectoryTests {
    @Test func variableName() {
        #expect(DataDirectory.environmentVariable == "HEALTHCOVERAGE_DATA")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["HEALTHCOVERAGE_DATA"] == nil, "HEALTHCOVERAGE_DATA is set"))
    func checkoutOfTheExecutable() throws {
        // A fake checkout: <root>/GeoData/laos and <root>/.build/debug/coverage. The current
        // directory may have GeoData/laos (it comes first), so the expected answer depends on it.
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("GeoData/laos")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let executable = root.appendingPathComponent(".build/debug/coverage")
        try FileManager.default.createDirectory(at: executable.deletingLastPathComponent(), withIntermediateDirectories: true)
        let found = try DataDirectory.locate(executablePath: executable.path)
        let cwdData = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("GeoData/laos")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: cwdData.path, isDirectory: &isDirectory), isDirectory.boolValue {
            #expect(found.path == cwdData.standardizedFileURL.path)
        } else {
            #expect(found.path == data.standardizedFileURL.path)
        }
    }
}
