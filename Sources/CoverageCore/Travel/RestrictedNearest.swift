import TravelTime

/// The nearest of a few candidate facilities to each of some origins by travel time over a
/// friction grid (the administrative facility of a district: its health centres, not the whole
/// country's), searched in a window round them that grows until the answer is proven to be the one
/// a search over the whole grid gives.
///
/// **Why a window is enough.** A trip that leaves the window crosses its edge: from a cell k cells
/// inside the edge that takes at least k + 1 moves, each at least the smallest cell size long and
/// costing at least the grid's least friction per metre. So a trip between a candidate and an
/// origin that leaves the window costs at least (k_candidate + 1 + k_origin + 1) × smallest cell ×
/// least friction; an origin whose time inside the window is below that bound has its true nearest
/// candidate and time. Origins not proven double the margin and search again, up to the whole grid.
enum RestrictedNearest {
    /// Per origin, the candidate (its index in `candidates`) reached first and the seconds; nil
    /// when none is reached (or the origin or every candidate lies off the passable cells). Ties go
    /// to the lower candidate.
    static func search(
        candidates: [(row: Int, column: Int)], origins: [(row: Int, column: Int)], grid: CostGrid, leastFriction: Double,
        initialMargin: Int = 40
    ) throws -> [(candidate: Int, seconds: Double)?] {
        guard !candidates.isEmpty, !origins.isEmpty else { return Array(repeating: nil, count: origins.count) }
        let smallest = min(grid.cellWidthMeters.min() ?? 0, grid.cellHeightMeters.min() ?? 0)
        let cells = candidates + origins
        let top = cells.map(\.row).min()!, bottom = cells.map(\.row).max()!
        let left = cells.map(\.column).min()!, right = cells.map(\.column).max()!
        var margin = initialMargin
        while true {
            let rows = max(0, top - margin)..<min(grid.rows, bottom + margin + 1)
            let columns = max(0, left - margin)..<min(grid.columns, right + margin + 1)
            let whole = rows == 0..<grid.rows && columns == 0..<grid.columns
            let search = try TravelTimeSearch(
                grid: whole ? grid : grid.window(rows: rows, columns: columns),
                sources: candidates.map { ($0.row - rows.lowerBound, $0.column - columns.lowerBound) }, threads: 1)
            // How many whole moves a cell is from leaving the window.
            func depth(_ cell: (row: Int, column: Int)) -> Int {
                min(cell.row - rows.lowerBound, rows.upperBound - 1 - cell.row, cell.column - columns.lowerBound, columns.upperBound - 1 - cell.column)
                    + 1
            }
            let candidateDepth = candidates.map(depth).min()!
            var proven = true
            let found = origins.map { origin -> (candidate: Int, seconds: Double)? in
                let seconds = search.seconds(row: origin.row - rows.lowerBound, column: origin.column - columns.lowerBound)
                let bound = Double(candidateDepth + depth(origin)) * smallest * leastFriction
                if !whole && !(seconds < bound) { proven = false }
                guard seconds.isFinite else { return nil }
                return (Int(search.source(row: origin.row - rows.lowerBound, column: origin.column - columns.lowerBound)), seconds)
            }
            if whole || proven { return found }
            margin *= 2
        }
    }
}
