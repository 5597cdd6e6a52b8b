/// How many people of one group a zone has, and how many of them are covered.
///
/// Nil figures mean the data has none for the group (a village layer without a `women_15_49`
/// field, or with the field missing for one of the zone's villages): they stay null in every
/// output, never a zero.
public struct GroupCoverage: Sendable, Equatable {
    /// The group counted.
    public let group: TargetGroup
    /// Persons (live births per year for `births_live`) in the zone, nil when unknown.
    public let totalCount: Int?
    /// Of them, those living in covered villages.
    public let coveredCount: Int?

    /// The coverage of `group`: `coveredCount` of `totalCount` (the covered count is taken as
    /// unknown when the total is).
    public init(group: TargetGroup, totalCount: Int?, coveredCount: Int?) {
        self.group = group
        self.totalCount = totalCount
        self.coveredCount = totalCount == nil ? nil : coveredCount
    }

    /// Those living in villages beyond the threshold (or with no facility at all).
    public var uncoveredCount: Int? {
        guard let totalCount, let coveredCount else { return nil }
        return totalCount - coveredCount
    }

    /// The covered share in percent (0…100); nil when the total is unknown or zero, since a zone
    /// nobody lives in is neither covered nor uncovered.
    public var percentCovered: Double? {
        guard let totalCount, let coveredCount, totalCount > 0 else { return nil }
        return Double(coveredCount) / Double(totalCount) * 100
    }
}
