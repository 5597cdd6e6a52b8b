import Foundation
import GeoIO
import GeometryKit
import RasterIO

/// In which format a run writes its layers: GeoJSON files (one per layer, beside their CSV
/// tables), one GeoPackage holding every layer and table, or both. CSV tables and SVG maps are
/// written whatever the format.
public enum LayerFormat: String, Sendable, CaseIterable {
    case geojson, gpkg, both
}

/// The GeoPackage of a run, `coverage.gpkg`: every GeoJSON layer the run wrote, as a layer of the
/// same name (its folder joined with `_`: `national/gaps.csv` → `national_gaps`), and every CSV
/// table without a GeoJSON twin, as an attribute table. It is made from the files themselves
/// once they are written, so it holds exactly what they hold, for every command alike.
///
/// Field types are those the values have across the layer: whole numbers INTEGER, other numbers
/// REAL, true/false BOOLEAN, lists and objects JSON, anything else TEXT. A district or province
/// zones layer is styled for QGIS by the percent covered of its first care and limit, in the
/// classes and colours of the SVG maps; a point layer with a `tier` field by the maps' tier
/// symbols (``QGISStyle``).
public enum GeoPackageOutput {
    static let fileName = "coverage.gpkg"

    /// Applies `format` to the files `written` in `folder`: adds `coverage.gpkg` for gpkg and
    /// both, removes the GeoJSON files for gpkg; returns the names of the files now there.
    /// - Throws: ``OutputError`` when the GeoPackage cannot be made or written.
    static func apply(_ format: LayerFormat, in folder: URL, written: [String]) throws -> [String] {
        guard format != .geojson else { return written }
        let layers = try self.layers(in: folder, files: written)
        let bytes: [UInt8]
        do {
            bytes = try GeoPackageWriter.bytes(layers: layers, name: fileName)
        } catch {
            throw OutputError(file: folder.appendingPathComponent(fileName).path, reason: "\(error)")
        }
        try AtomicFile.write(bytes, to: folder.appendingPathComponent(fileName).path)
        guard format == .gpkg else { return written + [fileName] }
        let geoJSON = written.filter { $0.hasSuffix(".geojson") }
        for name in geoJSON {
            do {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            } catch {
                throw OutputError(
                    file: folder.appendingPathComponent(name).path, reason: "cannot be removed (--format gpkg): \((error as NSError).localizedDescription)")
            }
        }
        return written.filter { !geoJSON.contains($0) } + [fileName]
    }

    /// The layers and tables of the files, in the order written.
    static func layers(in folder: URL, files: [String]) throws -> [GeoPackageWriter.Layer] {
        let stems = Set(files.filter { $0.hasSuffix(".geojson") }.map { String($0.dropLast(".geojson".count)) })
        return try files.compactMap { name -> GeoPackageWriter.Layer? in
            let path = folder.appendingPathComponent(name).path
            if name.hasSuffix(".geojson") {
                return layer(try GeoJSONLayer.read(path: path).features.map { ($0.properties, $0.geometry) }, name: tableName(name))
            }
            if name.hasSuffix(".csv"), !stems.contains(String(name.dropLast(".csv".count))) {
                return try table(CSVTable.read(path: path), name: tableName(name))
            }
            return nil
        }
    }

    /// `national/gaps.csv` → `national_gaps`.
    static func tableName(_ file: String) -> String {
        let stem = file.split(separator: ".").dropLast().joined(separator: ".")
        return stem.replacingOccurrences(of: "/", with: "_")
    }

    /// Writes `features` as a GeoPackage of one layer named after the file (`coverage import`),
    /// atomically.
    /// - Throws: ``OutputError`` when it cannot be made or written.
    public static func write(_ features: [GeoJSONWriter.Feature], toGeoPackage path: String) throws {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        do {
            try AtomicFile.write(try GeoPackageWriter.bytes(layers: [layer(features.map { ($0.properties, $0.geometry) }, name: name)], name: path), to: path)
        } catch let error as RasterError {
            throw OutputError(file: path, reason: "\(error)")
        }
    }

