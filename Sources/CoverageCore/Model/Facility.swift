import GeoIO
import GeometryKit

/// A health facility: a point of supply with its tier, services and optional capacity.
public struct Facility: Sendable {
    /// The facility's identifier, unique in its layer.
    public let id: String
    public let name: String
    public let tier: FacilityTier
    /// A or B for district hospitals where known.
    public let subtype: DistrictHospitalSubtype?
    /// The services offered, sorted in ``HealthService`` order.
    public let services: [HealthService]
    /// True when the layer listed no services and ``services`` are the tier's defaults
    /// (``CareModel/services(of:)``): an assumption, not a fact about this facility.
    public let servicesAssumed: Bool
    /// The care packages the facility provides, by the tier whose package each is, in referral
    /// order: its tier's (``CareModel/packages(of:)``) unless its layer says otherwise.
    public let carePackages: [FacilityTier]
    /// The population the facility can serve (persons), when known.
    public let capacity: Int?
    /// The district P-code the source states, if any.
    public let districtPcode: String?
    /// The province P-code the source states, if any.
    public let provincePcode: String?
    /// Longitude and latitude, WGS 84.
    public let location: Coordinate
    /// Where the record comes from (`proxy` for the shipped placeholder layer, a source name otherwise).
    public let source: String?
    /// The record's fields that no analysis reads, by name (``LayerSchema``'s fields without a
    /// role: `name_lo`, `osm_row`, `proxy_rule`, …), kept so that a facility layer written from
    /// the loaded facilities still says where each comes from.
    public let provenance: [String: JSONValue]

    /// A facility; `carePackages` nil gives the hierarchy's (its tier and every tier below).
    public init(
        id: String, name: String, tier: FacilityTier, subtype: DistrictHospitalSubtype?, services: [HealthService],
        servicesAssumed: Bool = false, carePackages: [FacilityTier]? = nil, capacity: Int?, districtPcode: String?,
        provincePcode: String?, location: Coordinate, source: String?, provenance: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.name = name
        self.tier = tier
        self.subtype = subtype
        self.services = Array(Set(services)).sorted()
        self.servicesAssumed = servicesAssumed
        self.carePackages = Array(Set(carePackages ?? CareModel.hierarchy.packages(of: tier))).sorted()
        self.capacity = capacity
        self.districtPcode = districtPcode
        self.provincePcode = provincePcode
        self.location = location
        self.source = source
        self.provenance = provenance
    }

    /// True when the facility offers `service`.
    public func offers(_ service: HealthService) -> Bool { services.contains(service) }

    /// True when the facility provides the care package of `tier`.
    public func provides(_ tier: FacilityTier) -> Bool { carePackages.contains(tier) }

    /// True when the facility's record says it is a proxy (placed by a rule, not surveyed).
    public var isProxy: Bool { source == "proxy" }
}
