import Foundation
import GeoIO
import GeometryKit

/// One output file of an analysis, made in memory: its name in the output folder and its bytes.
/// Every analysis says which files it writes (`files(…)` in its `+Files` extension) before the
/// first is written, so that a value that cannot be written (a NaN) leaves no file behind.
public struct OutputFile: Sendable {
    /// The file's path relative to the output folder.
    public let name: String
    /// The whole content.
    public let bytes: [UInt8]

    /// A file of `bytes` named `name`.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// A GeoJSON FeatureCollection (RFC 7946, see ``GeoJSONWriter``).
    /// - Throws: ``NonFiniteNumberError`` naming the feature with a NaN or infinite value.
    public static func geoJSON(_ name: String, _ features: [GeoJSONWriter.Feature]) throws -> OutputFile {
        OutputFile(name: name, bytes: try GeoJSONWriter.featureCollection(features))
    }

    /// A GeoJSON layer of points, one per row.
    public static func points(_ name: String, _ rows: [(properties: JSONObject, location: Coordinate)]) throws -> OutputFile {
        try geoJSON(name, rows.map { GeoJSONWriter.Feature(properties: $0.properties, geometry: .point($0.location)) })
    }

    /// A CSV table whose header is the first row's keys (see ``CSVWriter``).
    public static func csv(_ name: String, rows: [JSONObject]) -> OutputFile {
        OutputFile(name: name, bytes: CSVWriter.bytes(rows: rows))
    }

    /// A CSV table under a fixed header (so that an empty table still names its columns).
    public static func csv(_ name: String, header: [String], rows: [JSONObject]) -> OutputFile {
        OutputFile(name: name, bytes: Array(CSVWriter.text(header: header, rows: rows.map { row in header.map { CSVWriter.cell(row[$0]) } }).utf8))
    }
}

extension [OutputFile] {
    /// Writes every file into `folder` (which must exist), each atomically, in order; returns
    /// their names.
    /// - Throws: ``OutputError`` when a file cannot be written.
    @discardableResult
    public func write(to folder: URL) throws -> [String] {
        for file in self { try AtomicFile.write(file.bytes, to: folder.appendingPathComponent(file.name).path) }
        return map(\.name)
    }
}
