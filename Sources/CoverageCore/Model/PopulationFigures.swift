/// The groups of people that coverage is counted for: the whole population and the three target
/// groups that Lao health programmes plan for.
public enum TargetGroup: String, Sendable, CaseIterable, Codable {
    case population
    case under5
    case birthsLive = "births_live"
    case women15to49 = "women_15_49"

    /// A label for tables: "population", "under 5", "live births", "women 15–49".
    public var label: String {
        switch self {
        case .population: "population"
        case .under5: "under 5"
        case .birthsLive: "live births"
        case .women15to49: "women 15–49"
        }
    }
}

/// Headcounts for one place: the population and its target groups (persons; live births per
/// year). A target group is nil where the source does not give it.
public struct PopulationFigures: Sendable, Equatable, Hashable {
    public var population: Int
    public var under5: Int?
    public var birthsLive: Int?
    public var women15to49: Int?

    public init(population: Int, under5: Int? = nil, birthsLive: Int? = nil, women15to49: Int? = nil) {
        self.population = population
        self.under5 = under5
        self.birthsLive = birthsLive
        self.women15to49 = women15to49
    }

    public static let zero = PopulationFigures(population: 0, under5: 0, birthsLive: 0, women15to49: 0)

    /// The figure for `group`.
    public subscript(group: TargetGroup) -> Int? {
        switch group {
        case .population: population
        case .under5: under5
        case .birthsLive: birthsLive
        case .women15to49: women15to49
        }
    }

    /// The sum, group by group; a group is nil in the sum when it is nil in either term.
    public static func + (lhs: PopulationFigures, rhs: PopulationFigures) -> PopulationFigures {
        func add(_ a: Int?, _ b: Int?) -> Int? { a.flatMap { a in b.map { a + $0 } } }
        return PopulationFigures(
            population: lhs.population + rhs.population,
            under5: add(lhs.under5, rhs.under5),
            birthsLive: add(lhs.birthsLive, rhs.birthsLive),
            women15to49: add(lhs.women15to49, rhs.women15to49))
    }

    public static func += (lhs: inout PopulationFigures, rhs: PopulationFigures) {
        lhs = lhs + rhs
    }
}
