import GeoIO
import GeometryKit

/// What `coverage inspect` finds in a GeoJSON layer: counts, geometry types, extent, identifier
/// uniqueness, and every geometry that is null, empty, malformed, invalid or outside the
/// longitude/latitude range — each located by feature index and identifier.
public struct LayerInspection: Sendable, Encodable {
    /// A feature, by position and identifier.
    public struct FeatureReference: Sendable, Encodable, Equatable {
        public let featureIndex: Int
        public let id: String?
    }

    /// A feature whose geometry GEOS finds invalid.
    public struct InvalidGeometry: Sendable, Encodable, Equatable {
        public let featureIndex: Int
        public let id: String?
        public let reason: String
        /// `[lon, lat]` of the problem, when GEOS locates it.
        public let location: [Double]?
    }

    /// A feature whose geometry could not be read (not closed, not numbers, …).
    public struct MalformedGeometry: Sendable, Encodable, Equatable {
        public let featureIndex: Int
        public let field: String?
        public let reason: String
    }

    /// An identifier carried by more than one feature.
    public struct DuplicateIdentifier: Sendable, Encodable, Equatable {
        public let id: String
        public let featureIndices: [Int]
    }

    /// The first coordinate of a feature that is not a valid longitude/latitude.
    public struct OutOfRangeCoordinate: Sendable, Encodable, Equatable {
        public let featureIndex: Int
        public let id: String?
        public let coordinate: [Double]
    }

    /// A polygonal feature's geodesic area on WGS 84.
    public struct FeatureArea: Sendable, Encodable, Equatable {
        public let featureIndex: Int
        public let id: String?
        public let areaKm2: Double
    }

    public let file: String
    public let featureCount: Int
    /// Number of features per geometry type; `null` counts features without geometry.
    public let geometryTypes: [String: Int]
    /// `[min lon, min lat, max lon, max lat]` over every geometry, nil when there is none.
    public let boundingBox: [Double]?
    /// The CRS the file was read in when not WGS 84 (its geometries were reprojected).
    public let sourceCRS: String?
    /// The property names seen, in first-seen order.
    public let propertyNames: [String]
    /// Where identifiers were read: `id` (the feature member) or `properties.<name>`; nil if none.
    public let idField: String?
    public let distinctIds: Int
    public let featuresWithoutId: [FeatureReference]
    public let duplicateIds: [DuplicateIdentifier]
    public let nullGeometries: [FeatureReference]
    public let emptyGeometries: [FeatureReference]
    public let malformedGeometries: [MalformedGeometry]
    public let invalidGeometries: [InvalidGeometry]
    /// Every coordinate outside longitude [−180, 180], latitude [−90, 90], or not finite.
    public let outOfRangeCoordinateCount: Int
    public let outOfRangeCoordinates: [OutOfRangeCoordinate]
    /// True when every geometry is a Polygon or MultiPolygon.
    public let isPolygonLayer: Bool
    /// Sum of the polygons' geodesic areas in km² (polygon layers whose coordinates are all in range).
    public let geodesicAreaKm2: Double?
    public let featureAreasKm2: [FeatureArea]?

    /// True when nothing is wrong: no malformed, empty, null or invalid geometries, no duplicate
    /// or missing identifiers, no out-of-range coordinates.
    public var isClean: Bool {
        malformedGeometries.isEmpty && invalidGeometries.isEmpty && emptyGeometries.isEmpty && nullGeometries.isEmpty
            && duplicateIds.isEmpty && featuresWithoutId.isEmpty && outOfRangeCoordinateCount == 0
    }

    /// True when no feature carries the identifier field that was asked for (`--id-field`).
    public let idFieldMissing: Bool
    /// True when most coordinates are out of range but would be in range with longitude and
    /// latitude swapped: the layer was probably written [latitude, longitude].
    public let axesLookSwapped: Bool

    /// Property names tried, in order, when no identifier field is named and features have no `id`.
    /// A facility layer also carries `village_code` (where the facility was placed), so
    /// `facility_id` comes first.
    public static let conventionalIdFields = ["facility_id", "pcode", "village_code", "id", "code", "uuid"]

