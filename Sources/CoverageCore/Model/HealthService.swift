/// A service a facility offers, by its code (`epi`, `delivery`, `rehabilitation`, …).
///
/// The known services are listed in ``known``; loaders refuse other names and suggest the
/// closest known one, so that a typo never silently drops a facility from a service's coverage.
public struct HealthService: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Immunisation (Expanded Programme on Immunization).
    public static let epi = HealthService(rawValue: "epi")
    /// Vaccine cold chain (refrigerated storage).
    public static let coldChain = HealthService(rawValue: "cold_chain")
    /// Skilled birth attendance.
    public static let delivery = HealthService(rawValue: "delivery")
    public static let surgery = HealthService(rawValue: "surgery")
    /// Rehabilitation medicine (physiotherapy, prosthetics, …).
    public static let rehabilitation = HealthService(rawValue: "rehabilitation")
    /// Workshop that maintains medical equipment for the facilities around it.
    public static let maintenanceWorkshop = HealthService(rawValue: "maintenance_workshop")

    /// Every service the toolkit knows, in display order.
    public static let known: [HealthService] = [.epi, .coldChain, .delivery, .surgery, .rehabilitation, .maintenanceWorkshop]

    public var description: String { rawValue }

    public static func < (lhs: HealthService, rhs: HealthService) -> Bool {
        let order = { (service: HealthService) in known.firstIndex(of: service) ?? known.count }
        return (order(lhs), lhs.rawValue) < (order(rhs), rhs.rawValue)
    }
}
