import GeometryKit
import Parallelism
import RasterIO
import TravelTime

/// Which demand points lie within a time limit of each of many sites over a friction raster: for
/// each site a search bounded by the limit, in a window of the raster that no trip within the
/// limit can leave (its half-width the distance covered in the limit at the raster's least
/// friction). What planning asks of every candidate site; cheap where the limit is short against
/// the fastest speed (60 minutes' walk: 21 × 21 cells of 500 m), dearer on roads.
///
/// The same minutes as a search over the whole raster: a cell the bounded search reaches within
/// the limit, it reaches by the same path.
struct RasterReach {
    /// Per site, the points within the limit and their minutes, by point.
    let reached: [[(point: Int, minutes: Double)]]

    /// - Throws: PROJ errors; ``TravelTimeError`` only for a grid that cannot be searched.
    init(minutes limit: Double, sites: [Coordinate], points: [Coordinate], surface: TravelSurface, threads: Int?) throws {
        let grid = surface.grid
        let costGrid = try surface.costGrid()
        // The points of each row, by column.
        var pointsOfRow: [Int: [(column: Int, point: Int)]] = [:]
        for (point, cell) in try surface.passableCells(of: points).enumerated() {
            if let cell { pointsOfRow[cell.row, default: []].append((cell.column, point)) }
        }
        let siteCells = try surface.passableCells(of: sites)
        guard let least = costGrid.leastFriction else {
            reached = Array(repeating: [], count: sites.count)
            return
        }
        let smallest = min(costGrid.cellWidthMeters.min() ?? 0, costGrid.cellHeightMeters.min() ?? 0)
        let reachMeters = limit * 60 / Double(least)
        let halfWidth = Int((reachMeters / smallest).rounded(.up)) + 1
        let points = pointsOfRow
        reached = try Parallel.map(count: sites.count, threads: threads) { site in
            guard let centre = siteCells[site] else { return [] }
            let rows = max(0, centre.row - halfWidth)..<min(grid.rows, centre.row + halfWidth + 1)
            let columns = max(0, centre.column - halfWidth)..<min(grid.columns, centre.column + halfWidth + 1)
            let search = try TravelTimeSearch(
                grid: costGrid.window(rows: rows, columns: columns),
                sources: [(centre.row - rows.lowerBound, centre.column - columns.lowerBound)], maxMinutes: limit * (1 + 1e-9), threads: 1)
            var found: [(point: Int, minutes: Double)] = []
            for row in rows {
                for (column, point) in points[row] ?? [] where columns.contains(column) {
                    let seconds = search.seconds(row: row - rows.lowerBound, column: column - columns.lowerBound)
                    // Judged as coverage judges minutes (a hair of slack in the search's own limit above).
                    if seconds / 60 <= limit { found.append((point, seconds / 60)) }
                }
            }
            return found
        }
    }
}
