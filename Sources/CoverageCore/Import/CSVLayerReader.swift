import Foundation
import GeoIO
import GeometryKit

/// Reads a CSV table of points (villages or facilities) into ``LayerRecord``s, and converts it
/// into a layer in the shipped schema for `coverage import csv`.
///
/// Each row becomes a record located by its line, with every column as a `.string` field keyed
/// by its header name, and a point built from the longitude and latitude columns. A row whose
/// coordinates are blank, not numbers, NaN or infinite keeps a nil geometry and a
/// ``LayerRecord/geometryProblem`` naming the line and the column, so that one bad row does not
/// hide the others; callers decide whether that stops the work.
public enum CSVLayerReader {
    /// Column names tried, in order and ignoring case, for the longitude when the mapping does not name one.
    public static let longitudeColumnNames = ["lon", "longitude", "x"]
    /// Column names tried, in order and ignoring case, for the latitude when the mapping does not name one.
    public static let latitudeColumnNames = ["lat", "latitude", "y"]

    /// The records of the CSV file at `path`.
    /// - Parameters:
    ///   - mapping: names the coordinate columns (roles `lon` and `lat`); when it does not, the
    ///     columns are found among ``longitudeColumnNames`` and ``latitudeColumnNames``.
    ///   - sourceCRS: the CRS of the coordinates when not WGS 84 longitude/latitude (e.g.
    ///     "EPSG:32648" for UTM zone 48N); points are transformed to WGS 84 with PROJ.
    ///   - delimiter: the field separator.
    /// - Throws: ``InputError`` when the file is not a well-formed UTF-8 CSV, when the
    ///   coordinate columns cannot be found, or when `sourceCRS` is unknown to PROJ.
    public static func records(path: String, mapping: FieldMapping, sourceCRS: String?, delimiter: CSVDelimiter = .comma) throws -> [LayerRecord] {
        try records(CSVTable.read(path: path, delimiter: delimiter), mapping: mapping, sourceCRS: sourceCRS)
    }

    /// The records of a CSV table already read (see ``records(path:mapping:sourceCRS:delimiter:)``).
    public static func records(_ table: CSVTable, mapping: FieldMapping, sourceCRS: String?) throws -> [LayerRecord] {
        let columns = try coordinateColumns(of: table, mapping: mapping)
        let transform = try wgs84Transform(from: sourceCRS, file: table.file)
        let lonName = table.header[columns.longitude], latName = table.header[columns.latitude]

        var coordinates: [Coordinate?] = []
        var problems: [InputError?] = []
        coordinates.reserveCapacity(table.rows.count)
        problems.reserveCapacity(table.rows.count)
        for row in table.rows {
            let lonText = row.fields[columns.longitude].trimmingBlanks
            let latText = row.fields[columns.latitude].trimmingBlanks
            if lonText.isEmpty && latText.isEmpty {
                coordinates.append(nil)
                problems.append(
                    InputError(
                        file: table.file, location: .line(row.line),
                        reason: "no coordinates (columns \(lonName) and \(latName) are blank)"))
                continue
            }
            do {
                let x = try number(lonText, column: lonName, line: row.line, file: table.file)
                let y = try number(latText, column: latName, line: row.line, file: table.file)
                coordinates.append(Coordinate(x: x, y: y))
                problems.append(nil)
            } catch let problem as InputError {
                coordinates.append(nil)
                problems.append(problem)
            }
        }
        if let transform {
            transformInPlace(&coordinates, &problems, with: transform, table: table)
        }

        var records: [LayerRecord] = []
        records.reserveCapacity(table.rows.count)
        for (index, row) in table.rows.enumerated() {
            let fields = JSONObject(zip(table.header, row.fields).map { (key: $0, value: JSONValue.string($1)) })
            let geometry = coordinates[index].map { Shape.point($0) }
            records.append(LayerRecord(file: table.file, location: .line(row.line), fields: fields, geometry: geometry, geometryProblem: problems[index]))
        }
        return records
    }

