import TravelTime

/// The nearest of a few candidate facilities to each of some origins by travel time over a
/// friction grid (the administrative facility of a district: its health centres, not the whole
/// country's), searched in a window round them, no further in time than a guess, both growing
/// until the answer is proven to be the one a search over the whole grid gives.
///
/// **Why a window is enough.** A trip that leaves the window first reaches a cell on one of its
/// cut sides (where the grid goes on) by a way that stays inside, so it takes at least the least
/// time the search inside found on those sides; then it steps out, and coming back to an origin k
/// cells from the nearest cut side takes k + 1 more moves, each at least the smallest cell size
/// long at the grid's least friction. An origin reached inside in less than that sum has its true
/// nearest candidate and time. A search stopped at a time limit reaches no cell beyond it: when it
/// reaches no cell of the sides, an origin reached within the limit is proven. Origins reached too
/// late double the window's margin; origins not reached lift the limit.
enum RestrictedNearest {
    /// Per origin, the candidate (its index in `candidates`) reached first and the seconds; nil
    /// when none is reached (or the origin or every candidate lies off the passable cells). Ties go
    /// to the lower candidate.
    ///
    /// - Parameter minutesGuess: how far in time to search at first (nil: no limit); any guess
    ///   gives the same answer, a good one (a little above the answers) the least work.
    static func search(
        candidates: [(row: Int, column: Int)], origins: [(row: Int, column: Int)], grid: CostGrid, leastFriction: Double,
        minutesGuess: Double?, initialMargin: Int = 40
    ) throws -> [(candidate: Int, seconds: Double)?] {
        guard !candidates.isEmpty, !origins.isEmpty else { return Array(repeating: nil, count: origins.count) }
        let leastMove = min(grid.cellWidthMeters.min() ?? 0, grid.cellHeightMeters.min() ?? 0) * leastFriction
        let cells = candidates + origins
        let top = cells.map(\.row).min()!, bottom = cells.map(\.row).max()!
        let left = cells.map(\.column).min()!, right = cells.map(\.column).max()!
        var margin = initialMargin
        var limit = minutesGuess
        while true {
            let rows = max(0, top - margin)..<min(grid.rows, bottom + margin + 1)
            let columns = max(0, left - margin)..<min(grid.columns, right + margin + 1)
            let whole = rows == 0..<grid.rows && columns == 0..<grid.columns
            let search = try TravelTimeSearch(
                grid: whole ? grid : grid.window(rows: rows, columns: columns),
                sources: candidates.map { ($0.row - rows.lowerBound, $0.column - columns.lowerBound) }, maxMinutes: limit, threads: 1)
            let sides = whole ? .infinity : leastTime(onCutSidesOf: search, rows: rows, columns: columns, grid: grid)
            var (escaping, unreached) = (false, false)
            let found = origins.map { origin -> (candidate: Int, seconds: Double)? in
                let (row, column) = (origin.row - rows.lowerBound, origin.column - columns.lowerBound)
                let seconds = search.seconds(row: row, column: column)
                guard seconds.isFinite else {
                    // Beyond the limit, or by a way out of the window; with neither, nowhere.
                    if limit != nil { unreached = true } else if sides.isFinite { escaping = true }
                    return nil
                }
                if !(seconds < sides + Double(cellsInside(origin, rows: rows, columns: columns, grid: grid) + 1) * leastMove) { escaping = true }
                return (Int(search.source(row: row, column: column)), seconds)
            }
            if !escaping && !unreached { return found }
            if unreached { limit = nil }
            if escaping { margin *= 2 }
        }
    }

    /// How many cells lie between `cell` and the nearest side of the window that cuts the grid
    /// (the grid's size when none does).
    private static func cellsInside(_ cell: (row: Int, column: Int), rows: Range<Int>, columns: Range<Int>, grid: CostGrid) -> Int {
        var inside = grid.rows + grid.columns
        if rows.lowerBound > 0 { inside = min(inside, cell.row - rows.lowerBound) }
        if rows.upperBound < grid.rows { inside = min(inside, rows.upperBound - 1 - cell.row) }
        if columns.lowerBound > 0 { inside = min(inside, cell.column - columns.lowerBound) }
        if columns.upperBound < grid.columns { inside = min(inside, columns.upperBound - 1 - cell.column) }
        return inside
    }

    /// The least time the search found on the window's sides that cut the grid (not the grid's own
    /// edges); infinity when it reached none of their cells.
    private static func leastTime(onCutSidesOf search: TravelTimeSearch, rows: Range<Int>, columns: Range<Int>, grid: CostGrid) -> Double {
        var least = Double.infinity
        func look(_ row: Int, _ column: Int) {
            let seconds = search.seconds(row: row - rows.lowerBound, column: column - columns.lowerBound)
            if seconds < least { least = seconds }  // NaN (not reached) never is
        }
        if rows.lowerBound > 0 { for column in columns { look(rows.lowerBound, column) } }
        if rows.upperBound < grid.rows { for column in columns { look(rows.upperBound - 1, column) } }
        if columns.lowerBound > 0 { for row in rows { look(row, columns.lowerBound) } }
        if columns.upperBound < grid.columns { for row in rows { look(row, columns.upperBound - 1) } }
        return least
    }
}
