internal import CGDAL
import GeoIO
import GeometryKit

/// GeoPackages written with GDAL's GPKG driver: layers of features in WGS 84 (EPSG:4326) with a
/// spatial index, tables without geometry as attribute tables, real field types, and QGIS styles
/// in a `layer_styles` table, so that a layer opens styled in QGIS.
///
/// The same layers give the same bytes: the timestamps GDAL would take from the clock
/// (`gpkg_contents.last_change`) are fixed at ``fixedTimestamp`` (reproducible-build practice;
/// a run's time is in none of its outputs), and rows are written in order in one transaction per
/// layer.
///
/// - Note: Thread-safe.
public enum GeoPackageWriter {
    /// The timestamp written where GDAL would write the time of writing.
    public static let fixedTimestamp = "2000-01-01T00:00:00.000Z"

    /// A field's type in the GeoPackage.
    public enum FieldType: Sendable, Equatable {
        /// INTEGER (64-bit).
        case integer
        /// REAL.
        case real
        /// TEXT.
        case text
        /// BOOLEAN (an INTEGER 0 or 1 that GDAL and QGIS read as a boolean).
        case boolean
        /// TEXT holding JSON (arrays and objects), subtype JSON.
        case json
    }

    /// The kind of geometry of a layer's features.
    public enum GeometryType: Sendable, Equatable {
        case point, lineString, polygon, multiPolygon
        /// Features of mixed kinds.
        case any
    }

    /// A QGIS style stored in `layer_styles` as the layer's default.
    public struct Style: Sendable {
        /// The style's name, as QGIS lists it.
        public var name: String
        /// The style as QGIS's QML document.
        public var qml: String

        public init(name: String, qml: String) {
            self.name = name
            self.qml = qml
        }
    }

    /// One layer or attribute table.
    public struct Layer: Sendable {
        /// The table's name.
        public var name: String
        /// The kind of geometry; nil for an attribute table (no geometry).
        public var geometry: GeometryType?
        /// The fields, in order.
        public var fields: [(name: String, type: FieldType)]
        /// The rows: one value per field (null for none) and, for a layer, a geometry (lon/lat).
        public var rows: [(values: [JSONValue], geometry: Shape?)]
        /// The layer's default QGIS style, when it has one.
        public var style: Style?

        public init(
            name: String, geometry: GeometryType?, fields: [(name: String, type: FieldType)], rows: [(values: [JSONValue], geometry: Shape?)],
            style: Style? = nil
        ) {
            self.name = name
            self.geometry = geometry
            self.fields = fields
            self.rows = rows
            self.style = style
        }
    }

    /// The bytes of a GeoPackage of `layers` (in order, then `layer_styles` when a layer has a style).
    ///
    /// - Throws: ``RasterError/writeFailed(path:message:)`` naming `name`, the layer and the row
    ///   when GDAL refuses one, or a value does not fit its field.
    public static func bytes(layers: [Layer], name: String) throws(RasterError) -> [UInt8] {
        let path = MemoryFile.uniquePath(name: "output.gpkg")
        defer { _ = GDALCall.run { _ in VSIUnlink(path) } }
        let failure: String? = GDALCall.run { messages -> String? in
            withThreadLocalConfig("OGR_CURRENT_DATE", fixedTimestamp) { write(layers, to: path, name: name, messages: messages) }
        }
        if let failure { throw .writeFailed(path: name, message: failure) }
        return try MemoryFile.contents(of: path, name: name)
    }