    /// The indices of the longitude and latitude columns: those the mapping names (exact name,
    /// else the only one matching ignoring case), or the first of the conventional names.
    /// - Throws: ``InputError`` at line 1 listing the header when a column cannot be found.
    public static func coordinateColumns(of table: CSVTable, mapping: FieldMapping) throws -> (longitude: Int, latitude: Int) {
        func find(_ role: FieldRole, conventional: [String], noun: String, option: String) throws -> Int {
            let headerList = table.header.joined(separator: ", ")
            if let named = mapping.fieldNames[role] {
                guard let index = table.columnIndex(named) else {
                    throw InputError(
                        file: table.file, location: .line(1), field: named,
                        reason: "no column named \"\(named)\" for the \(noun); the header has: \(headerList)",
                        suggestion: ClosestName.suggestion(for: named, among: table.header).map { "did you mean \($0)?" })
                }
                return index
            }
            for name in conventional {
                if let index = table.columnIndex(name) { return index }
            }
            let other = CSVDelimiter.allCases.first { $0 != table.delimiter && table.header.count == 1 && table.header[0].contains($0.rawValue) }
            throw InputError(
                file: table.file, location: .line(1),
                reason: "no \(noun) column: expected one named \(conventional.joined(separator: ", ")) (any case); the header has: \(headerList)",
                suggestion: other.map { "the header is one column: is the file separated by \($0.name)s? pass the delimiter" }
                    ?? "name the column: \(option) with coverage import csv, --map LAYER.\(role.rawValue)=COLUMN when loading layers")
        }
        let longitude = try find(.longitude, conventional: longitudeColumnNames, noun: "longitude", option: "--lon-column")
        let latitude = try find(.latitude, conventional: latitudeColumnNames, noun: "latitude", option: "--lat-column")
        guard longitude != latitude else {
            throw InputError(
                file: table.file, location: .line(1), field: table.header[longitude],
                reason: "the same column cannot hold both the longitude and the latitude")
        }
        return (longitude, latitude)
    }

    /// The transformation to WGS 84, nil when the coordinates already are WGS 84 lon/lat.
    static func wgs84Transform(from sourceCRS: String?, file: String) throws -> CoordinateTransform? {
        guard let name = sourceCRS.flatMap(CRSName.normalized) else { return nil }
        do {
            return try CoordinateTransform.toWGS84(from: name)
        } catch {
            throw InputError(
                file: file, reason: "unknown coordinate reference system \(name): \(error)",
                suggestion: "name it as EPSG:code, e.g. EPSG:32648 for UTM zone 48N")
        }
    }

    /// A coordinate value: a finite decimal number.
    private static func number(_ text: String, column: String, line: Int, file: String) throws -> Double {
        guard !text.isEmpty else {
            throw InputError(file: file, location: .line(line), field: column, reason: "expected a number, found a blank")
        }
        let isDecimal = text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
        if isDecimal, let value = Double(text), value.isFinite { return value }
        if let value = Double(text), !value.isFinite, !text.lowercased().hasPrefix("0x") {
            throw InputError(file: file, location: .line(line), field: column, reason: "expected a finite number, found \(value.isNaN ? "NaN" : text)")
        }
        let decimalComma = text.filter { $0 == "," }.count == 1 && Double(text.replacingOccurrences(of: ",", with: ".")) != nil
        throw InputError(
            file: file, location: .line(line), field: column, reason: "expected a number, found \"\(text)\"",
            suggestion: decimalComma ? "use a point as the decimal separator" : nil)
    }

    /// Transforms the coordinates in one PROJ call, falling back to one call per coordinate to
    /// locate those PROJ cannot transform.
    private static func transformInPlace(
        _ coordinates: inout [Coordinate?], _ problems: inout [InputError?],
        with transform: CoordinateTransform, table: CSVTable
    ) {
        let indices = coordinates.indices.filter { coordinates[$0] != nil }
        if let transformed = try? transform.apply(indices.map { coordinates[$0]! }) {
            for (offset, index) in indices.enumerated() { coordinates[index] = transformed[offset] }
            return
        }
        for index in indices {
            do {
                coordinates[index] = try transform.apply(coordinates[index]!)
            } catch {
                let original = coordinates[index]!
                coordinates[index] = nil
                problems[index] = InputError(
                    file: table.file, location: .line(table.rows[index].line),
                    reason: "the point (\(original.x), \(original.y)) cannot be transformed from \(transform.source) to WGS 84")
            }
        }
    }
}
