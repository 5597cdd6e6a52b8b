/// One line of the coverage-gaps table: a zone, a care target and one of its thresholds, with the
/// zone's villages and people, covered and not.
public struct CoverageGapRow: Sendable {
    /// The zone counted.
    public let zone: CoverageZone
    /// The care counted.
    public let target: CareTarget
    /// The limit a village must be within (inclusive) to count as covered.
    public let threshold: CoverageThreshold
    /// True when at least one facility providing the target lies in the zone by its district or
    /// province code. A zone without one is reported like any other (its villages may still be
    /// covered from across the border), flagged by this.
    public let hasFacility: Bool
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
        zone: CoverageZone, target: CareTarget, threshold: CoverageThreshold, hasFacility: Bool, villagesTotal: Int,
        villagesUncovered: Int, totalFigures: PopulationFigures, coveredFigures: PopulationFigures
    ) {
        self.zone = zone
        self.target = target
        self.threshold = threshold
        self.hasFacility = hasFacility
        self.villagesTotal = villagesTotal
        self.villagesUncovered = villagesUncovered
        self.totalFigures = totalFigures
        self.coveredFigures = coveredFigures
    }

    /// The coverage of one group.
    public func coverage(of group: TargetGroup) -> GroupCoverage {
        GroupCoverage(group: group, totalCount: totalFigures[group], coveredCount: coveredFigures[group])
    }

    /// The coverage of every group, in ``TargetGroup`` order (the population first).
    public var groups: [GroupCoverage] { TargetGroup.allCases.map(coverage(of:)) }
}
