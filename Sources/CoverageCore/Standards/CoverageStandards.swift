import GeoIO

/// The standard for one care target: its limits and the mode of travel its times assume.
public struct CoverageStandard: Sendable, Equatable {
    public let target: CareTarget
    /// Distance limits, km (several may be evaluated in one run).
    public var maxKilometers: [Double]
    /// Time limits, minutes.
    public var maxMinutes: [Double]
    /// How people reach this care.
    public var mode: TravelMode
    /// The population one facility of this care can serve, for facilities whose layer gives no
    /// capacity of their own (capacity-limited coverage); nil when the standards give none.
    public var capacity: Int?

    public init(target: CareTarget, maxKilometers: [Double], maxMinutes: [Double], mode: TravelMode, capacity: Int? = nil) {
        self.target = target
        self.maxKilometers = maxKilometers
        self.maxMinutes = maxMinutes
        self.mode = mode
        self.capacity = capacity
    }

    /// Every limit, distances first, ascending.
    public var thresholds: [CoverageThreshold] {
        (maxKilometers.map(CoverageThreshold.kilometers) + maxMinutes.map(CoverageThreshold.minutes)).sorted()
    }

    /// The first distance limit, else the first time limit: the one maps and one-line
    /// summaries use.
    public var primaryThreshold: CoverageThreshold? { thresholds.first }
}

/// The coverage standards of an analysis: a travel model and a standard per tier and service.
/// Read from a standards file (GeoData/laos/standards.yaml) and overridable per run.
public struct CoverageStandards: Sendable, Equatable {
    public var travelModel: TravelModel
    public var standards: [CareTarget: CoverageStandard]
    /// Which packages each tier provides and which services it offers by default.
    public var careModel: CareModel
    /// The file the standards were read from (its size and the SHA-256 of the bytes parsed), nil
    /// for standards made in code.
    public var source: FileChecksum?

    public init(
        travelModel: TravelModel, standards: [CareTarget: CoverageStandard], careModel: CareModel = .hierarchy,
        source: FileChecksum? = nil
    ) {
        self.travelModel = travelModel
        self.standards = standards
        self.careModel = careModel
        self.source = source
    }

    /// The standard for `target`; throws when the file defines none.
    public func standard(for target: CareTarget) throws -> CoverageStandard {
        guard let standard = standards[target] else {
            throw InputError(
                file: "standards", field: target.name,
                reason: "no coverage standard for \(target.name) (the standards file defines "
                    + standards.keys.sorted().map(\.name).joined(separator: ", ") + ")")
        }
        return standard
    }

    /// The travel time of a trip to care of `target`, minutes, or nil for no trip.
    public func minutes(distanceMeters: Double?, to target: CareTarget) -> Double? {
        guard let distanceMeters, let mode = standards[target]?.mode else { return nil }
        return travelModel.minutes(distanceMeters: distanceMeters, mode: mode)
    }

    /// The standards with every target's distance limits and/or time limits replaced (a
    /// `--max-km 5,10,15` on the command line).
    public func overriding(kilometers: [Double]?, minutes: [Double]?) -> CoverageStandards {
        var copy = self
        for target in standards.keys {
            if let kilometers { copy.standards[target]!.maxKilometers = kilometers }
            if let minutes { copy.standards[target]!.maxMinutes = minutes }
        }
        return copy
    }
}
