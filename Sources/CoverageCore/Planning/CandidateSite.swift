import Foundation
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
    ///
    /// A candidate in no district, beyond the tolerance, is an error, not a site quietly left out:
    /// a planner proposed it, and one outside the country is a mistake in the layer (longitude and
    /// latitude swapped, another CRS, a site across the border), as a scenario's new facility at
    /// such a point is. Candidates inside the country but outside the region asked about are
    /// left out, as the region's villages are the only demand.
    /// - Throws: ``InputError`` naming the file, the feature and the field for a feature that is
    ///   not a point in WGS 84, lacks an identifier, or repeats one; and naming every candidate
    ///   that lies outside every district (id, name, position, the nearest district and how far).
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
        let outside = zip(layer.features, zip(drafts, placements)).filter { $1.1.method == .outside }
        if !outside.isEmpty {
            // `plot-9 "Ban Na" at 110.0000000 10.0000000` and `the nearest, LA1705 Phouvong, is 572.7 km away`.
            let sites = outside.map { _, site in
                let (draft, placement) = site
                let name = draft.name == draft.id ? "" : " \"\(draft.name)\""
                let nearest = placement.districtPcode.map { pcode in
                    "the nearest, \(pcode) \(layers.district(pcode)?.nameEN ?? ""), is \(AdminCodeDisagreement.format(placement.distanceMeters)) away"
                }
                return (site: "\(draft.id)\(name) at \(String(format: "%.7f %.7f", draft.location.lon, draft.location.lat))", nearest: nearest ?? "")
            }
            let beyond = "lies outside every district, beyond the tolerance of \(AdminCodeDisagreement.format(toleranceMeters)) (--tolerance-m)"
            if outside.count == 1 {
                throw InputError(
                    file: path, location: .feature(outside[0].0.index), field: "geometry",
                    reason: "the candidate site \(sites[0].site) \(beyond)" + (sites[0].nearest.isEmpty ? "" : ": \(sites[0].nearest)"))
            }
            throw InputError(
                file: path, field: "geometry",
                reason: "\(outside.count) candidate sites \(beyond.replacing("lies", with: "lie")):\n"
                    + zip(outside, sites).map { "  feature \($0.0.index): \($1.site)" + ($1.nearest.isEmpty ? "" : ": \($1.nearest)") }
                    .joined(separator: "\n"))
        }
        return zip(drafts, placements).map { draft, placement in
            CandidateSite(
                id: draft.id, name: draft.name, location: draft.location, districtPcode: placement.districtPcode,
                provincePcode: placement.provincePcode)
        }
    }

}
