import GeoIO

/// One target's answer for a queried place: the nearest facility providing the care, whether the
/// trip is within each threshold of the standard, and (for tiers) the facility the place's
/// administrative units refer it to. Read from a ``CoverageAssignment``, never computed apart.
public struct CareAnswer: Sendable, Equatable {
    /// Whether the trip is within one threshold (inclusive).
    public struct ThresholdCheck: Sendable, Equatable {
        /// The limit checked.
        public let threshold: CoverageThreshold
        /// True when the trip is within it (never for an unreachable place).
        public let covered: Bool
    }

    /// The care.
    public let target: CareTarget
    /// How people reach it (the standard's mode), which the minutes assume.
    public let mode: TravelMode
    /// How its minutes are measured: over the mode's friction raster or by the straight-line model.
    public let travel: TravelMeasure
    /// The nearest facility providing it (by travel time when its standard is measured over a
    /// raster); unreachable when none does.
    public let nearest: CareAssignment
    /// For a tier, the nearest facility of the tier itself (which may lie beyond a nearer hospital
    /// providing the same care); nil for a service.
    public let nearestOfTier: CareAssignment?
    /// One per threshold of the standard, distances first, ascending.
    public let checks: [ThresholdCheck]
    /// The administrative facility (tiers only; nil for a service or when not assigned).
    public let administrative: CareAssignment?

    /// The answer for the point at `position` of `assignment`.
    /// - Throws: ``InputError`` when the standards have no standard for `target`.
    public init(target: CareTarget, position: Int, assignment: CoverageAssignment) throws {
        let standard = try assignment.standards.standard(for: target)
        let nearest = assignment.nearest(target)[position]
        self.target = target
        mode = standard.mode
        travel = standard.travel
        self.nearest = nearest
        nearestOfTier = assignment.nearestOfTier[target]?[position]
        checks = standard.thresholds.map { threshold in
            ThresholdCheck(threshold: threshold, covered: assignment.care(target, judgedBy: threshold)[position].isCovered(by: threshold))
        }
        administrative = assignment.administrative[target]?[position]
    }

    /// A copy without the administrative facility (for a place in no district).
    func withoutAdministrative() -> CareAnswer {
        CareAnswer(
            target: target, mode: mode, travel: travel, nearest: nearest, nearestOfTier: nearestOfTier, checks: checks, administrative: nil)
    }

    private init(
        target: CareTarget, mode: TravelMode, travel: TravelMeasure, nearest: CareAssignment, nearestOfTier: CareAssignment?,
        checks: [ThresholdCheck], administrative: CareAssignment?
    ) {
        self.target = target
        self.mode = mode
        self.travel = travel
        self.nearest = nearest
        self.nearestOfTier = nearestOfTier
        self.checks = checks
        self.administrative = administrative
    }

    /// True when the trip is within every threshold (false when unreachable).
    public var isCoveredAtEveryThreshold: Bool { !checks.isEmpty && checks.allSatisfy(\.covered) }

    /// True when the administrative facility is another than the nearest (nil for a service).
    public var administrativeDiffers: Bool? {
        administrative.map { $0.facility != nearest.facility }
    }

    /// The answers for every target of `assignment` at `position`, in the assignment's order.
    public static func all(position: Int, assignment: CoverageAssignment) throws -> [CareAnswer] {
        try assignment.targets.map { try CareAnswer(target: $0, position: position, assignment: assignment) }
    }

    /// The answer as JSON: `target`, `travel_mode`, `travel` (`raster` or `straight`), `nearest` (facility and trip), `nearest_of_tier`
    /// (the same for the tier's own facilities, null for a service), `covered` (an object:
    /// threshold label → bool), `administrative` (a facility and trip, or null) and
    /// `administrative_differs` (bool, or null for a service). Unreachable care is null.
    public func json(facilities: [Facility]) -> JSONValue {
        .object(
            JSONObject([
                ("target", .string(target.name)),
                ("travel_mode", .string(mode.rawValue)),
                ("travel", .string(travel.rawValue)),
                ("nearest", Self.trip(nearest, facilities)),
                ("nearest_of_tier", nearestOfTier.map { Self.trip($0, facilities) } ?? .null),
                ("covered", .object(JSONObject(checks.map { ($0.threshold.label, JSONValue.bool($0.covered)) }))),
                ("administrative", administrative.map { Self.trip($0, facilities) } ?? .null),
                ("administrative_differs", administrativeDiffers.map(JSONValue.bool) ?? .null),
            ]))
    }

    /// A trip as JSON: `facility_id`, `facility_name`, `facility_tier`, `facility_source`,
    /// `distance_m`, `minutes`; nulls when unreachable.
    static func trip(_ care: CareAssignment, _ facilities: [Facility]) -> JSONValue {
        let facility = care.facility.map { facilities[$0] }
        return .object(
            JSONObject([
                ("facility_id", .text(facility?.id)),
                ("facility_name", .text(facility?.name)),
                ("facility_tier", .text(facility?.tier.rawValue)),
                ("facility_source", .text(facility?.source)),
                ("distance_m", .meters(care.distanceMeters)),
                ("minutes", .minutes(care.minutes)),
            ]))
    }
}
