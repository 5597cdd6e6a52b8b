import GeometryKit

/// One feature of a GeoJSON layer.
public struct GeoJSONFeature: Sendable {
    /// The feature's position in the file's `features` array, 0-based.
    public let index: Int
    /// The feature's top-level `id` member, when it has one.
    public let id: JSONValue?
    /// The feature's `properties` (empty when null or absent).
    public let properties: JSONObject
    /// The geometry in WGS 84 lon/lat; nil for a null geometry or one that could not be built
    /// (the layer's ``GeoJSONLayer/problems`` then says why).
    public let geometry: Shape?

    /// A feature read from another format (RasterIO's OGR reader).
    package init(index: Int, id: JSONValue?, properties: JSONObject, geometry: Shape?) {
        self.index = index
        self.id = id
        self.properties = properties
        self.geometry = geometry
    }
}

/// A GeoJSON layer read from a file, geometries in WGS 84: a FeatureCollection, or (as RFC 7946
/// allows any GeoJSON object as the document) a single Feature or a bare geometry object, each read
/// as a layer of one feature (a bare geometry's feature has no properties and no id).
///
/// Reading is lenient about individual geometries and strict about the document: a file that is
/// not JSON, or not one of those objects, throws an ``InputError`` naming the position; a feature
/// whose geometry is malformed (a ring that is not closed, a position that is not two numbers)
/// is kept with a nil geometry and its problem listed in ``problems``, so that one bad feature
/// does not hide the rest. Callers decide whether problems stop the work.
public struct GeoJSONLayer: Sendable {
    /// The path as given.
    public let file: String
    /// The size and SHA-256 of the bytes parsed.
    public let checksum: FileChecksum
    /// The features, in file order.
    public let features: [GeoJSONFeature]
    /// The CRS the coordinates were read in, when not WGS 84: a legacy `crs` member or the
    /// override passed to ``read(path:sourceCRS:)``. Geometries have been transformed to WGS 84.
    public let sourceCRS: String?
    /// Features whose geometry could not be built, with the reason.
    public let problems: [InputError]

    /// A layer read from another format (RasterIO's OGR reader: Shapefile, GeoPackage, …).
    package init(file: String, checksum: FileChecksum, features: [GeoJSONFeature], sourceCRS: String?, problems: [InputError]) {
        self.file = file
        self.checksum = checksum
        self.features = features
        self.sourceCRS = sourceCRS
        self.problems = problems
    }

    /// Reads the GeoJSON file at `path`. When `sourceCRS` is given (e.g. "EPSG:32648") it
    /// overrides any `crs` member; coordinates are transformed from it to WGS 84 with PROJ.
    public static func read(path: String, sourceCRS: String? = nil) throws -> GeoJSONLayer {
        try parse(InputFile.read(path: path), sourceCRS: sourceCRS)
    }

    /// Reads a GeoJSON document held in memory; `file` names it in messages.
    public static func parse(_ bytes: [UInt8], file: String, sourceCRS: String? = nil) throws -> GeoJSONLayer {
        try parse(InputFile(path: file, bytes: bytes), sourceCRS: sourceCRS)
    }