    /// Inspects `layer`. `idField` names the property holding identifiers, or `@id` for the
    /// feature `id` member (``LayerRecord/featureIdField``, as in a field mapping); by default the
    /// feature `id` member when any feature has one, else the first of ``conventionalIdFields``
    /// that every feature carries (or, failing that, that the first feature carries).
    ///
    /// The default differs from the loaders' on purpose: `inspect` reads any GeoJSON, where the
    /// feature `id` is the identifier RFC 7946 defines; the loaders read the role's field of the
    /// shipped schema (`village_code`, …), which the other layers' codes refer to, and take the
    /// feature `id` only when mapped to it (`--map villages.id=@id`).
    public init(_ layer: GeoJSONLayer, idField: String? = nil) throws {
        file = layer.file
        featureCount = layer.features.count
        sourceCRS = layer.sourceCRS
        var names: [String] = []
        var seenNames = Set<String>()
        for feature in layer.features {
            for key in feature.properties.keys where seenNames.insert(key).inserted { names.append(key) }
        }
        propertyNames = names

        let identifier = Self.identifierReader(layer, idField: idField)
        self.idField = identifier?.field
        idFieldMissing =
            idField.map { name in
                !layer.features.contains { name == LayerRecord.featureIdField ? $0.id != nil : $0.properties[name] != nil }
            } ?? false
        func reference(_ feature: GeoJSONFeature) -> FeatureReference {
            FeatureReference(featureIndex: feature.index, id: identifier?.read(feature))
        }

        var byId: [String: [Int]] = [:]
        var firstSeenIds: [String] = []
        var withoutId: [FeatureReference] = []
        if let identifier {
            for feature in layer.features {
                guard let id = identifier.read(feature) else {
                    withoutId.append(reference(feature))
                    continue
                }
                if byId[id] == nil { firstSeenIds.append(id) }
                byId[id, default: []].append(feature.index)
            }
        }
        distinctIds = byId.count
        featuresWithoutId = withoutId
        duplicateIds = firstSeenIds.compactMap { id in
            byId[id].flatMap { $0.count > 1 ? DuplicateIdentifier(id: id, featureIndices: $0) : nil }
        }

        malformedGeometries = layer.problems.map { problem in
            if case .feature(let index) = problem.location {
                MalformedGeometry(featureIndex: index, field: problem.field, reason: problem.reason)
            } else {
                MalformedGeometry(featureIndex: -1, field: problem.field, reason: problem.reason)
            }
        }
        let malformedIndices = Set(malformedGeometries.map(\.featureIndex))

        var types: [String: Int] = [:]
        var nulls: [FeatureReference] = []
        var empties: [FeatureReference] = []
        var invalids: [InvalidGeometry] = []
        var outOfRange: [OutOfRangeCoordinate] = []
        var outOfRangeCount = 0
        var box: Envelope?
        var allPolygonal = layer.features.contains { $0.geometry != nil }
        var allCoordinateCount = 0
        var swappedInRange = 0
        for feature in layer.features {
            guard let geometry = feature.geometry else {
                // Features without geometry do not decide the layer's kind; they are listed apart.
                types[malformedIndices.contains(feature.index) ? "malformed" : "null", default: 0] += 1
                if !malformedIndices.contains(feature.index) { nulls.append(reference(feature)) }
                continue
            }
            let kind = geometry.kind
            types[kind.rawValue, default: 0] += 1
            if !kind.isPolygonal { allPolygonal = false }
            allCoordinateCount += geometry.allCoordinates.count
            if geometry.isEmpty {
                empties.append(reference(feature))
                continue
            }
            let coordinates = geometry.allCoordinates
            let bad = coordinates.filter { !$0.isValidLonLat }
            swappedInRange += bad.filter { Coordinate(x: $0.y, y: $0.x).isValidLonLat }.count
            if let first = bad.first {
                outOfRangeCount += bad.count
                outOfRange.append(OutOfRangeCoordinate(featureIndex: feature.index, id: identifier?.read(feature), coordinate: [first.x, first.y]))
            }
            if let envelope = geometry.envelope {
                if box == nil { box = envelope } else { box!.expand(toInclude: envelope) }
            }
            // A point is valid whatever its (finite) position; anything else asks GEOS.
            if geometry.kind == .point || geometry.kind == .multiPoint { continue }
            let validity = try Geometry(geometry).validity()
            if !validity.isValid {
                invalids.append(
                    InvalidGeometry(
                        featureIndex: feature.index, id: identifier?.read(feature),
                        reason: validity.reason ?? "invalid",
                        location: validity.location.map { [$0.x, $0.y] }))
            }
        }
        geometryTypes = types
        nullGeometries = nulls
        emptyGeometries = empties
        invalidGeometries = invalids
        outOfRangeCoordinates = outOfRange
        outOfRangeCoordinateCount = outOfRangeCount
        boundingBox = box.map { [$0.minX, $0.minY, $0.maxX, $0.maxY] }
        isPolygonLayer = allPolygonal
        axesLookSwapped = outOfRangeCount * 2 > allCoordinateCount && swappedInRange == outOfRangeCount
        if allPolygonal && outOfRangeCount == 0 {
            var areas: [FeatureArea] = []
            for feature in layer.features {
                guard let geometry = feature.geometry else { continue }
                let squareMeters = try Geodesic.wgs84.areaPerimeter(of: Geometry(geometry)).areaSquareMeters
                areas.append(FeatureArea(featureIndex: feature.index, id: identifier?.read(feature), areaKm2: squareMeters / 1_000_000))
            }
            featureAreasKm2 = areas
            geodesicAreaKm2 = areas.reduce(0) { $0 + $1.areaKm2 }
        } else {
            featureAreasKm2 = nil
            geodesicAreaKm2 = nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case file, featureCount, geometryTypes, boundingBox
        case sourceCRS = "sourceCrs"
        case propertyNames, idField, idFieldMissing
        case distinctIds, featuresWithoutId, duplicateIds, nullGeometries, emptyGeometries, malformedGeometries
        case invalidGeometries, outOfRangeCoordinateCount, outOfRangeCoordinates, axesLookSwapped, isPolygonLayer
        case geodesicAreaKm2, featureAreasKm2, isClean
    }

    /// Every member, absent values written as `null` (never left out) so that scripts see them.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(featureCount, forKey: .featureCount)
        try container.encode(geometryTypes, forKey: .geometryTypes)
        try container.encode(boundingBox, forKey: .boundingBox)
        try container.encode(sourceCRS, forKey: .sourceCRS)
        try container.encode(propertyNames, forKey: .propertyNames)
        try container.encode(idField, forKey: .idField)
        try container.encode(idFieldMissing, forKey: .idFieldMissing)
        try container.encode(distinctIds, forKey: .distinctIds)
        try container.encode(featuresWithoutId, forKey: .featuresWithoutId)
        try container.encode(duplicateIds, forKey: .duplicateIds)
        try container.encode(nullGeometries, forKey: .nullGeometries)
        try container.encode(emptyGeometries, forKey: .emptyGeometries)
        try container.encode(malformedGeometries, forKey: .malformedGeometries)
        try container.encode(invalidGeometries, forKey: .invalidGeometries)
        try container.encode(outOfRangeCoordinateCount, forKey: .outOfRangeCoordinateCount)
        try container.encode(outOfRangeCoordinates, forKey: .outOfRangeCoordinates)
        try container.encode(axesLookSwapped, forKey: .axesLookSwapped)
        try container.encode(isPolygonLayer, forKey: .isPolygonLayer)
        try container.encode(geodesicAreaKm2, forKey: .geodesicAreaKm2)
        try container.encode(featureAreasKm2, forKey: .featureAreasKm2)
        try container.encode(isClean, forKey: .isClean)
    }

    private struct IdentifierReader {
        let field: String
        let read: (GeoJSONFeature) -> String?
    }

    private static func identifierReader(_ layer: GeoJSONLayer, idField: String?) -> IdentifierReader? {
        func text(_ value: JSONValue?) -> String? {
            switch value {
            case .string(let string)?: string
            case .number?, .bool?: value!.brief
            default: nil
            }
        }
        if idField == LayerRecord.featureIdField {
            return IdentifierReader(field: "id") { text($0.id) }
        }
        if let idField {
            return IdentifierReader(field: "properties.\(idField)") { text($0.properties[idField]) }
        }
        if layer.features.contains(where: { $0.id != nil }) {
            return IdentifierReader(field: "id") { text($0.id) }
        }
        let carriedByAll = conventionalIdFields.first { name in
            !layer.features.isEmpty && layer.features.allSatisfy { text($0.properties[name]) != nil }
        }
        guard let name = carriedByAll ?? layer.features.first.flatMap({ first in conventionalIdFields.first { first.properties[$0] != nil } })
        else { return nil }
        return IdentifierReader(field: "properties.\(name)") { text($0.properties[name]) }
    }
}
