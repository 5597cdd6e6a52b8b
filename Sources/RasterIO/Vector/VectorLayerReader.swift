internal import CGDAL
import GeoIO
import GeometryKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The features of a vector layer read with GDAL's vector API (OGR) as the ``GeoJSONLayer`` GeoIO's
/// GeoJSON reader gives (its records are what the loaders read): fields as JSON values (whole numbers and reals as
/// numbers, booleans as booleans, lists as arrays, a GeoPackage's JSON fields parsed, OGR's text
/// form of a list, `(2:epi,delivery)`, and a JSON array in a text field read back as the list),
/// geometries in WGS 84
/// longitude/latitude from the layer's own CRS (or the one the caller gives for a layer without
/// one), text decoded from the encoding the Shapefile's `.cpg` names.
///
/// The files are read once into memory and GDAL opens those copies: the checksum is of exactly the
/// bytes parsed (a Shapefile's: of its `.shp`, `.shx`, `.dbf`, `.prj` and `.cpg`, in that order),
/// named as the layer was (`layers.gpkg:villages`).
///
/// - Note: Thread-safe.
public enum VectorLayerReader {
    /// The features of `source`, with the checksum of its files.
    ///
    /// - Parameter sourceCRS: a CRS GDAL understands ("EPSG:32648", WKT, PROJ), which overrides
    ///   the layer's; needed for a layer that has none.
    /// - Throws: ``InputError``, naming the file (and the layer): `.unreadable` (exit 66) when it or
    ///   a Shapefile's `.shx` or `.dbf` is missing; `.invalid` (65) when GDAL cannot read it as a
    ///   vector layer, the layer is not chosen among several or does not exist, the layer has no
    ///   CRS and none is given, a CRS is unknown, the `.cpg` names an encoding this system cannot
    ///   decode, a zip holds no Shapefile or several, or GDAL stops reading before the end.
    public static func read(_ source: VectorSource, sourceCRS: String? = nil) throws -> GeoJSONLayer {
        let files = try companionFiles(of: source.path)
        let loaded = try files.map { try InputFile.read(path: $0) }
        let checksum = FileChecksum(
            path: source.layer.map { "\(source.path):\($0)" } ?? source.path, byteCount: loaded.reduce(0) { $0 + $1.bytes.count },
            sha256: SHA256Digest.hex(loaded.flatMap(\.bytes)))
        let folder = MemoryFolder(loaded.map { ($0.path, $0.bytes) })
        var gdalPath = folder.path + (source.path.split(separator: "/").last.map(String.init) ?? "")
        if VectorSource.fileExtension(source.path) == "zip" {
            gdalPath = try shapefileInZip("/vsizip/" + gdalPath, file: source.path)
        }
        return try withExtendedLifetime(folder) { try read(gdalPath: gdalPath, source: source, sourceCRS: sourceCRS, checksum: checksum) }
    }

