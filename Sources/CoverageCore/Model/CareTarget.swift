/// What coverage is measured for: a level of care (a facility tier) or a single service.
public enum CareTarget: Hashable, Sendable, Comparable, CustomStringConvertible {
    case tier(FacilityTier)
    case service(HealthService)

    /// True for a tier's care (as opposed to a single service).
    public var isTier: Bool {
        if case .tier = self { return true }
        return false
    }

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

    /// True when `facility` provides this care: the tier's care package (its own tier's, or a
    /// higher tier's that includes it: a district hospital provides primary care), or the service.
    public func isProvided(by facility: Facility) -> Bool {
        switch self {
        case .tier(let tier): facility.provides(tier)
        case .service(let service): facility.offers(service)
        }
    }

    /// True when `facility` is of this care's own tier and provides its package (a health centre
    /// for health-centre care; a rehabilitation centre filed as a provincial hospital is not one);
    /// for a service, when it offers it.
    public func isOwnTier(of facility: Facility) -> Bool {
        switch self {
        case .tier(let tier): facility.tier == tier && facility.provides(tier)
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
