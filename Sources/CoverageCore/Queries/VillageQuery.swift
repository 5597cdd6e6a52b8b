import GeoIO

/// The answer to "what care does this village get?": the village, its district and province,
/// its population, per target the nearest facility with distance, time and coverage at each
/// threshold (and the administrative facility), and its referral chain.
///
/// Read from a ``CoverageAssignment`` of every village — the computation `coverage assign`,
/// `gaps` and `catchments` run — so the answer always agrees with their outputs.
public struct VillageQuery: Sendable {
    /// The village's position in ``LayerSet/villages``.
    public let position: Int
    /// The village, as loaded.
    public let village: Village
    /// The village's stated district and province (nil when the layers lack them).
    public let district: AdminUnit?
    /// The province (nil when unknown).
    public let province: AdminUnit?
    /// One per target of the assignment, tiers in referral order then services.
    public let care: [CareAnswer]
    /// Health centre → district hospital → provincial hospital, each hop from the level below.
    public let chain: ReferralChain

    /// The answer for the village at `position`, read from `assignment` (of villages).
    /// - Throws: ``InputError`` when the assignment is not of villages or lacks a standard.
    public init(position: Int, assignment: CoverageAssignment, layers: LayerSet) throws {
        guard assignment.demand == .villages, let chains = assignment.chains, layers.villages.indices.contains(position),
            assignment.points.count == layers.villages.count
        else {
            throw InputError(file: "assignment", reason: "a village query needs an assignment of the layer set's villages")
        }
        self.position = position
        village = layers.villages[position]
        district = layers.district(village.districtPcode)
        province = layers.province(village.provincePcode)
        care = try CareAnswer.all(position: position, assignment: assignment)
        chain = chains[position]
    }

    /// Finds the village `query` names (see ``QueryLookup/village(_:in:)``), assigns every village
    /// to `targets` and answers for it.
    ///
    /// - Parameters:
    ///   - targets: the care to answer for (default: every tier).
    ///   - threads: worker threads for the distance kernel (default: all cores).
    /// - Throws: ``QueryLookupError`` for an unknown or ambiguous name (before any distance is
    ///   computed); ``InputError`` when a target has no standard.
    public init(
        _ query: String, layers: LayerSet, standards: CoverageStandards,
        targets: [CareTarget] = FacilityTier.allCases.map(CareTarget.tier), threads: Int? = nil
    ) throws {
        let position = try QueryLookup.village(query, in: layers)
        let assignment = try CoverageAssignment(layers: layers, standards: standards, targets: targets, threads: threads)
        try self.init(position: position, assignment: assignment, layers: layers)
    }

    /// The answer as one JSON object, every field present (null when unknown or unreachable):
    /// `query` ("village"), `village` (code, name, district and province codes and names, lon,
    /// lat, the figures and `population_estimated`), `care` (see ``CareAnswer/json(facilities:)``)
    /// and `referral_chain` (`hops`, `referred_to_central`, `total_distance_m`, `total_minutes`).
    public func json(facilities: [Facility]) -> JSONValue {
        var fields: [(key: String, value: JSONValue)] = [
            ("village_code", .string(village.code)),
            ("name", .string(village.name)),
            ("district_pcode", .string(village.districtPcode)),
            ("district_name", .text(district?.nameEN)),
            ("province_pcode", .string(village.provincePcode)),
            ("province_name", .text(province?.nameEN)),
            ("lon", .number(village.location.lon)),
            ("lat", .number(village.location.lat)),
        ]
        fields += TargetGroup.allCases.map { ($0.rawValue, JSONValue.count(village.figures[$0])) }
        fields.append(("population_estimated", .bool(village.populationEstimated)))
        return .object(
            JSONObject([
                ("query", .string("village")),
                ("village", .object(JSONObject(fields))),
                ("care", .array(care.map { $0.json(facilities: facilities) })),
                ("referral_chain", Self.json(chain, facilities)),
            ]))
    }

    /// A referral chain as JSON: three hops (`level`, the facility and the trip from the level below).
    static func json(_ chain: ReferralChain, _ facilities: [Facility]) -> JSONValue {
        let hops: [(FacilityTier, CareAssignment)] = [
            (.healthCentre, chain.healthCentre), (.districtHospital, chain.districtHospital),
            (.provincialHospital, chain.provincialHospital),
        ]
        return .object(
            JSONObject([
                (
                    "hops",
                    .array(
                        hops.map { level, care in
                            let trip = CareAnswer.trip(care, facilities).objectValue ?? JSONObject()
                            return .object(
                                JSONObject(
                                    [
                                        ("level", .string(level.rawValue)),
                                        ("facility_tier", .text(care.facility.map { facilities[$0].tier.rawValue })),
                                    ] + trip.members))
                        })
                ),
                ("referred_to_central", .bool(chain.referredToCentral)),
                ("total_distance_m", .meters(chain.totalDistanceMeters)),
                ("total_minutes", .minutes(chain.totalMinutes)),
            ]))
    }
}
