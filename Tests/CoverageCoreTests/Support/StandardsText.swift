import CoverageCore
import Foundation

/// Standards read from YAML text written to a temporary file, as `StandardsFile` reads a user's.
func readStandards(_ yaml: String) throws -> CoverageStandards {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("standards-\(UUID().uuidString).yaml")
    try yaml.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    return try StandardsFile.read(path: url.path)
}

/// A travel model for hand-written standards: lines 1–3 of the text, so that the first section
/// key is line 4.
let travelModelLines = "travel_model:\n  detour_factor: 1.5\n  speeds_kmh: {walking: 5, car: 50}\n"
