/// Where one demand point gets one kind of care: the facility, how far (geodesic, metres) and
/// how long the trip takes (minutes, by the care's travel mode). All nil when no facility
/// provides the care: unreachable stays explicit, never a zero.
///
/// Held in 24 bytes rather than the 48 of three optionals: an assignment keeps sixteen per
/// village (nearest, nearest of the tier, administrative, the referral chain), 0.5 GB for a
/// national layer of 600,000 villages.
public struct CareAssignment: Sendable, Equatable {
    private let storedDistance: Double
    private let storedMinutes: Double
    /// The facility's position, -1 for none.
    private let storedFacility: Int32
    /// Bit 0: a distance is stored; bit 1: minutes are.
    private let present: UInt8

    /// The facility's position in ``LayerSet/facilities``.
    public var facility: Int? { storedFacility < 0 ? nil : Int(storedFacility) }
    public var distanceMeters: Double? { present & 1 != 0 ? storedDistance : nil }
    public var minutes: Double? { present & 2 != 0 ? storedMinutes : nil }

    public init(facility: Int?, distanceMeters: Double?, minutes: Double?) {
        storedFacility = facility.map { Int32($0) } ?? -1
        storedDistance = distanceMeters ?? 0
        storedMinutes = minutes ?? 0
        present = (distanceMeters == nil ? 0 : 1) | (minutes == nil ? 0 : 2)
    }

    /// No facility provides the care.
    public static let unreachable = CareAssignment(facility: nil, distanceMeters: nil, minutes: nil)

    /// True when the trip is within `threshold` (inclusive); never for an unreachable point.
    public func isCovered(by threshold: CoverageThreshold) -> Bool {
        threshold.covers(distanceMeters: distanceMeters, minutes: minutes)
    }
}

/// The administrative referral path of a village: its health centre, the district hospital
/// above it, and the provincial hospital above that (the central hospital where a province has
/// none, as Vientiane Capital), each hop measured from the level below.
public struct ReferralChain: Sendable, Equatable {
    /// Village → its health centre (the nearest in its own district).
    public let healthCentre: CareAssignment
    /// Health centre (or the village, when it has none) → the district hospital of its district.
    public let districtHospital: CareAssignment
    /// District hospital → the provincial hospital of its province, else the central hospital.
    public let provincialHospital: CareAssignment
    /// True when the top of the chain is the central hospital because the province has no
    /// provincial hospital.
    public let referredToCentral: Bool

    /// The whole path's distance, metres; nil when a level is missing.
    public var totalDistanceMeters: Double? {
        guard let a = healthCentre.distanceMeters, let b = districtHospital.distanceMeters,
            let c = provincialHospital.distanceMeters
        else { return nil }
        return a + b + c
    }

    /// The whole path's travel time, minutes; nil when a level is missing.
    public var totalMinutes: Double? {
        guard let a = healthCentre.minutes, let b = districtHospital.minutes, let c = provincialHospital.minutes else { return nil }
        return a + b + c
    }
}