    /// The names of the layers of the file at `path` (a GeoPackage's tables), in GDAL's order.
    /// - Throws: ``InputError`` when the file cannot be read or is not a vector file GDAL reads.
    public static func layerNames(path: String) throws -> [String] {
        let loaded = try InputFile.read(path: path)
        let folder = MemoryFolder([(path, loaded.bytes)])
        let gdalPath = folder.path + (path.split(separator: "/").last.map(String.init) ?? "")
        return try withExtendedLifetime(folder) {
            let flags = UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY)
            let opened = GDALCall.run { _ in withCStringList(VectorSource.drivers) { GDALOpenEx(gdalPath, flags, $0.const, nil, nil) } }
            guard let opened else { throw InputError(file: path, reason: "not a vector layer GDAL can read") }
            let dataset = Dataset(owning: opened, displayPath: path)
            defer { _ = dataset.close() }
            return (0..<GDALDatasetGetLayerCount(opened)).compactMap { index in
                GDALDatasetGetLayer(opened, index).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
            }
        }
    }

    // MARK: files

    /// The file and, for a Shapefile, its companions beside it (the `.shx` and `.dbf` it needs,
    /// the `.prj` and `.cpg` when there), whatever the case of their extensions.
    static func companionFiles(of path: String) throws -> [String] {
        guard VectorSource.fileExtension(path) == "shp" else { return [path] }
        let stem = String(path.dropLast(4))
        var files = [path]
        for (companion, required) in [("shx", true), ("dbf", true), ("prj", false), ("cpg", false)] {
            if let found = [companion, companion.uppercased()].map({ stem + "." + $0 }).first(where: { access($0, F_OK) == 0 }) {
                files.append(found)
            } else if required, access(path, F_OK) == 0 {
                throw InputError(
                    file: path, reason: "the Shapefile has no .\(companion) beside it (expected \(stem).\(companion): a Shapefile is its .shp, .shx and .dbf)",
                    category: .unreadable)
            }
        }
        return files
    }

    /// The one Shapefile inside the zip at `gdalZip` (a /vsizip/ path).
    private static func shapefileInZip(_ gdalZip: String, file: String) throws -> String {
        let listed = GDALCall.run { _ in
            guard let list = VSIReadDirRecursive(gdalZip) else { return [String]() }
            defer { CSLDestroy(list) }
            return (0..<Int(CSLCount(list))).compactMap { list[$0].map { String(cString: $0) } }
        }
        let shapefiles = listed.filter { VectorSource.fileExtension($0) == "shp" }.sorted()
        guard shapefiles.count == 1, let shapefile = shapefiles.first else {
            let found = shapefiles.isEmpty ? "none" : "\(shapefiles.count): \(shapefiles.joined(separator: ", "))"
            throw InputError(file: file, reason: "expected a zip holding one Shapefile, found \(found)")
        }
        let stem = String(shapefile.dropLast(4)).lowercased()
        for companion in ["shx", "dbf"] where !listed.contains(where: { $0.lowercased() == stem + "." + companion }) {
            throw InputError(file: file, reason: "\(shapefile) has no .\(companion) beside it in the zip (a Shapefile is its .shp, .shx and .dbf)")
        }
        return gdalZip + "/" + shapefile
    }

    // MARK: layer

    private static func read(gdalPath: String, source: VectorSource, sourceCRS: String?, checksum: FileChecksum) throws -> GeoJSONLayer {
        let file = source.path
        let flags = UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)
        let (opened, openMessage) = GDALCall.run { messages in
            let handle = withCStringList(VectorSource.drivers) { GDALOpenEx(gdalPath, flags, $0.const, nil, nil) }
            return (handle, messages.summary(or: "no vector driver recognises it").replacing(gdalPath, with: file))
        }
        guard let opened else { throw InputError(file: file, reason: "not a vector layer GDAL can read (\(openMessage))") }
        let dataset = Dataset(owning: opened, displayPath: file)
        defer { _ = dataset.close() }

        let names = (0..<GDALDatasetGetLayerCount(opened)).compactMap { index in
            GDALDatasetGetLayer(opened, index).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
        let layer: OGRLayerH
        if let chosen = source.layer {
            guard let found = chosen.withCString({ GDALDatasetGetLayerByName(opened, $0) }) else {
                throw InputError(
                    file: file, reason: "no layer \"\(chosen)\" (its layers: \(names.joined(separator: ", ")))",
                    suggestion: ClosestName.suggestion(for: chosen, among: names).map { "did you mean \($0)?" })
            }
            layer = found
        } else {
            guard names.count == 1, let only = GDALDatasetGetLayer(opened, 0) else {
                throw InputError(
                    file: file,
                    reason: names.isEmpty
                        ? "the file holds no layer" : "the file holds \(names.count) layers (\(names.joined(separator: ", "))): choose one as \(file):LAYER")
            }
            layer = only
        }
        let place = source.layer.map { "\(file):\($0)" } ?? file
        let transform = try LayerTransform(layer: layer, sourceCRS: sourceCRS, file: place)
        defer { transform.release() }

        let definition = OGR_L_GetLayerDefn(layer)
        let fields = (0..<OGR_FD_GetFieldCount(definition)).map { index in
            let field = OGR_FD_GetFieldDefn(definition, index)
            return (name: String(cString: OGR_Fld_GetNameRef(field)), type: OGR_Fld_GetType(field), subtype: OGR_Fld_GetSubType(field))
        }
        var features: [GeoJSONFeature] = []
        var problems: [InputError] = []
        // A Shapefile whose .cpg names an encoding GDAL cannot decode would be read undecoded.
        if let named = GDALGetMetadataItem(layer, "CPG_VALUE", "SHAPEFILE").map({ String(cString: $0) }), !named.isEmpty,
            GDALGetMetadataItem(layer, "SOURCE_ENCODING", "SHAPEFILE").map({ String(cString: $0) })?.isEmpty ?? true
        {
            throw InputError(
                file: encodingFile(file),
                reason: "names the encoding \"\(named)\", which GDAL cannot decode here (expected one such as UTF-8, CP1252 or ISO-8859-1)")
        }
        let failures = try GDALCall.run { messages throws -> [String] in
            OGR_L_ResetReading(layer)
            while let feature = OGR_L_GetNextFeature(layer) {
                defer { OGR_F_Destroy(feature) }
                let index = features.count
                var members: [(key: String, value: JSONValue)] = []
                for (position, field) in fields.enumerated() {
                    members.append((field.name, try value(feature, Int32(position), field.type, field.subtype, file: place, index: index)))
                }
                var shape: Shape?
                if let geometry = OGR_F_GetGeometryRef(feature) {
                    do {
                        shape = try transform.shape(of: geometry)
                    } catch {
                        problems.append(InputError(file: place, location: .feature(index), field: "geometry", reason: "\(error)"))
                    }
                }
                features.append(GeoJSONFeature(index: index, id: nil, properties: JSONObject(members), geometry: shape))
            }
            return messages.failures
        }
        // A truncated or corrupt file can end the reading early: not a layer of fewer features.
        if !failures.isEmpty {
            throw InputError(
                file: place, location: .feature(features.count),
                reason: "cannot be read past here: \(failures.joined(separator: "; ")) (a truncated or corrupt file?)")
        }
        return GeoJSONLayer(file: place, checksum: checksum, features: features, sourceCRS: transform.sourceName, problems: problems)
    }

    /// The file that names a layer's encoding: the Shapefile's `.cpg` when there is one.
    private static func encodingFile(_ path: String) -> String {
        guard VectorSource.fileExtension(path) == "shp" else { return path }
        let stem = String(path.dropLast(4))
        return ["cpg", "CPG"].map { stem + "." + $0 }.first { access($0, F_OK) == 0 } ?? path
    }

    /// A field's value as JSON: null when unset.
    private static func value(
        _ feature: OGRFeatureH, _ index: Int32, _ type: OGRFieldType, _ subtype: OGRFieldSubType, file: String, index record: Int
    ) throws -> JSONValue {
        guard OGR_F_IsFieldSetAndNotNull(feature, index) != 0 else { return .null }
        func text() throws -> String {
            let pointer = OGR_F_GetFieldAsString(feature, index)!
            guard let text = String(validatingCString: pointer) else {
                let name = String(cString: OGR_Fld_GetNameRef(OGR_F_GetFieldDefnRef(feature, index)))
                throw InputError(
                    file: file, location: .feature(record), field: name, reason: "the text is not valid UTF-8 (a Shapefile's .cpg names its encoding)")
            }
            return text
        }
        switch type {
        case OFTInteger where subtype == OFSTBoolean: return .bool(OGR_F_GetFieldAsInteger(feature, index) != 0)
        case OFTInteger, OFTInteger64: return .number(Double(OGR_F_GetFieldAsInteger64(feature, index)))
        case OFTReal: return .number(OGR_F_GetFieldAsDouble(feature, index))
        case OFTString where subtype == OFSTJSON:
            let json = try text()
            return (try? JSONParser.parse(json)) ?? .string(json)
        case OFTIntegerList, OFTInteger64List:
            var count: Int32 = 0
            let values = OGR_F_GetFieldAsInteger64List(feature, index, &count)
            return .array((0..<Int(count)).map { .number(Double(values![$0])) })
        case OFTRealList:
            var count: Int32 = 0
            let values = OGR_F_GetFieldAsDoubleList(feature, index, &count)
            return .array((0..<Int(count)).map { .number(values![$0]) })
        case OFTStringList:
            let list = OGR_F_GetFieldAsStringList(feature, index)
            return .array((0..<Int(CSLCount(list))).compactMap { list?[$0].map { .string(String(cString: $0)) } })
        default:
            let text = try text()
            if let entries = listText(text) { return .array(entries.map(JSONValue.string)) }
            // A JSON array written as text where the format has no JSON fields (a Shapefile).
            if text.hasPrefix("["), text.hasSuffix("]"), case .array(let values)? = try? JSONParser.parse(text) { return .array(values) }
            return .string(text)
        }
    }

    /// The entries of OGR's text form of a list, `(2:epi,delivery)`, which is what ogr2ogr writes
    /// a list field as into a format without lists (Shapefile, GeoPackage); nil for other text,
    /// and for a text whose count does not match its entries.
    static func listText(_ text: String) -> [String]? {
        guard text.hasPrefix("("), text.hasSuffix(")"), let colon = text.firstIndex(of: ":"),
            let count = Int(text[text.index(after: text.startIndex)..<colon])
        else { return nil }
        let body = text[text.index(after: colon)..<text.index(before: text.endIndex)]
        let entries = body.isEmpty ? [] : body.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return entries.count == count ? entries : nil
    }
}

