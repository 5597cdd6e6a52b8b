/// The care model of the three-tier system: which care packages a facility of each tier provides,
/// and which services it offers when its layer lists none. Read from the standards file (each
/// tier's `provides` and `services`); a facility's own `care_packages` or `services` win.
///
/// By default (``hierarchy``) a tier provides its own package and every package below it, the
/// Lao–Luxembourg design: a village next to a district hospital has primary care.
public struct CareModel: Sendable, Equatable {
    /// The packages a facility of each tier provides, by the tier whose package it is.
    public var packages: [FacilityTier: [FacilityTier]]
    /// The services a facility of each tier offers when its layer lists none.
    public var defaultServices: [FacilityTier: [HealthService]]

    /// A model from its two tables; tiers missing from `packages` provide the hierarchy's packages.
    public init(packages: [FacilityTier: [FacilityTier]] = [:], defaultServices: [FacilityTier: [HealthService]] = [:]) {
        self.packages = packages
        self.defaultServices = defaultServices
    }

    /// Each tier provides its own package and every package below it; no default services.
    public static let hierarchy = CareModel()

    /// The packages a facility of `tier` provides, in referral order.
    public func packages(of tier: FacilityTier) -> [FacilityTier] {
        (packages[tier] ?? FacilityTier.allCases.filter { $0 <= tier }).sorted()
    }

    /// The services a facility of `tier` offers when its layer lists none.
    public func services(of tier: FacilityTier) -> [HealthService] {
        (defaultServices[tier] ?? []).sorted()
    }
}