    private static func layer(_ features: [(properties: JSONObject, geometry: Shape?)], name: String) -> GeoPackageWriter.Layer {
        var names: [String] = []
        var seen = Set<String>()
        for feature in features { for key in feature.properties.keys where seen.insert(key).inserted { names.append(key) } }
        // Each feature's values in the layer's field order (a JSONObject looks a key up in order).
        let values = features.map { feature in
            let lookup = Dictionary(feature.properties.members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            return names.map { lookup[$0] ?? .null }
        }
        let fields = names.indices.map { index in (name: names[index], type: fieldType(values.map { $0[index] })) }
        let geometry = geometryType(features.compactMap(\.geometry)) ?? .any
        let rows = zip(values, features).map { row, feature -> (values: [JSONValue], geometry: Shape?) in
            var shape = feature.geometry
            // A layer of polygons and multipolygons is a layer of multipolygons.
            if geometry == .multiPolygon, case .polygon(let polygon)? = shape { shape = .multiPolygon([polygon]) }
            return (row, shape)
        }
        var written = GeoPackageWriter.Layer(name: name, geometry: geometry, fields: fields, rows: rows)
        written.style = QGISStyle.style(forLayer: name, fields: fields.map(\.name), geometry: geometry)
        return written
    }

    private static func table(_ table: CSVTable, name: String) -> GeoPackageWriter.Layer {
        let cells = table.rows.map { row in table.header.indices.map { row.fields.indices.contains($0) ? row.fields[$0] : "" } }
        let types = table.header.indices.map { column in cellType(cells.map { $0[column] }) }
        let rows = cells.map { row -> (values: [JSONValue], geometry: Shape?) in
            (zip(row, types).map { cell, type in value(ofCell: cell, as: type) }, nil)
        }
        return GeoPackageWriter.Layer(name: name, geometry: nil, fields: zip(table.header, types).map { ($0, $1) }, rows: rows)
    }

    /// The type of a CSV column as CSVWriter writes values: empty for null, true/false, numbers
    /// (a code with a leading zero, `0101`, is text), else text.
    static func cellType(_ cells: [String]) -> GeoPackageWriter.FieldType {
        let present = cells.filter { !$0.isEmpty }
        guard !present.isEmpty else { return .text }
        if present.allSatisfy({ $0 == "true" || $0 == "false" }) { return .boolean }
        func isNumber(_ cell: String) -> Bool {
            guard let number = Double(cell), number.isFinite, cell.first.map({ $0.isNumber || $0 == "-" }) == true else { return false }
            let digits = cell.drop { $0 == "-" }
            return !(digits.count > 1 && digits.first == "0" && digits.dropFirst().first != ".")
        }
        guard present.allSatisfy(isNumber) else { return .text }
        return present.allSatisfy { Double($0)!.rounded() == Double($0)! && !$0.contains(".") && !$0.lowercased().contains("e") } ? .integer : .real
    }

    /// A CSV cell as a value of its column's type.
    static func value(ofCell cell: String, as type: GeoPackageWriter.FieldType) -> JSONValue {
        if cell.isEmpty { return .null }
        switch type {
        case .boolean: return .bool(cell == "true")
        case .integer, .real: return .number(Double(cell)!)
        default: return .string(cell)
        }
    }

    /// The narrowest type that holds every value (nulls aside); TEXT for none.
    static func fieldType(_ values: [JSONValue]) -> GeoPackageWriter.FieldType {
        let present = values.filter { $0 != .null }
        guard !present.isEmpty else { return .text }
        if present.allSatisfy({ if case .bool = $0 { true } else { false } }) { return .boolean }
        if present.allSatisfy({ if case .number(let n) = $0 { n.rounded() == n && abs(n) < 9e15 } else { false } }) { return .integer }
        if present.allSatisfy({ if case .number = $0 { true } else { false } }) { return .real }
        if present.allSatisfy({ if case .array = $0 { true } else if case .object = $0 { true } else { false } }) { return .json }
        return .text
    }

    /// The kind of geometry of a layer's shapes; nil when it has none.
    static func geometryType(_ shapes: [Shape]) -> GeoPackageWriter.GeometryType? {
        var kinds = Set<String>()
        for shape in shapes {
            switch shape {
            case .point: kinds.insert("point")
            case .lineString: kinds.insert("line")
            case .polygon: kinds.insert("polygon")
            case .multiPolygon: kinds.insert("multipolygon")
            default: kinds.insert("other")
            }
        }
        switch kinds {
        case []: return nil
        case ["point"]: return .point
        case ["line"]: return .lineString
        case ["polygon"]: return .polygon
        case ["multipolygon"], ["polygon", "multipolygon"]: return .multiPolygon
        default: return .any
        }
    }
}
