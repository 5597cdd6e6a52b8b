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
    /// True for a CSV table: the one kind of file a byte-order mark may start (see
    /// ``Swift/Array/write(to:csvByteOrderMark:)``).
    public let isCSV: Bool

    /// A file of `bytes` named `name`.
    public init(name: String, bytes: [UInt8], isCSV: Bool = false) {
        self.name = name
        self.bytes = bytes
        self.isCSV = isCSV
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
        OutputFile(name: name, bytes: CSVWriter.bytes(rows: rows), isCSV: true)
    }

    /// A CSV table under a fixed header (so that an empty table still names its columns).
    public static func csv(_ name: String, header: [String], rows: [JSONObject]) -> OutputFile {
        OutputFile(
            name: name, bytes: Array(CSVWriter.text(header: header, rows: rows.map { row in header.map { CSVWriter.cell(row[$0]) } }).utf8),
            isCSV: true)
    }

    /// The table of a point layer: each row's properties, then `lon` and `lat`, the point's
    /// coordinates as its GeoJSON twin writes them (7 decimals), so that a spreadsheet can map
    /// the rows. `header`, the properties' names, keeps the columns of a table with no row.
    public static func csv(_ name: String, points rows: [(properties: JSONObject, location: Coordinate)], header: [String]? = nil) -> OutputFile {
        let located = rows.map { $0.properties.setting("lon", to: .coordinate($0.location.lon)).setting("lat", to: .coordinate($0.location.lat)) }
        guard let header else { return .csv(name, rows: located) }
        return .csv(name, header: header + ["lon", "lat"], rows: located)
    }
}

extension [OutputFile] {
    /// Writes every file into `folder` (which must exist), each atomically, in order; returns
    /// their names. With `csvByteOrderMark`, each CSV table starts with the UTF-8 byte-order mark
    /// (``CSVWriter/byteOrderMark``), which Excel needs to read it as UTF-8.
    /// - Throws: ``OutputError`` when a file cannot be written.
    @discardableResult
    public func write(to folder: URL, csvByteOrderMark: Bool = false) throws -> [String] {
        for file in self {
            let bytes = csvByteOrderMark && file.isCSV ? CSVWriter.byteOrderMark + file.bytes : file.bytes
            try AtomicFile.write(bytes, to: folder.appendingPathComponent(file.name).path)
        }
        return map(\.name)
    }
}
