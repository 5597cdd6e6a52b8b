import GeoIO
import Parallelism

/// The standard for one care target: its limits and the mode of travel its times assume.
public struct CoverageStandard: Sendable, Equatable {
    public let target: CareTarget
    /// Distance limits, km (several may be evaluated in one run).
    public var maxKilometers: [Double]
    /// Time limits, minutes.
    public var maxMinutes: [Double]
    /// How people reach this care.
    public var mode: TravelMode
    /// How its minutes are measured: straight-line model or over the mode's friction raster.
    public var travel: TravelMeasure
    /// The population one facility of this care can serve, for facilities whose layer gives no
    /// capacity of their own (capacity-limited coverage); nil when the standards give none.
    public var capacity: Int?

    public init(
        target: CareTarget, maxKilometers: [Double], maxMinutes: [Double], mode: TravelMode, travel: TravelMeasure = .straight,
        capacity: Int? = nil
    ) {
        self.target = target
        self.maxKilometers = maxKilometers
        self.maxMinutes = maxMinutes
        self.mode = mode
        self.travel = travel
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

/// The coverage standards of an analysis: a travel model, the friction rasters, and a standard
/// per tier and service. Read from a standards file (GeoData/laos/standards.yaml) and overridable
/// per run.
public struct CoverageStandards: Sendable, Equatable {
    /// The straight-line model, for standards measured straight.
    public var travelModel: TravelModel
    /// The rasters of the standards measured over friction.
    public var friction: FrictionRasters
    public var standards: [CareTarget: CoverageStandard]
    /// Which packages each tier provides and which services it offers by default.
    public var careModel: CareModel
    /// The file the standards were read from (its size and the SHA-256 of the bytes parsed), nil
    /// for standards made in code.
    public var source: FileChecksum?

    public init(
        travelModel: TravelModel, standards: [CareTarget: CoverageStandard], careModel: CareModel = .hierarchy,
        friction: FrictionRasters = FrictionRasters(), source: FileChecksum? = nil
    ) {
        self.travelModel = travelModel
        self.friction = friction
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

    /// The travel time of a trip to care of `target` by the straight-line model, minutes, or nil
    /// for no trip.
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

    /// The standards with every target measured by `travel` and/or the friction rasters of
    /// `friction` replacing the file's (`--travel raster`, `--friction FILE`).
    public func overriding(travel: TravelMeasure?, friction paths: [FrictionKind: String]?) -> CoverageStandards {
        var copy = self
        if let travel { for target in standards.keys { copy.standards[target]!.travel = travel } }
        if let paths { copy.friction = FrictionRasters(paths: friction.paths.merging(paths) { _, new in new }) }
        return copy
    }

    /// The friction kinds the standards measured over a raster use.
    public var frictionKindsUsed: Set<FrictionKind> {
        Set(standards.values.filter { $0.travel == .raster }.map(\.mode.frictionKind))
    }

    /// Reads the friction rasters of every raster-measured standard now rather than on first use:
    /// a bad raster stops a run before its work, and the manifest can record them.
    /// - Throws: ``InputError`` when such a standard's kind has no raster, or its file is not a
    ///   friction raster.
    public func loadFriction() throws {
        let kinds = frictionKindsUsed.sorted()
        // Each on a thread of its own; the error of the first kind that fails.
        _ = try Parallel.map(count: kinds.count, threads: nil) { try frictionSurface(kinds[$0]) }
    }

    /// The friction surface of `kind` (read on first use).
    /// - Throws: ``InputError`` naming the standards file when it names no raster of that kind.
    func frictionSurface(_ kind: FrictionKind) throws -> TravelSurface {
        try friction.surface(kind, standardsFile: source?.path ?? "standards")
    }

    /// How each target's minutes are measured, by target name: "raster walking: <path>" or
    /// "straight car: 40 km/h, detour 1.4".
    public var travelDescriptions: [String: String] {
        standards.reduce(into: [:]) { descriptions, entry in
            let (target, standard) = entry
            switch standard.travel {
            case .raster:
                descriptions[target.name] = "raster \(standard.mode.rawValue): \(friction.paths[standard.mode.frictionKind] ?? "(no raster)")"
            case .straight:
                let speed = travelModel.speedsKmh[standard.mode].map { "\($0)" } ?? "?"
                descriptions[target.name] = "straight \(standard.mode.rawValue): \(speed) km/h, detour \(travelModel.detourFactor)"
            }
        }
    }
}
