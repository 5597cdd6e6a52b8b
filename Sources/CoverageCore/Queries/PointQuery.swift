import GeoIO
import GeometryKit

/// The answer to "what care is there from this spot?" for any longitude/latitude: the district
/// and province it lies in (``AdminLocator``), and per target the nearest facility with distance,
/// time and coverage at each threshold.
///
/// The spot goes through the same ``CoverageAssignment`` as the villages — as a demand point of
/// its own, with no population — so there is no second distance computation. A spot
/// outside every district is answered all the same (the nearest facilities may lie across the
/// border from it), and says so in ``placement``.
public struct PointQuery: Sendable {
    /// The spot, WGS 84.
    public let location: Coordinate
    /// Where it lies: inside a district, just outside one (within the tolerance), or outside all.
    public let placement: AdminPlacement
    /// The district it lies in, or the nearest when it lies outside all of them.
    public let district: AdminUnit?
    /// The province (nil when unknown).
    public let province: AdminUnit?
    /// One per target, tiers in referral order then services.
    public let care: [CareAnswer]

    /// Answers for `location`.
    ///
    /// - Parameters:
    ///   - targets: the care to answer for (default: every tier).
    ///   - toleranceMeters: how far outside every district the spot may lie and still be placed
    ///     in the nearest (see ``AdminLocator``).
    /// - Throws: ``GeometryError`` (invalid argument) for a coordinate that is not a longitude
    ///   and latitude; ``InputError`` when a target has no standard.
    public init(
        _ location: Coordinate, layers: LayerSet, standards: CoverageStandards,
        targets: [CareTarget] = FacilityTier.allCases.map(CareTarget.tier),
        toleranceMeters: Double = AdminLocator.defaultToleranceMeters
    ) throws {
        let placement = try AdminLocator(districts: layers.districts, toleranceMeters: toleranceMeters).locate(location)
        let placed = placement.method != .outside
        let spot = DemandPoint(
            id: "point", name: "point", location: location, districtPcode: placed ? placement.districtPcode ?? "" : "",
            provincePcode: placed ? placement.provincePcode ?? "" : "", figures: .zero)
        let assignment = try CoverageAssignment(
            points: [spot], facilities: layers.facilities, standards: standards,
            targets: targets, threads: 1)
        self.location = location
        self.placement = placement
        district = placement.districtPcode.flatMap(layers.district)
        province = placement.provincePcode.flatMap(layers.province)
        // Outside every district the administrative mode has no units to follow.
        care = try CareAnswer.all(position: 0, assignment: assignment).map { placed ? $0 : $0.withoutAdministrative() }
    }

    /// True when the spot lies in a district (or within the tolerance of one).
    public var isInside: Bool { placement.method != .outside }

    /// The answer as one JSON object, every field present (null when unknown): `query`
    /// ("point"), `point` (lon, lat), `placement` (`method`, district and province codes and
    /// names, `distance_m` to the district: 0 inside; the codes are of the nearest district when
    /// the method is `outside`) and `care` (see ``CareAnswer/json(facilities:)``; its
    /// `administrative` is of the district the spot lies in, null outside every district).
    public func json(facilities: [Facility]) -> JSONValue {
        .object(
            JSONObject([
                ("query", .string("point")),
                ("point", .object(JSONObject([("lon", .number(location.lon)), ("lat", .number(location.lat))]))),
                (
                    "placement",
                    .object(
                        JSONObject([
                            ("method", .string(placement.method.rawValue)),
                            ("district_pcode", .text(placement.districtPcode)),
                            ("district_name", .text(district?.nameEN)),
                            ("province_pcode", .text(placement.provincePcode)),
                            ("province_name", .text(province?.nameEN)),
                            ("distance_m", placement.distanceMeters.isFinite ? .meters(placement.distanceMeters) : .null),
                        ]))
                ),
                ("care", .array(care.map { $0.json(facilities: facilities) })),
            ]))
    }
}
