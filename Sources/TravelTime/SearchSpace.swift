/// What every strip of a search shares: the grid's frictions (and elevations), its moves, and the
/// labels (time and source) of every cell. Each strip writes the labels of its own rows only; see
/// ``TravelTimeSearch``.
///
/// `@unchecked Sendable`: the pointers borrow arrays that outlive the search, and the writes of
/// strips running at the same time go to disjoint rows.
struct SearchSpace: @unchecked Sendable {
    let columns: Int
    let rows: Int
    /// Metres above a datum, when the walk is priced by its slope (``WalkingSlope``).
    let elevation: UnsafePointer<Float>?
    let moveCount: Int
    let rowSteps: UnsafePointer<Int>
    let columnSteps: UnsafePointer<Int>
    let indexSteps: UnsafePointer<Int>
    let halfLengthMeters: UnsafePointer<Double>
    let lengthMeters: UnsafePointer<Double>
    let reach: Int
    let limitSeconds: Double
    /// Each cell's label and friction side by side: a search spends its time waiting for memory,
    /// and one cache line then holds all it reads of a cell and of its neighbours in the row.
    let cells: UnsafeMutablePointer<CellState>

    @inline(__always) func isPassable(_ cell: Int) -> Bool { cells[cell].isPassable }

    /// The cost of move `k` from `cell` (in `row`) to `next`, seconds: the one formula of the
    /// search, so that a cell reached twice over the same move gets the same bits.
    @inline(__always) func moveSeconds(from cell: Int, row: Int, move k: Int, to next: Int) -> Double {
        let cost = (Double(cells[cell].friction) + Double(cells[next].friction)) * halfLengthMeters[row * moveCount + k]
        guard let elevation else { return cost }
        // The walk runs from `next` to `cell`, towards the source.
        let slope = Double(elevation[cell] - elevation[next]) / lengthMeters[row * moveCount + k]
        return cost * WalkingSlope.costFactor(slope: slope)
    }

    /// Gives `next` the label (`time`, `source`) if it is better than the one it has (earlier, or
    /// as early from a lower source) and within the limit; whether it did.
    @inline(__always) func improve(_ next: Int, time: Double, source: Int32) -> Bool {
        guard time <= limitSeconds else { return false }
        let old = cells[next].seconds
        guard time < old || (time == old && source < cells[next].source) else { return false }
        cells[next].seconds = time
        cells[next].source = source
        return true
    }
}

/// A cell during a search: the best time found so far and its source, and the cell's friction.
/// 16 bytes.
struct CellState {
    var seconds: Double
    var source: Int32
    let friction: Float

    /// Whether the cell can be entered: a friction above 0 and finite (NaN fails both comparisons).
    @inline(__always) var isPassable: Bool { friction > 0 && friction < .infinity }
}