/// How a layer's geometries reach WGS 84 longitude/latitude: its CRS (or the caller's), and the
/// transformation from it (none when it is WGS 84 already).
private struct LayerTransform {
    let transformation: OGRCoordinateTransformationH?
    /// The CRS transformed from ("EPSG:32648", else its name), nil when none was needed.
    private(set) var sourceName: String?

    init(layer: OGRLayerH, sourceCRS: String?, file: String) throws {
        let wgs84 = OSRNewSpatialReference(nil)!
        defer { OSRRelease(wgs84) }
        _ = OSRImportFromEPSG(wgs84, 4326)
        OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER)
        var owned: OGRSpatialReferenceH?
        defer { if let owned { OSRRelease(owned) } }
        let source: OGRSpatialReferenceH?
        if let sourceCRS {
            let reference = OSRNewSpatialReference(nil)!
            owned = reference
            let failure = GDALCall.run { messages in
                OSRSetFromUserInput(reference, sourceCRS) == OGRERR_NONE ? nil : messages.summary(or: "not one GDAL knows")
            }
            if let failure { throw InputError(file: file, reason: "unknown coordinate reference system \(sourceCRS): \(failure)") }
            source = reference
        } else {
            source = OGR_L_GetSpatialRef(layer)
        }
        let hasGeometry = OGR_L_GetGeomType(layer) != wkbNone
        guard let source else {
            guard !hasGeometry else {
                throw InputError(
                    file: file,
                    reason: "the layer has no coordinate reference system (a Shapefile without its .prj?): name one with --crs")
            }
            transformation = nil
            return
        }
        OSRSetAxisMappingStrategy(source, OAMS_TRADITIONAL_GIS_ORDER)
        if OSRIsSame(source, wgs84) != 0 {
            transformation = nil
            return
        }
        let authority = OSRGetAuthorityName(source, nil).map { String(cString: $0) }, code = OSRGetAuthorityCode(source, nil).map { String(cString: $0) }
        sourceName = authority.flatMap { name in code.map { "\(name):\($0)" } } ?? OSRGetName(source).map { String(cString: $0) } ?? "its own"
        let made = GDALCall.run { messages in (OCTNewCoordinateTransformation(source, wgs84), messages.summary(or: "PROJ has no transformation to WGS 84")) }
        guard let transformation = made.0 else {
            throw InputError(file: file, reason: "the coordinate reference system cannot be brought to WGS 84: \(made.1)")
        }
        self.transformation = transformation
    }

    func release() {
        if let transformation { OCTDestroyCoordinateTransformation(transformation) }
    }

    /// The geometry in WGS 84, curves made straight.
    func shape(of geometry: OGRGeometryH) throws -> Shape {
        let linear = OGR_G_HasCurveGeometry(geometry, 0) != 0 ? OGR_G_GetLinearGeometry(geometry, 0, nil) : OGR_G_Clone(geometry)
        guard let linear else { throw GeometryConversionError(reason: "GDAL could not copy the geometry") }
        defer { OGR_G_DestroyGeometry(linear) }
        if let transformation {
            let failure = GDALCall.run { messages in
                OGR_G_Transform(linear, transformation) == OGRERR_NONE ? nil : messages.summary(or: "a point cannot be brought to WGS 84")
            }
            if let failure { throw GeometryConversionError(reason: failure) }
        }
        return try Self.shape(linear)
    }

    /// Twice the signed area of a closed ring (shoelace), positive when counter-clockwise.
    private static func signedArea(_ ring: [Coordinate]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + ($1.0.x * $1.1.y - $1.1.x * $1.0.y) }
    }

    private static func shape(_ geometry: OGRGeometryH) throws -> Shape {
        func points(_ line: OGRGeometryH) -> [Coordinate] {
            (0..<OGR_G_GetPointCount(line)).map { Coordinate(x: OGR_G_GetX(line, $0), y: OGR_G_GetY(line, $0)) }
        }
        func parts(_ geometry: OGRGeometryH) -> [OGRGeometryH] {
            (0..<OGR_G_GetGeometryCount(geometry)).compactMap { OGR_G_GetGeometryRef(geometry, $0) }
        }
        // Exteriors counter-clockwise and holes clockwise, as RFC 7946 asks: a Shapefile stores
        // them the other way round.
        func polygon(_ geometry: OGRGeometryH) -> Shape.Polygon {
            Shape.Polygon(
                rings: parts(geometry).map(points).enumerated().map { index, ring in
                    (signedArea(ring) > 0) == (index == 0) ? ring : ring.reversed()
                })
        }
        switch OGR_GT_Flatten(OGR_G_GetGeometryType(geometry)) {
        case wkbPoint: return .point(OGR_G_IsEmpty(geometry) != 0 ? nil : points(geometry).first)
        case wkbMultiPoint: return .multiPoint(parts(geometry).flatMap(points))
        case wkbLineString: return .lineString(points(geometry))
        case wkbMultiLineString: return .multiLineString(parts(geometry).map(points))
        case wkbPolygon: return .polygon(polygon(geometry))
        case wkbMultiPolygon: return .multiPolygon(parts(geometry).map(polygon))
        case wkbGeometryCollection: return .geometryCollection(try parts(geometry).map(shape))
        case let other: throw GeometryConversionError(reason: "a \(String(cString: OGRGeometryTypeToName(other))) (expected a point, line or polygon)")
        }
    }
}

/// Why a geometry could not be read: its message is the record's geometry problem.
private struct GeometryConversionError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
