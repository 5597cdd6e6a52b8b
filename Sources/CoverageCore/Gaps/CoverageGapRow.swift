/// One line of the coverage-gaps table: a zone, a care target and one of its thresholds, with the
/// zone's villages and people, covered and not.
public struct CoverageGapRow: Sendable {
    /// The zone counted.
    public let zone: CoverageZone
    /// The care counted.
    public let target: CareTarget
    /// The limit a village must be within (inclusive) to count as covered.
    public let threshold: CoverageThreshold
    /// The facilities providing the target that lie in the zone by their district or province
    /// code. A zone without one is reported like any other (its villages may still be covered
    /// from across the border), flagged by ``hasFacility``.
    public let facilitiesInZone: Int
    /// Of them, the proxies (placed by a rule, not surveyed): a figure that rests on them is an estimate.
    public let proxiesInZone: Int
    /// The zone's villages.
    public let villagesTotal: Int
    /// Of them, those beyond the threshold or with no facility of the target anywhere.
    public let villagesUncovered: Int
    /// The zone's people, by group (nil groups where the data has none).
    public let totalFigures: PopulationFigures
    /// The people of the covered villages, by group.
    public let coveredFigures: PopulationFigures

    /// A row; the figures are sums over the zone's villages (see ``CoverageGaps``).
    public init(
        zone: CoverageZone, target: CareTarget, threshold: CoverageThreshold, facilitiesInZone: Int, proxiesInZone: Int = 0,
        villagesTotal: Int, villagesUncovered: Int, totalFigures: PopulationFigures, coveredFigures: PopulationFigures
    ) {
        self.zone = zone
        self.target = target
        self.threshold = threshold
        self.facilitiesInZone = facilitiesInZone
        self.proxiesInZone = proxiesInZone
        self.villagesTotal = villagesTotal
        self.villagesUncovered = villagesUncovered
        self.totalFigures = totalFigures
        self.coveredFigures = coveredFigures
    }

    /// True when at least one facility providing the target lies in the zone.
    public var hasFacility: Bool { facilitiesInZone > 0 }

    /// The coverage of one group.
    public func coverage(of group: TargetGroup) -> GroupCoverage {
        GroupCoverage(group: group, totalCount: totalFigures[group], coveredCount: coveredFigures[group])
    }

    /// The coverage of every group, in ``TargetGroup`` order (the population first).
    public var groups: [GroupCoverage] { TargetGroup.allCases.map(coverage(of:)) }
}
