import GeoIO

/// The answer to "what does this facility do?": its tier, services, capacity and place; its
/// catchment for its main care (its own tier's package, else its first service: the villages whose
/// nearest provider of that care it is, and their population by target group); and the nearest
/// facility of the next tier up.
///
/// Both parts are read from ``CoverageAssignment``s — of the villages, and of the facilities as
/// demand — the computation the other commands run.
public struct FacilityQuery: Sendable {
    /// The facility's position in ``LayerSet/facilities``.
    public let position: Int
    /// The facility, as loaded.
    public let facility: Facility
    /// The facility's stated district and province (nil when it states none or they are unknown).
    public let district: AdminUnit?
    /// The province (nil when unknown).
    public let province: AdminUnit?
    /// Where its point lies among the districts.
    public let placement: AdminPlacement?
    /// The care its catchment is for: its own tier's package when it provides it (as nearly every
    /// facility does), else its first service (a rehabilitation centre filed as a hospital); nil
    /// when it provides neither.
    public let catchmentTarget: CareTarget?
    /// Its catchment for ``catchmentTarget``; nil when that is nil.
    public let catchment: Catchment?
    /// How many facilities provide ``catchmentTarget`` (whose catchments tile the villages with it).
    public let providerCount: Int
    /// The tier above its own; nil for the central hospital.
    public let nextTier: FacilityTier?
    /// The nearest facility of ``nextTier`` (and the administrative one), measured from this
    /// facility; nil for the central hospital.
    public let nextUp: CareAnswer?

    /// The answer for the facility at `position`.
    ///
    /// - Parameters:
    ///   - villages: an assignment of the layer set's villages that includes the facility's
    ///     ``mainCare(of:)``.
    ///   - facilities: an assignment with the facilities as demand that includes the next tier up
    ///     (nil for the central hospital).
    /// - Throws: ``InputError`` when an assignment lacks the tier needed.
    public init(position: Int, villages: CoverageAssignment, facilities: CoverageAssignment?, layers: LayerSet) throws {
        guard layers.facilities.indices.contains(position) else {
            throw InputError(file: "facilities", reason: "no facility at position \(position)")
        }
        let facility = layers.facilities[position]
        self.position = position
        self.facility = facility
        district = facility.districtPcode.flatMap(layers.district)
        province = facility.provincePcode.flatMap(layers.province)
        placement = layers.facilityPlacements.indices.contains(position) ? layers.facilityPlacements[position] : nil
        catchmentTarget = Self.mainCare(of: facility)
        if let target = catchmentTarget {
            let all = try Catchments(assignment: villages, target: target, facilities: layers.facilities)
            guard let catchment = all.catchment(ofFacility: position) else {
                throw InputError(file: "assignment", reason: "facility \(facility.id) has no catchment for \(target.label)")
            }
            self.catchment = catchment
            providerCount = all.catchments.count
        } else {
            catchment = nil
            providerCount = 0
        }
        nextTier = FacilityTier.allCases.first { $0.level == facility.tier.level + 1 }
        if let nextTier {
            guard let facilities, facilities.demand == .facilities else {
                throw InputError(file: "assignment", reason: "the next tier up needs an assignment of the facilities as demand")
            }
            nextUp = try CareAnswer(target: .tier(nextTier), position: position, assignment: facilities)
        } else {
            nextUp = nil
        }
    }

    /// Finds the facility `query` names (see ``QueryLookup/facility(_:in:)``) and answers for it.
    ///
    /// - Parameter threads: worker threads for the distance kernel (default: all cores).
    /// - Throws: ``QueryLookupError`` for an unknown or ambiguous id or name; ``InputError`` when a
    ///   tier has no standard.
    public init(_ query: String, layers: LayerSet, standards: CoverageStandards, threads: Int? = nil) throws {
        let position = try QueryLookup.facility(query, in: layers)
        let tier = layers.facilities[position].tier
        let care = Self.mainCare(of: layers.facilities[position]).map { [$0] } ?? []
        let villages = try CoverageAssignment(layers: layers, standards: standards, targets: care, threads: threads)
        let next = FacilityTier.allCases.first { $0.level == tier.level + 1 }
        let facilities = try next.map {
            try CoverageAssignment(layers: layers, standards: standards, targets: [.tier($0)], demand: .facilities, threads: threads)
        }
        try self.init(position: position, villages: villages, facilities: facilities, layers: layers)
    }

    /// The care a facility's catchment is for: its tier's package when it provides it, else its
    /// first service, else nil.
    public static func mainCare(of facility: Facility) -> CareTarget? {
        facility.provides(facility.tier) ? .tier(facility.tier) : facility.services.first.map(CareTarget.service)
    }

    /// The answer as one JSON object, every field present (null when unknown): `query`
    /// ("facility"), `facility` (id, name, tier, subtype, services, care packages, capacity,
    /// district and province codes and names, lon, lat, source, and where the point lies),
    /// `catchment` (`target`, `villages`, the figures, `providers`: how many facilities provide
    /// the target; null when the facility provides no care), and `next_tier_up` (the
    /// ``CareAnswer/json(facilities:)`` of the next tier, or null for the central hospital).
    public func json(facilities: [Facility]) -> JSONValue {
        let fields: [(key: String, value: JSONValue)] = [
            ("facility_id", .string(facility.id)),
            ("name", .string(facility.name)),
            ("tier", .string(facility.tier.rawValue)),
            ("subtype", .text(facility.subtype?.rawValue)),
            ("services", .array(facility.services.map { .string($0.rawValue) })),
            ("services_assumed", .bool(facility.servicesAssumed)),
            ("care_packages", .array(facility.carePackages.map { .string($0.rawValue) })),
            ("capacity", .count(facility.capacity)),
            ("district_pcode", .text(facility.districtPcode)),
            ("district_name", .text(district?.nameEN)),
            ("province_pcode", .text(facility.provincePcode)),
            ("province_name", .text(province?.nameEN)),
            ("lon", .number(facility.location.lon)),
            ("lat", .number(facility.location.lat)),
            ("source", .text(facility.source)),
            ("lies_in_district_pcode", .text(placement?.districtPcode)),
            ("placement", .text(placement?.method.rawValue)),
        ]
        var served = JSONValue.null
        if let catchmentTarget, let catchment {
            served = .object(
                JSONObject(
                    [("target", .string(catchmentTarget.name)), ("villages", .count(catchment.pointCount))]
                        + TargetGroup.allCases.map { ($0.rawValue, JSONValue.count(catchment.figures[$0])) }
                        + [("providers", .count(providerCount))]))
        }
        return .object(
            JSONObject([
                ("query", .string("facility")),
                ("facility", .object(JSONObject(fields))),
                ("catchment", served),
                ("next_tier_up", nextUp.map { $0.json(facilities: facilities) } ?? .null),
            ]))
    }
}