    /// Reads the GeoJSON document of `input`.
    ///
    /// The features are built one at a time as the parser meets them (``JSONParser/parse(_:streaming:to:)``),
    /// so that the document's tree of values, several times the size of the file, is never held
    /// whole. Their geometries are transformed once the whole document, and so its `crs` member,
    /// is known; and a feature that is not a Feature is reported only once the document is known
    /// to be JSON and a FeatureCollection, as if the document had been read first.
    public static func parse(_ input: InputFile, sourceCRS: String? = nil) throws -> GeoJSONLayer {
        let file = input.path
        var streamed: [(feature: GeoJSONFeature, problem: InputError?)] = []
        var streamedError: InputError?
        let document: JSONValue
        do throws(JSONSyntaxError) {
            document = try JSONParser.parse(input.bytes, streaming: "features") { index, value in
                guard streamedError == nil else { return }
                do throws(InputError) {
                    streamed.append(try feature(value, index: index, file: file))
                } catch {
                    streamedError = error
                }
            }
        } catch {
            throw InputError(
                file: file, location: .position(line: error.line, column: error.column),
                reason: "not valid JSON: \(error.reason)")
        }
        guard let root = document.objectValue else {
            throw InputError(file: file, reason: "expected a GeoJSON FeatureCollection object, found \(document.typeName)")
        }
        // The one feature of a document that is not a collection.
        let single: JSONValue?
        switch root["type"]?.stringValue {
        case "FeatureCollection":
            guard root["features"]?.arrayValue != nil else {
                throw InputError(file: file, field: "features", reason: "expected an array of features, found \(root["features"]?.typeName ?? "nothing")")
            }
            single = nil
        case "Feature":
            single = document
        case let type? where GeoJSONShapeBuilder.geometryTypes.contains(type):
            // Its geometry problems are then located at `geometry`, as a feature's are.
            single = .object(JSONObject([("type", .string("Feature")), ("properties", .null), ("geometry", document)]))
        case let other:
            throw InputError(
                file: file, field: "type",
                reason: "expected \"FeatureCollection\", \"Feature\" or a geometry type (\(GeoJSONShapeBuilder.geometryTypes.joined(separator: ", "))), found "
                    + (other.map { "\"\($0)\"" } ?? root["type"]?.typeName ?? "no type member"))
        }

        // An override is read like a `crs` member, so that "EPSG:4326" or "OGC:CRS84" mean no transformation.
        let crs: String?
        if let sourceCRS {
            crs = CRSName.normalized(sourceCRS)
        } else {
            crs = try legacyCRS(root, file: file)
        }
        let transform: CoordinateTransform?
        do {
            transform = try crs.map { try CoordinateTransform.toWGS84(from: $0) }
        } catch {
            throw InputError(file: file, field: sourceCRS == nil ? "crs" : nil, reason: "unknown coordinate reference system \(crs ?? ""): \(error)")
        }

        // A single Feature's or geometry's own `features` member, if it has one, is a foreign
        // member: what was streamed from it is dropped.
        var read = streamed
        if let single {
            read = [try feature(single, index: 0, file: file)]
        } else if let streamedError {
            throw streamedError
        }
        streamed = []
        if let transform {
            for position in read.indices {
                guard read[position].problem == nil, let geometry = read[position].feature.geometry else { continue }
                let feature = read[position].feature
                do {
                    read[position].feature = GeoJSONFeature(
                        index: feature.index, id: feature.id, properties: feature.properties, geometry: try transform.apply(to: geometry))
                } catch {
                    read[position].feature = GeoJSONFeature(index: feature.index, id: feature.id, properties: feature.properties, geometry: nil)
                    read[position].problem = InputError(file: file, location: .feature(feature.index), field: "geometry", reason: "\(error)")
                }
            }
        }
        return GeoJSONLayer(
            file: file, checksum: input.checksum, features: read.map(\.feature), sourceCRS: crs, problems: read.compactMap(\.problem))
    }

    /// The feature `value` at `index` of the file, its geometry as written (not yet transformed),
    /// and the reason its geometry could not be built, if it could not.
    /// - Throws: ``InputError`` when `value` is not a Feature object or its properties not an object.
    private static func feature(_ value: JSONValue, index: Int, file: String) throws(InputError) -> (feature: GeoJSONFeature, problem: InputError?) {
        guard let object = value.objectValue, object["type"]?.stringValue == "Feature" else {
            let found = value.objectValue.map { $0["type"]?.brief ?? "an object without a \"type\" member" } ?? value.typeName
            throw InputError(
                file: file, location: .feature(index), field: "type",
                reason: "expected a Feature object, found \(found)")
        }
        let properties: JSONObject
        switch object["properties"] {
        case .object(let members): properties = members
        case .null, nil: properties = JSONObject()
        case let other?:
            throw InputError(file: file, location: .feature(index), field: "properties", reason: "expected an object or null, found \(other.typeName)")
        }
        var geometry: Shape?
        var problem: InputError?
        do {
            switch object["geometry"] {
            case .null: geometry = nil
            case nil: throw GeoJSONGeometryProblem(path: "geometry", reason: "missing (a Feature must have a geometry member, null if it has none)")
            case let geometryValue?: geometry = try GeoJSONShapeBuilder.build(geometryValue, path: "geometry")
            }
        } catch let built as GeoJSONGeometryProblem {
            problem = InputError(file: file, location: .feature(index), field: built.path, reason: built.reason)
        } catch {
            problem = InputError(file: file, location: .feature(index), field: "geometry", reason: "\(error)")
        }
        // `"id": null` (written by some tools) means no identifier, as an absent member does.
        let id = object["id"].flatMap { $0.isNull ? nil : $0 }
        return (GeoJSONFeature(index: index, id: id, properties: properties, geometry: geometry), problem)
    }

    /// The CRS named by a legacy (GeoJSON 2008) `crs` member, or nil for WGS 84 lon/lat.
    private static func legacyCRS(_ root: JSONObject, file: String) throws -> String? {
        guard let crs = root["crs"], !crs.isNull else { return nil }
        guard let name = crs.objectValue?["properties"]?.objectValue?["name"]?.stringValue else {
            throw InputError(file: file, field: "crs.properties.name", reason: "expected a named CRS such as \"urn:ogc:def:crs:EPSG::32648\"")
        }
        return CRSName.normalized(name)
    }
}
