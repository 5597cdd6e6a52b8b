import GeoIO
import GeometryKit

/// A place where a new facility could go: a village, or a point of a candidate layer (land the
/// government owns, existing buildings, …).
public struct CandidateSite: Sendable, Equatable {
    public let id: String
    public let name: String
    public let location: Coordinate
    /// The district and province the site lies in; nil for a point outside every district.
    public let districtPcode: String?
    public let provincePcode: String?

    public init(id: String, name: String, location: Coordinate, districtPcode: String?, provincePcode: String?) {
        self.id = id
        self.name = name
        self.location = location
        self.districtPcode = districtPcode
        self.provincePcode = provincePcode
    }

    /// Every village as a candidate.
    public static func villages(of layers: LayerSet) -> [CandidateSite] {
        layers.villages.map {
            CandidateSite(id: $0.code, name: $0.name, location: $0.location, districtPcode: $0.districtPcode, provincePcode: $0.provincePcode)
        }
    }

    /// The points of a GeoJSON layer: each feature a Point, its id the feature's `id` member or its
    /// `id` property, its name the `name` property (else the id). Each is placed in the district it
    /// lies in (or the nearest within the tolerance), as facilities are.
    /// - Throws: ``InputError`` naming the file, the feature and the field for a feature that is
    ///   not a point in WGS 84, lacks an identifier, or repeats one.
    public static func read(path: String, layers: LayerSet, toleranceMeters: Double = AdminLocator.defaultToleranceMeters) throws -> [CandidateSite] {
        try read(GeoJSONLayer.read(path: path), layers: layers, toleranceMeters: toleranceMeters)
    }

    /// The candidates of a layer already read; see ``read(path:layers:toleranceMeters:)``.
    public static func read(_ layer: GeoJSONLayer, layers: LayerSet, toleranceMeters: Double = AdminLocator.defaultToleranceMeters) throws -> [CandidateSite] {
        let path = layer.file
        if let problem = layer.problems.first { throw problem }
        /// A string as it is, a number without a trailing `.0`; nothing else names a site.
        func identifier(_ value: JSONValue?) -> String? {
            switch value {
            case .string(let text)?: text
            case .number?: value?.brief
            default: nil
            }
        }
        var seen: [String: Int] = [:]
        var drafts: [(id: String, name: String, location: Coordinate)] = []
        for feature in layer.features {
            func problem(_ field: String, _ reason: String) -> InputError {
                InputError(file: path, location: .feature(feature.index), field: field, reason: reason)
            }
            guard let id = (identifier(feature.id) ?? identifier(feature.properties["id"]))?.trimmingBlanks, !id.isEmpty else {
                throw problem("id", "a candidate site needs an identifier (the feature's id or an id property)")
            }
            if let first = seen[id] {
                throw problem("id", "the identifier \"\(id)\" is used by feature \(first) too")
            }
            seen[id] = feature.index
            guard let location = feature.geometry?.pointCoordinate else {
                throw problem("geometry", "expected a Point, found \(feature.geometry.map { $0.kind.rawValue } ?? "no geometry")")
            }
            guard location.isValidLonLat else {
                throw problem("geometry", "expected a longitude and a latitude, found \(location.x) \(location.y)")
            }
            let name = feature.properties["name"]?.stringValue?.trimmingBlanks
            drafts.append((id, name.flatMap { $0.isEmpty ? nil : $0 } ?? id, location))
        }
        let placements = try AdminLocator(districts: layers.districts, toleranceMeters: toleranceMeters).locate(drafts.map(\.location))
        return zip(drafts, placements).map { draft, placement in
            let placed = placement.method != .outside
            return CandidateSite(
                id: draft.id, name: draft.name, location: draft.location,
                districtPcode: placed ? placement.districtPcode : nil, provincePcode: placed ? placement.provincePcode : nil)
        }
    }
}
