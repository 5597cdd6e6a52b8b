/// One facility's catchment: the demand points (villages) whose nearest facility providing the
/// care it is, and the people they stand for — what capitation payments and vaccine orders are
/// planned from.
public struct Catchment: Sendable, Equatable {
    /// The facility's position in ``LayerSet/facilities``.
    public let facility: Int
    /// The positions, in ``CoverageAssignment/points``, of the points it serves, ascending.
    /// Empty for a facility that is nearest to no point (it is still listed, with zeros).
    public let points: [Int]
    /// The sum of the points' figures, group by group (persons; live births per year). A target
    /// group is nil when any point served lacks it; all zero for a facility serving none.
    public let figures: PopulationFigures

    /// A catchment of `facility` serving `points` with `figures` in total.
    public init(facility: Int, points: [Int], figures: PopulationFigures) {
        self.facility = facility
        self.points = points
        self.figures = figures
    }

    /// How many points (villages) it serves.
    public var pointCount: Int { points.count }

    /// True when the facility is the nearest to no point.
    public var isEmpty: Bool { points.isEmpty }
}
