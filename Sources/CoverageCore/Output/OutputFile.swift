import Foundation
import GeoIO
import GeometryKit

/// One output file of an analysis: its name in the output folder and its content. Every analysis
/// says which files it writes (`files(…)` in its `+Files` extension) before the first is written.
/// Most files are made in memory then, so that a value that cannot be written (a NaN) leaves no
/// file behind; the files of a row per village are made as they are written instead, a row at a
/// time (``init(name:isCSV:streaming:)``): for a national layer of 600,000 villages they are
/// gigabytes.
public struct OutputFile: Sendable {
    /// The file's path relative to the output folder.
    public let name: String
    /// True for a CSV table: the one kind of file a byte-order mark may start (see
    /// ``Swift/Array/write(to:csvByteOrderMark:)``).
    public let isCSV: Bool
    /// Appends the whole content to a sink.
    fileprivate let content: @Sendable (inout ByteSink) throws -> Void

    /// A file of `bytes` named `name`.
    public init(name: String, bytes: [UInt8], isCSV: Bool = false) {
        self.name = name
        self.isCSV = isCSV
        content = { $0.append(contentsOf: bytes) }
    }

    /// A file named `name` whose content `produce` appends to the sink when the file is written
    /// (each row as it is made). An error it throws leaves no file (``AtomicFile``).
    public init(name: String, isCSV: Bool = false, streaming produce: @escaping @Sendable (inout ByteSink) throws -> Void) {
        self.name = name
        self.isCSV = isCSV
        content = produce
    }

    /// The whole content, made in memory.
    public var bytes: [UInt8] {
        get throws {
            var sink = ByteSink()
            try content(&sink)
            return sink.bytes
        }
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

    /// The table of a point layer: each row's properties, then `lon` and `lat` (see
    /// ``JSONObject/located(at:)``). `header`, the properties' names, keeps the columns of a table
    /// with no row.
    public static func csv(_ name: String, points rows: [(properties: JSONObject, location: Coordinate)], header: [String]? = nil) -> OutputFile {
        let located = rows.map { $0.properties.located(at: $0.location) }
        guard let header else { return .csv(name, rows: located) }
        return .csv(name, header: header + ["lon", "lat"], rows: located)
    }
}

extension JSONObject {
    /// The row of a point in a table: its properties, then `lon` and `lat`, the point's
    /// coordinates as its GeoJSON twin writes them (7 decimals), so that a spreadsheet can map
    /// the rows.
    func located(at location: Coordinate) -> JSONObject {
        setting("lon", to: .coordinate(location.lon)).setting("lat", to: .coordinate(location.lat))
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
            try AtomicFile.write(to: folder.appendingPathComponent(file.name).path) { sink in
                if csvByteOrderMark && file.isCSV { sink.append(contentsOf: CSVWriter.byteOrderMark) }
                try file.content(&sink)
            }
        }
        return map(\.name)
    }
}
