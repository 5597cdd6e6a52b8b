/// What coverage is measured for: a level of care (a facility tier) or a single service.
public enum CareTarget: Hashable, Sendable, Comparable, CustomStringConvertible {
    case tier(FacilityTier)
    case service(HealthService)

    /// The name used in files and on command lines: the tier's or the service's code
    /// (`health_centre`, `rehabilitation`).
    public var name: String {
        switch self {
        case .tier(let tier): tier.rawValue
        case .service(let service): service.rawValue
        }
    }

    /// A label for tables and sentences: "health centre", "rehabilitation".
    public var label: String { name.replacingOccurrences(of: "_", with: " ") }

    public var description: String { name }

    /// True when `facility` provides this care: it is of the tier, or offers the service. The
    /// provincial level is also provided by the central hospitals, which serve as the provincial
    /// hospital of Vientiane Capital (a province without one), as the administrative referral does.
    public func isProvided(by facility: Facility) -> Bool {
        switch self {
        case .tier(.provincialHospital): facility.tier == .provincialHospital || facility.tier == .centralHospital
        case .tier(let tier): facility.tier == tier
        case .service(let service): facility.offers(service)
        }
    }

    /// The target a name denotes: a tier code or a known service code.
    public init?(name: String) {
        if let tier = FacilityTier(rawValue: name) {
            self = .tier(tier)
        } else if HealthService.known.contains(HealthService(rawValue: name)) {
            self = .service(HealthService(rawValue: name))
        } else {
            return nil
        }
    }

    /// Every name ``init(name:)`` accepts, tiers first.
    public static var knownNames: [String] { FacilityTier.allCases.map(\.rawValue) + HealthService.known.map(\.rawValue) }

    /// Tiers in referral order, then services in their display order.
    public static func < (lhs: CareTarget, rhs: CareTarget) -> Bool {
        switch (lhs, rhs) {
        case (.tier(let a), .tier(let b)): a < b
        case (.service(let a), .service(let b)): a < b
        case (.tier, .service): true
        case (.service, .tier): false
        }
    }
}
