import GeoIO
import GeometryKit
import TravelTime

/// Each village's minutes to the nearest facility, read from a travel-time search at the cell its
/// point lies in, and the population within each threshold: what a planner asks of a travel-time
/// surface ("how many people live within an hour's walk of a health centre").
public struct VillageTravelTimes: Sendable {
    public struct Entry: Sendable {
        public let village: Village
        /// The cell, nil when the village lies outside the raster.
        public let cell: (row: Int, column: Int)?
        /// Minutes, nil when outside the raster or unreachable (a cell of nodata, cut off, or beyond
        /// the search's limit).
        public let minutes: Double?
        /// The index of the nearest source, nil with `minutes`.
        public let source: Int?
    }

    public let entries: [Entry]
    /// Per threshold (minutes, ascending), the villages and people within it.
    public let within: [(minutes: Double, villages: Int, population: Int)]
    /// Villages outside the raster, and villages on a cell no facility reaches.
    public let outsideCount: Int
    public let unreachableCount: Int
    public let totalPopulation: Int

    /// Samples `analysis` at every village of `villages`; thresholds in minutes.
    public init(_ villages: [Village], analysis: TravelTimeAnalysis, thresholds: [Double]) throws {
        let grid = analysis.grid
        let projected = try CoordinateTransform.fromWGS84(to: grid.crs.definition).apply(villages.map(\.location))
        let entries = zip(villages, projected).map { village, point in
            guard let cell = grid.cell(containingX: point.x, y: point.y) else {
                return Entry(village: village, cell: nil, minutes: nil, source: nil)
            }
            let seconds = analysis.search.seconds(row: cell.row, column: cell.column)
            let source = analysis.search.source(row: cell.row, column: cell.column)
            guard seconds.isFinite else { return Entry(village: village, cell: cell, minutes: nil, source: nil) }
            return Entry(village: village, cell: cell, minutes: seconds / 60, source: Int(source))
        }
        self.entries = entries
        let sorted = thresholds.sorted()
        within = sorted.map { limit in
            let inside = entries.filter { ($0.minutes ?? .infinity) <= limit }
            return (limit, inside.count, inside.reduce(0) { $0 + $1.village.figures.population })
        }
        outsideCount = entries.count { $0.cell == nil }
        unreachableCount = entries.count { $0.cell != nil && $0.minutes == nil }
        totalPopulation = villages.reduce(0) { $0 + $1.figures.population }
    }
}

extension VillageTravelTimes {
    /// The manifest's counts: villages, those outside the raster or not reached, people within each
    /// threshold.
    public var counts: [String: Int] {
        var counts = ["villages": entries.count, "villages_outside_raster": outsideCount, "villages_not_reached": unreachableCount]
        for limit in within { counts["population_within_\(Int(limit.minutes.rounded()))_minutes"] = limit.population }
        return counts
    }

    /// What the command prints: the people within each threshold, and the villages without minutes.
    public var summary: String {
        var lines = within.map { limit in
            "Within \(CoverageThreshold.number(limit.minutes)) minutes: \(limit.population.grouped) people "
                + "(\(CoverageThreshold.number(totalPopulation == 0 ? 0 : (Double(limit.population) / Double(totalPopulation) * 1_000).rounded() / 10)) %) "
                + "in \(limit.villages.grouped) of \(entries.count.grouped) villages."
        }
        if outsideCount + unreachableCount > 0 {
            lines.append("\(outsideCount) villages lie outside the raster and \(unreachableCount) on cells no facility reaches: see villages_minutes.csv.")
        }
        return lines.joined(separator: "\n")
    }
}
