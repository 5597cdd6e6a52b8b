import Foundation

/// A fresh, empty temporary directory whose name starts with `prefix`; the caller removes it
/// (`try? FileManager.default.removeItem(at:)`).
public func temporaryDirectory(prefix: String = "HealthCoverageTests") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
