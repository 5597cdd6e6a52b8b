import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// Reads the golden fixtures in `Fixtures/` (see its README.md).
enum GoldenFixtures {
    static func text(_ name: String) throws -> String {
        try Fixtures.text(name, of: "GeometryKitTests")
    }

    /// The geometries of a GeoJSON fixture's features, in order, as GEOS geometries.
    static func geometries(_ name: String) throws -> [Geometry] {
        let layer = try GeoJSONLayer.read(path: Fixtures.url(name, of: "GeometryKitTests").path)
        return try layer.features.map { try Geometry(#require($0.geometry)) }
    }

    /// Each line's numbers (blank-separated), with any `# comment` cut off; blank lines skipped.
    static func rows(_ name: String) throws -> [Row] {
        try text(name).split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let parts = line.split(separator: "#", maxSplits: 1)
            let body = parts.first.map(String.init) ?? ""
            let fields = body.split(separator: " ").map(String.init)
            guard !fields.isEmpty else { return nil }
            let label = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            return Row(file: name, line: index + 1, fields: fields, label: label)
        }
    }

    struct Row {
        let file: String
        let line: Int
        let fields: [String]
        let label: String

        /// Field `index` as a number (the test fails naming file and line if it is not one).
        func number(_ index: Int) throws -> Double {
            try #require(index < fields.count ? Double(fields[index]) : nil, "\(file):\(line) field \(index) is not a number")
        }

        var location: String { "\(file):\(line) (\(label))" }
    }
}
