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

    public init(
        id: String, name: String, tier: FacilityTier, subtype: DistrictHospitalSubtype?, services: [HealthService],
        capacity: Int?, districtPcode: String?, provincePcode: String?, location: Coordinate, source: String?
    ) {
        self.id = id
        self.name = name
        self.tier = tier
        self.subtype = subtype
        self.services = services.sorted()
        self.capacity = capacity
        self.districtPcode = districtPcode
        self.provincePcode = provincePcode
        self.location = location
        self.source = source
    }

    /// True when the facility offers `service`.
    public func offers(_ service: HealthService) -> Bool { services.contains(service) }
}
