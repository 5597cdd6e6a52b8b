/// Multi-source least travel time over a ``CostGrid``: for every cell, the time of the fastest way
/// from any source to it, and which source that is (the allocation).
///
/// **Exact.** Dijkstra's algorithm with a binary heap on double-precision seconds: the answer is
/// the least sum of move costs (see ``Neighbourhood``), as GRASS `r.cost` and scikit-image's
/// `MCP_Geometric` define it. Of sources that reach a cell at the same time, the lowest index is
/// the cell's source. A source starts at time 0 in its cell; several sources may share a cell (the
/// lowest index keeps it).
///
/// **Unreachable** cells (impassable, cut off by impassable cells, or beyond `maxMinutes`) have
/// no time (NaN) and no source (-1), never a number.
///
/// One thread: a first step of issue 16, without the raster files, the command and the peers.
public struct TravelTimeSearch: Sendable {
    /// Per cell, minutes to the nearest source; NaN where unreachable.
    public let minutes: [Float]
    /// Per cell, the index of the source reached first; -1 where unreachable.
    public let source: [Int32]

    /// Searches `grid` from `sources` (row, column), stopping at `maxMinutes` when given.
    /// - Throws: ``TravelTimeError/badSources(_:)`` naming every source outside the grid or on a
    ///   cell that cannot be entered.
    public init(
        grid: CostGrid, sources: [(row: Int, column: Int)], neighbourhood: Neighbourhood = .eight, maxMinutes: Double? = nil
    ) throws(TravelTimeError) {
        var refused: [TravelTimeError.RefusedSource] = []
        for (index, cell) in sources.enumerated() {
            if !(0..<grid.rows).contains(cell.row) || !(0..<grid.columns).contains(cell.column) {
                refused.append(.init(index: index, reason: "row \(cell.row), column \(cell.column) is outside the \(grid.rows) × \(grid.columns) grid"))
            } else if !grid.isPassable(cell.row * grid.columns + cell.column) {
                refused.append(.init(index: index, reason: "row \(cell.row), column \(cell.column) is a barrier or nodata"))
            }
        }
        guard refused.isEmpty else { throw .badSources(refused) }

        let count = grid.rows * grid.columns
        let limitSeconds = maxMinutes.map { $0 * 60 } ?? .infinity
        var seconds = [Double](repeating: .infinity, count: count)
        var owner = [Int32](repeating: -1, count: count)
        var queue = ArrivalQueue()
        for (index, cell) in sources.enumerated() {
            let position = cell.row * grid.columns + cell.column
            if owner[position] == -1 {
                seconds[position] = 0
                owner[position] = Int32(index)
                queue.push(.init(seconds: 0, source: Int32(index), cell: Int32(position)))
            }
        }
        let offsets = neighbourhood.offsets
        while let arrival = queue.pop() {
            let position = Int(arrival.cell)
            // A later, slower arrival at a cell already settled.
            guard arrival.seconds == seconds[position], arrival.source == owner[position] else { continue }
            if arrival.seconds > limitSeconds { break }
            let row = position / grid.columns
            let column = position % grid.columns
            let here = Double(grid.friction[position])
            for step in offsets {
                let nextRow = row + step.row
                let nextColumn = column + step.column
                guard nextRow >= 0, nextRow < grid.rows, nextColumn >= 0, nextColumn < grid.columns else { continue }
                let next = nextRow * grid.columns + nextColumn
                guard grid.isPassable(next) else { continue }
                let dx = Double(abs(step.column)) * (grid.cellWidthMeters[row] + grid.cellWidthMeters[nextRow]) / 2
                let dy = Double(abs(step.row)) * (grid.cellHeightMeters[row] + grid.cellHeightMeters[nextRow]) / 2
                let time = arrival.seconds + (here + Double(grid.friction[next])) / 2 * (dx * dx + dy * dy).squareRoot()
                if time < seconds[next] || (time == seconds[next] && arrival.source < owner[next]) {
                    seconds[next] = time
                    owner[next] = arrival.source
                    queue.push(.init(seconds: time, source: arrival.source, cell: Int32(next)))
                }
            }
        }
        // Unreached cells keep an infinite time, which is no less than an unlimited search's limit.
        let reached = { (time: Double) in time.isFinite && time <= limitSeconds }
        minutes = seconds.map { reached($0) ? Float($0 / 60) : .nan }
        source = zip(seconds, owner).map { reached($0.0) ? $0.1 : -1 }
    }
}
