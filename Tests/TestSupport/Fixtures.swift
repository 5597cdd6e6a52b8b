import Foundation
import Testing

/// The fixture files of the test targets, found from this source file's place in the tree
/// (`#filePath`), not from a resource bundle: every target reads `Tests/<Target>/Fixtures/…`
/// in place, and a fixture is kept once even when several targets read it.
public enum Fixtures {
    /// The `Tests` folder of the source tree.
    public static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// The checkout holding the tests.
    public static let repository = testsFolder.deletingLastPathComponent()
    /// The shipped Laos data set, `GeoData/laos`.
    public static let shippedData = repository.appendingPathComponent("GeoData/laos")

    /// The fixture at `path` in the `Fixtures` folder of test target `target`; the test fails,
    /// naming the path, when it does not exist.
    public static func url(_ path: String, of target: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let url = testsFolder.appendingPathComponent(target).appendingPathComponent("Fixtures").appendingPathComponent(path)
        try #require(FileManager.default.fileExists(atPath: url.path), "fixture \(url.path) not found", sourceLocation: sourceLocation)
        return url
    }

    /// The text of the fixture at `path` of test target `target` (UTF-8).
    public static func text(_ path: String, of target: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try String(contentsOf: url(path, of: target, sourceLocation: sourceLocation), encoding: .utf8)
    }
}
