/// The moves of a ``Neighbourhood`` on one ``CostGrid``, and the length of each from each row.
///
/// A move from a cell of row r by (Δrow, Δcolumn) spans Δx = |Δcolumn| × the mean of the cell
/// widths of rows r and r + Δrow, and Δy = |Δrow| × the mean of their heights; its length is
/// √(Δx² + Δy²). The lengths are taken once per row (a projected grid has the same in every row).
struct MoveTable: Sendable {
    let rowSteps: [Int]
    let columnSteps: [Int]
    /// The step in the row-major cell index.
    let indexSteps: [Int]
    /// Half the length of move k from a cell of row r, at `r * count + k` (metres; 0 when the move
    /// leaves the grid): a move costs (friction here + friction there) × this.
    let halfLengthMeters: [Double]
    /// The length of move k from a cell of row r, at `r * count + k` (metres).
    let lengthMeters: [Double]
    /// The most rows (and columns) a move spans: 1 with 8 neighbours, 2 with 16.
    let reach: Int
    var count: Int { rowSteps.count }

    init(grid: borrowing CostGrid, neighbourhood: Neighbourhood) {
        let offsets = neighbourhood.offsets
        rowSteps = offsets.map(\.row)
        columnSteps = offsets.map(\.column)
        indexSteps = offsets.map { $0.row * grid.columns + $0.column }
        reach = offsets.map { max(abs($0.row), abs($0.column)) }.max() ?? 1
        var lengths = [Double](repeating: 0, count: grid.rows * offsets.count)
        for row in 0..<grid.rows {
            for (k, step) in offsets.enumerated() {
                let other = row + step.row
                guard other >= 0, other < grid.rows else { continue }
                let dx = Double(abs(step.column)) * (grid.cellWidthMeters[row] + grid.cellWidthMeters[other]) / 2
                let dy = Double(abs(step.row)) * (grid.cellHeightMeters[row] + grid.cellHeightMeters[other]) / 2
                lengths[row * offsets.count + k] = (dx * dx + dy * dy).squareRoot()
            }
        }
        lengthMeters = lengths
        halfLengthMeters = lengths.map { $0 / 2 }
    }
}
