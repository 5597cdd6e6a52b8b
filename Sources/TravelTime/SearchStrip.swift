import Synchronization

/// A band of whole rows searched by one thread at a time: Dijkstra's algorithm over the strip's
/// own cells, and the exchange of the labels within reach of its edges with the strips above and
/// below. See ``TravelTimeSearch`` for why the rounds of both end in the exact answer.
final class SearchStrip: @unchecked Sendable {
    let firstRow: Int
    let endRow: Int
    private let queue = ArrivalQueue()
    /// The labels of the strip's first and last `reach` rows at the end of its last search, read by
    /// its neighbours while it may change its own.
    private var topSeconds: [Double] = []
    private var topOwner: [Int32] = []
    private var bottomSeconds: [Double] = []
    private var bottomOwner: [Int32] = []

    init(rows: Range<Int>) {
        firstRow = rows.lowerBound
        endRow = rows.upperBound
    }

    var hasArrivals: Bool { !queue.isEmpty }
    /// The most memory the strip's queue has held at once, bytes.
    var queueBytes: Int { queue.peakBytes }

    /// Starts `source` at time 0 in `cell`, one of the strip's.
    func seed(_ cell: Int, source: Int32, in space: SearchSpace) {
        if space.improve(cell, time: 0, source: source) {
            queue.push(.init(seconds: 0, source: source, cell: cell))
        }
    }

    /// Settles the strip's cells from its arrivals, earliest first, then keeps the labels of its
    /// edges for the neighbours. Counts the cells settled in `settled`, calling `progress` every
    /// 65,536 of them.
    func search(in space: SearchSpace, settled: SettledCells, progress: (@Sendable () -> Void)?) {
        let columns = space.columns
        let reach = space.reach
        // Cells whose every move stays in the strip and the grid need no bounds checks.
        let safeRows = (firstRow + reach)..<max(firstRow + reach, endRow - reach)
        let safeColumns = reach..<max(reach, columns - reach)
        var count = 0
        while let arrival = queue.pop() {
            let cell = arrival.cell
            let source = arrival.source
            // A later, slower arrival at a cell already settled.
            guard arrival.seconds == space.cells[cell].seconds, source == space.cells[cell].source else { continue }
            count += 1
            let row = cell / columns
            let column = cell - row * columns
            let checked = !safeRows.contains(row) || !safeColumns.contains(column)
            for k in 0..<space.moveCount {
                if checked {
                    let nextRow = row + space.rowSteps[k]
                    let nextColumn = column + space.columnSteps[k]
                    guard nextRow >= firstRow, nextRow < endRow, nextColumn >= 0, nextColumn < columns else { continue }
                }
                let next = cell + space.indexSteps[k]
                guard space.isPassable(next) else { continue }
                let time = arrival.seconds + space.moveSeconds(from: cell, row: row, move: k, to: next)
                if space.improve(next, time: time, source: source) {
                    queue.push(.init(seconds: time, source: source, cell: next))
                }
            }
            if count & 0xFFFF == 0 {
                settled.count.add(0x10000, ordering: .relaxed)
                progress?()
            }
        }
        settled.count.add(count & 0xFFFF, ordering: .relaxed)
        keepEdges(of: space)
    }

    private func keepEdges(of space: SearchSpace) {
        let reach = min(space.reach, endRow - firstRow)
        let top = (firstRow * space.columns)..<((firstRow + reach) * space.columns)
        let bottom = ((endRow - reach) * space.columns)..<(endRow * space.columns)
        topSeconds = top.map { space.cells[$0].seconds }
        topOwner = top.map { space.cells[$0].source }
        bottomSeconds = bottom.map { space.cells[$0].seconds }
        bottomOwner = bottom.map { space.cells[$0].source }
    }

    /// Relaxes the moves from the kept edges of the strips above and below into this strip's
    /// cells; the cells it improves become arrivals for its next search.
    func takeArrivals(above: SearchStrip?, below: SearchStrip?, in space: SearchSpace) {
        if let above {
            let reach = min(space.reach, above.endRow - above.firstRow)
            relax(fromRow: above.endRow - reach, seconds: above.bottomSeconds, owner: above.bottomOwner, in: space)
        }
        if let below {
            relax(fromRow: below.firstRow, seconds: below.topSeconds, owner: below.topOwner, in: space)
        }
    }

    private func relax(fromRow: Int, seconds: [Double], owner: [Int32], in space: SearchSpace) {
        let columns = space.columns
        for (offset, time) in seconds.enumerated() where time <= space.limitSeconds {
            let cell = fromRow * columns + offset
            let row = cell / columns
            let column = cell - row * columns
            for k in 0..<space.moveCount {
                let nextRow = row + space.rowSteps[k]
                let nextColumn = column + space.columnSteps[k]
                guard nextRow >= firstRow, nextRow < endRow, nextColumn >= 0, nextColumn < columns else { continue }
                let next = cell + space.indexSteps[k]
                guard space.isPassable(next) else { continue }
                let arrival = time + space.moveSeconds(from: cell, row: row, move: k, to: next)
                if space.improve(next, time: arrival, source: owner[offset]) {
                    queue.push(.init(seconds: arrival, source: owner[offset], cell: next))
                }
            }
        }
    }
}

/// The cells settled so far by every strip, for the progress report.
final class SettledCells: Sendable {
    let count = Atomic<Int>(0)
}