    /// Writes the GeoPackage at the /vsimem/ `path`; returns why it failed, or nil.
    private static func write(_ layers: [Layer], to path: String, name: String, messages: GDALMessages) -> String? {
        guard let driver = GDALGetDriverByName("GPKG"), let created = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil) else {
            return messages.summary(or: "GDAL could not create a GeoPackage")
        }
        let dataset = Dataset(owning: created, displayPath: name)
        let wgs84 = OSRNewSpatialReference(nil)!
        defer { OSRRelease(wgs84) }
        _ = OSRImportFromEPSG(wgs84, 4326)
        OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER)
        var all = layers
        let styled = layers.compactMap { layer in layer.style.map { (layer, $0) } }
        if !styled.isEmpty { all.append(styleTable(styled)) }
        for layer in all {
            if let problem = write(layer, into: created, wgs84: wgs84, messages: messages) {
                _ = dataset.close()
                return "layer \(layer.name): \(problem)"
            }
        }
        let closing = dataset.close()
        return closing.isEmpty && messages.failures.isEmpty ? nil : messages.summary(or: closing.joined(separator: "; "))
    }

    /// QGIS's `layer_styles` table: a row per styled layer, its default style.
    private static func styleTable(_ styled: [(Layer, Style)]) -> Layer {
        let fields: [(name: String, type: FieldType)] = [
            ("f_table_catalog", .text), ("f_table_schema", .text), ("f_table_name", .text), ("f_geometry_column", .text), ("styleName", .text),
            ("styleQML", .text), ("styleSLD", .text), ("useAsDefault", .boolean), ("description", .text), ("owner", .text), ("ui", .text),
            ("update_time", .text),
        ]
        let rows = styled.map { layer, style -> (values: [JSONValue], geometry: Shape?) in
            (
                [
                    .string(""), .string(""), .string(layer.name), .string("geom"), .string(style.name), .string(style.qml), .string(""), .bool(true),
                    .string(style.name), .string(""), .null, .string(fixedTimestamp),
                ], nil
            )
        }
        return Layer(name: "layer_styles", geometry: nil, fields: fields, rows: rows)
    }

    /// Writes one layer; returns why it failed, or nil.
    private static func write(_ layer: Layer, into dataset: GDALDatasetH, wgs84: OGRSpatialReferenceH, messages: GDALMessages) -> String? {
        let type: OGRwkbGeometryType =
            switch layer.geometry {
            case nil: wkbNone
            case .point?: wkbPoint
            case .lineString?: wkbLineString
            case .polygon?: wkbPolygon
            case .multiPolygon?: wkbMultiPolygon
            case .any?: wkbUnknown
            }
        let options = layer.geometry == nil ? ["FID=fid"] : ["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"]
        let created = withCStringList(options) { GDALDatasetCreateLayer(dataset, layer.name, layer.geometry == nil ? nil : wgs84, type, $0.csl) }
        guard let created else { return messages.summary(or: "GDAL could not create it") }
        for field in layer.fields {
            guard let definition = OGR_Fld_Create(field.name, fieldType(field.type)) else { return "GDAL could not define field \(field.name)" }
            defer { OGR_Fld_Destroy(definition) }
            switch field.type {
            case .boolean: OGR_Fld_SetSubType(definition, OFSTBoolean)
            case .json: OGR_Fld_SetSubType(definition, OFSTJSON)
            default: break
            }
            guard OGR_L_CreateField(created, definition, 0) == OGRERR_NONE else { return messages.summary(or: "GDAL could not create field \(field.name)") }
        }
        guard OGR_L_StartTransaction(created) == OGRERR_NONE else { return messages.summary(or: "GDAL could not start a transaction") }
        let definition = OGR_L_GetLayerDefn(created)
        for (index, row) in layer.rows.enumerated() {
            guard let feature = OGR_F_Create(definition) else { return "GDAL could not make row \(index)" }
            defer { OGR_F_Destroy(feature) }
            for (position, (field, value)) in zip(layer.fields, row.values).enumerated() {
                if let problem = set(value, of: field.type, at: Int32(position), in: feature) { return "row \(index): field \(field.name): \(problem)" }
            }
            if let shape = row.geometry {
                guard let geometry = makeGeometry(shape) else { return "row \(index): the geometry cannot be written" }
                OGR_G_AssignSpatialReference(geometry, wgs84)
                guard OGR_F_SetGeometryDirectly(feature, geometry) == OGRERR_NONE else { return "row \(index): GDAL refused the geometry" }
            }
            guard OGR_L_CreateFeature(created, feature) == OGRERR_NONE else { return "row \(index): \(messages.summary(or: "GDAL refused it"))" }
        }
        return OGR_L_CommitTransaction(created) == OGRERR_NONE ? nil : messages.summary(or: "GDAL could not commit the rows")
    }

    private static func fieldType(_ type: FieldType) -> OGRFieldType {
        switch type {
        case .integer: OFTInteger64
        case .real: OFTReal
        case .text, .json: OFTString
        case .boolean: OFTInteger
        }
    }

    /// Sets a field; returns why the value does not fit, or nil.
    private static func set(_ value: JSONValue, of type: FieldType, at index: Int32, in feature: OGRFeatureH) -> String? {
        switch (type, value) {
        case (_, .null): OGR_F_SetFieldNull(feature, index)
        case (.integer, .number(let number)):
            guard number.rounded() == number, abs(number) < 9.2e18 else { return "expected a whole number, found \(number)" }
            OGR_F_SetFieldInteger64(feature, index, Int64(number))
        case (.real, .number(let number)):
            guard number.isFinite else { return "expected a finite number, found \(number)" }
            OGR_F_SetFieldDouble(feature, index, number)
        case (.boolean, .bool(let flag)): OGR_F_SetFieldInteger(feature, index, flag ? 1 : 0)
        case (.text, .string(let text)): OGR_F_SetFieldString(feature, index, text)
        case (.json, _), (.text, _):
            guard let text = try? value.jsonText() else { return "a NaN or infinite number cannot be written as JSON" }
            OGR_F_SetFieldString(feature, index, text)
        default: return "expected \(type), found \(value.typeName)"
        }
        return nil
    }

    /// An OGR geometry of a shape (owned by the caller), nil for an empty or unknown one.
    private static func makeGeometry(_ shape: Shape) -> OGRGeometryH? {
        func line(_ type: OGRwkbGeometryType, _ points: [Coordinate]) -> OGRGeometryH? {
            guard let geometry = OGR_G_CreateGeometry(type) else { return nil }
            for point in points { OGR_G_AddPoint_2D(geometry, point.x, point.y) }
            return geometry
        }
        func collection(_ type: OGRwkbGeometryType, _ parts: [OGRGeometryH?]) -> OGRGeometryH? {
            guard let geometry = OGR_G_CreateGeometry(type) else { return nil }
            for part in parts {
                guard let part, OGR_G_AddGeometryDirectly(geometry, part) == OGRERR_NONE else {
                    OGR_G_DestroyGeometry(geometry)
                    return nil
                }
            }
            return geometry
        }
        func polygon(_ polygon: Shape.Polygon) -> OGRGeometryH? { collection(wkbPolygon, polygon.rings.map { line(wkbLinearRing, $0) }) }
        switch shape {
        case .point(let point?):
            let geometry = OGR_G_CreateGeometry(wkbPoint)
            if let geometry { OGR_G_SetPoint_2D(geometry, 0, point.x, point.y) }
            return geometry
        case .point(nil): return OGR_G_CreateGeometry(wkbPoint)
        case .multiPoint(let points): return collection(wkbMultiPoint, points.map { makeGeometry(.point($0)) })
        case .lineString(let points): return line(wkbLineString, points)
        case .multiLineString(let lines): return collection(wkbMultiLineString, lines.map { line(wkbLineString, $0) })
        case .polygon(let shape): return polygon(shape)
        case .multiPolygon(let shapes): return collection(wkbMultiPolygon, shapes.map(polygon))
        case .geometryCollection(let members): return collection(wkbGeometryCollection, members.map(makeGeometry))
        }
    }
}
