import GeoIO

/// The classes a coverage map shades its zones by: 5 classes of percent uncovered between 6
/// ascending limits, each class holding its lower limit (the last also its upper one), coloured
/// by a sequential ramp from light (little uncovered) to dark (much uncovered).
///
/// The default limits are 0, 20, 40, 60, 80, 100 %, the same on every map so that maps of
/// different regions, tiers and thresholds can be compared. The colours are ColorBrewer's
/// 5-class YlOrRd (sequential, colour-blind safe, prints in grey as an ordered ramp).
public struct MapClasses: Sendable, Equatable {
    /// The number of classes.
    public static let count = 5

    /// The 6 class limits, percent, strictly ascending.
    public let limits: [Double]

    /// The fill of each class, lightest first (`#rrggbb`).
    public static let colours = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]

    /// The fill of zones with no data.
    public static let noDataColour = "#d9d9d9"

    /// Equal classes of 20 % from 0 to 100 %.
    public static let equalFifths = MapClasses(checkedLimits: [0, 20, 40, 60, 80, 100])

    /// Classes between `limits` (6 finite values, strictly ascending), or nil when they are not.
    public init?(limits: [Double]) {
        guard limits.count == Self.count + 1, limits.allSatisfy(\.isFinite),
            zip(limits, limits.dropFirst()).allSatisfy({ $0 < $1 })
        else { return nil }
        self.limits = limits
    }

    private init(checkedLimits: [Double]) { limits = checkedLimits }

    /// The class of `value` (0 for the lightest), or nil for no data (nil or not finite).
    /// Values below the first limit go to the first class, above the last to the last.
    public func index(of value: Double?) -> Int? {
        guard let value, value.isFinite else { return nil }
        for index in 1..<Self.count where value < limits[index] { return index - 1 }
        return Self.count - 1
    }

    /// The fill of `value`: its class's colour, or the no-data grey.
    public func colour(of value: Double?) -> String {
        index(of: value).map { Self.colours[$0] } ?? Self.noDataColour
    }

    /// The legend label of class `index`: `0 to < 20 %`, …, `80 to 100 %`.
    public func label(_ index: Int) -> String {
        let lower = Self.percent(limits[index]), upper = Self.percent(limits[index + 1])
        return index == Self.count - 1 ? "\(lower) to \(upper) %" : "\(lower) to < \(upper) %"
    }

    /// A limit as written in the legend: whole numbers without decimals, others with one or two.
    static func percent(_ value: Double) -> String { SVGDocument.number(value) }
}
