import CoverageCore
import Foundation
import GeometryKit
import Testing

/// Parses a GeoJSON document held in a string, named `layer.geojson` in messages.
func layer(_ text: String, file: String = "layer.geojson", sourceCRS: String? = nil) throws -> GeoJSONLayer {
    try GeoJSONLayer.parse(Array(text.utf8), file: file, sourceCRS: sourceCRS)
}

/// The `InputError` that reading `text` throws, or nil (with an issue recorded) when it throws none
/// or another kind of error.
func layerError(_ text: String, file: String = "layer.geojson", sourceCRS: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) -> InputError? {
    do {
        _ = try layer(text, file: file, sourceCRS: sourceCRS)
        Issue.record("the document was read without error", sourceLocation: sourceLocation)
    } catch let error as InputError {
        return error
    } catch {
        Issue.record("expected an InputError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A FeatureCollection holding one feature per geometry text (`null` allowed), with no properties.
func collection(geometries: [String]) -> String {
    let features = geometries.map { #"{"type": "Feature", "properties": {}, "geometry": \#($0)}"# }
    return #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ",\n"))]}"#
}

/// A FeatureCollection of the given feature texts.
func collection(features: [String]) -> String {
    #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ",\n"))]}"#
}

/// True when the two coordinates agree within `tolerance` on both axes.
func close(_ a: Coordinate, _ b: Coordinate, tolerance: Double = 1e-12) -> Bool {
    abs(a.x - b.x) <= tolerance && abs(a.y - b.y) <= tolerance
}

/// True when the coordinate lists have the same length and agree pairwise within `tolerance`.
func close(_ a: [Coordinate], _ b: [Coordinate], tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance: tolerance) }
}

/// The URL of a file in the test target's Fixtures folder.
func fixtureURL(_ name: String) throws -> URL {
    let url = Bundle.module.resourceURL?.appendingPathComponent("Fixtures").appendingPathComponent(name)
    let found = try #require(url, "the CoverageCoreTests resource bundle has no Fixtures folder")
    try #require(FileManager.default.fileExists(atPath: found.path), "fixture \(name) not found at \(found.path)")
    return found
}

/// A fresh temporary directory, removed by the caller with `removeItem`.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("CoverageCoreTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
