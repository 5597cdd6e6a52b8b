import Parallelism
import Synchronization

/// Multi-source least travel time over a ``CostGrid``: for every cell, the time of the fastest way
/// from any source to it, and which source that is (the allocation).
///
/// **Exact.** The answer is the least sum of move costs (see ``Neighbourhood``), as GRASS `r.cost`
/// and scikit-image's `MCP_Geometric` define it, in double precision: Dijkstra's algorithm (its
/// queue a radix heap on the bits of the times, ``ArrivalQueue``, with no rounding to units) on
/// labels (time, source) compared in that order, so that of sources reaching a cell at the same
/// time the lowest index is the cell's source. A source starts at time 0 in its cell; several
/// sources may share a cell (the lowest index keeps it).
///
/// **Several threads, the same answer.** The rows are cut into strips, at least one a thread. Each strip
/// runs Dijkstra over its own cells from the sources in it; then every strip relaxes the moves
/// into its cells from the edges of its neighbours, and searches again from the cells that
/// improved; rounds go on until no cell improves. Each label only ever decreases, and a label is
/// the least over all the ways into the cell, so the rounds end at the fixed point of "a cell's
/// label is the best of its neighbours' labels plus the move". With every move costing more than
/// nothing, that fixed point is unique: it is what one Dijkstra over the whole grid finds, bit for
/// bit, and so the same for any number of strips or threads. Rounds cost little when the sources
/// are spread over the strips (a path crosses a strip's edge and back a few times at most), and
/// strips of a large grid pay even on one thread (``stripCount(cells:threads:)``).
///
/// **Unreachable** cells (impassable, cut off by impassable cells, or beyond `maxMinutes`) have
/// no time (NaN) and no source (-1), never a number.
///
/// **Memory.** 16 bytes a cell: the friction, taken over from the grid (which the search
/// consumes), and 12 of working memory, the time as a double and the source as a 32-bit integer;
/// 4 more with elevations; and 16 bytes an arrival waiting in the strips' queues, a large bucket's
/// memory given back once emptied (``workingBytes`` says how much it took: on 16 million cells
/// with 1,000 sources the queues' peaks add up to 1.2 bytes a cell).
public struct TravelTimeSearch: Sendable {
    /// The grid's shape.
    public let columns: Int
    public let rows: Int
    /// The rounds of search and exchange between strips (1 with one strip).
    public let rounds: Int
    /// The cells settled, counting a cell settled again in a later round each time.
    public let settledCells: Int
    /// The memory of the search, bytes: 16 a cell for its labels and frictions, and the most each
    /// strip's queue held at once, added up.
    public let workingBytes: Int
    /// Per cell, the time (infinity where unreachable: `seconds` and `minutes` give NaN) and
    /// source (-1) found, and the friction.
    private let cells: [CellState]

    /// Searches `grid` from `sources` (row, column), stopping at `maxMinutes` when given.
    ///
    /// The grid is consumed: its frictions are copied beside the labels, and their memory goes
    /// back as soon as the search starts if the caller holds no other copy (pass `consume grid`).
    /// - Parameters:
    ///   - elevationMeters: a DEM on the same grid: walks are priced by their slope with Tobler's
    ///     hiking function (``WalkingSlope``); a cell whose elevation is NaN cannot be entered.
    ///   - threads: the threads to search with (nil: every core); the answer does not depend on it.
    ///   - progress: called now and then, from any thread, with the share of the passable cells
    ///     settled so far (it may pass 1 when strips settle cells again).
    /// - Throws: ``TravelTimeError/badSources(_:)`` naming every source outside the grid or on a
    ///   cell that cannot be entered; ``TravelTimeError/badGrid(_:)`` for elevations that do not
    ///   fit the grid.
    public init(
        grid: consuming CostGrid, sources: [(row: Int, column: Int)], neighbourhood: Neighbourhood = .eight, maxMinutes: Double? = nil,
        elevationMeters: [Float]? = nil, threads: Int? = 1, progress: (@Sendable (Double) -> Void)? = nil
    ) throws(TravelTimeError) {
        try self.init(
            grid: grid, sources: sources, neighbourhood: neighbourhood, maxMinutes: maxMinutes, elevationMeters: elevationMeters,
            threads: threads, strips: nil, progress: progress)
    }

    /// As above with the number of strips given (the tests vary it; nil: ``stripCount(cells:threads:)``).
    init(
        grid: consuming CostGrid, sources: [(row: Int, column: Int)], neighbourhood: Neighbourhood, maxMinutes: Double?,
        elevationMeters: [Float]?, threads: Int?, strips: Int?, progress: (@Sendable (Double) -> Void)?
    ) throws(TravelTimeError) {
        var refused: [TravelTimeError.RefusedSource] = []
        for (index, cell) in sources.enumerated() {
            if !(0..<grid.rows).contains(cell.row) || !(0..<grid.columns).contains(cell.column) {
                refused.append(.init(index: index, reason: "row \(cell.row), column \(cell.column) is outside the \(grid.rows) × \(grid.columns) grid"))
            } else if !grid.isPassable(cell.row * grid.columns + cell.column)
                || elevationMeters.map({ $0[cell.row * grid.columns + cell.column].isNaN }) == true
            {
                refused.append(.init(index: index, reason: "row \(cell.row), column \(cell.column) is a barrier or nodata"))
            }
        }
        guard refused.isEmpty else { throw .badSources(refused) }
        if let elevationMeters, elevationMeters.count != grid.friction.count {
            throw .badGrid("the elevations have \(elevationMeters.count) cells, the grid \(grid.friction.count)")
        }

        let (columns, rows) = (grid.columns, grid.rows)
        // A pass over the grid, made only for a progress report.
        let passable = progress == nil ? 1 : Double(max(1, grid.passableCount))
        let threadCount = Parallel.threadCount(threads)
        let moves = MoveTable(grid: grid, neighbourhood: neighbourhood)
        let strips = Self.strips(rows: rows, count: strips ?? Self.stripCount(cells: rows * columns, threads: threadCount), reach: moves.reach)
        let limitSeconds = maxMinutes.map { $0 * 60 } ?? .infinity
        var cells = grid.friction.map { CellState(seconds: .infinity, source: -1, friction: $0) }
        _ = consume grid
        let settled = SettledCells()
        var rounds = 0

        (elevationMeters ?? []).withUnsafeBufferPointer { elevation in
            cells.withUnsafeMutableBufferPointer { cells in
                moves.rowSteps.withUnsafeBufferPointer { rowSteps in
                    moves.columnSteps.withUnsafeBufferPointer { columnSteps in
                        moves.indexSteps.withUnsafeBufferPointer { indexSteps in
                            moves.halfLengthMeters.withUnsafeBufferPointer { halfLengths in
                                moves.lengthMeters.withUnsafeBufferPointer { lengths in
                                    let space = SearchSpace(
                                        columns: columns, rows: rows, elevation: elevationMeters == nil ? nil : elevation.baseAddress!,
                                        moveCount: moves.count, rowSteps: rowSteps.baseAddress!, columnSteps: columnSteps.baseAddress!,
                                        indexSteps: indexSteps.baseAddress!, halfLengthMeters: halfLengths.baseAddress!,
                                        lengthMeters: lengths.baseAddress!, reach: moves.reach, limitSeconds: limitSeconds,
                                        cells: cells.baseAddress!)
                                    rounds = Self.run(
                                        space: space, strips: strips, sources: sources, threads: threadCount, settled: settled,
                                        progress: progress.map { report in
                                            { @Sendable in report(Double(settled.count.load(ordering: .relaxed)) / passable) }
                                        })
                                }
                            }
                        }
                    }
                }
            }
        }
        self.columns = columns
        self.rows = rows
        self.cells = cells
        self.rounds = rounds
        self.settledCells = settled.count.load(ordering: .relaxed)
        self.workingBytes = cells.count * MemoryLayout<CellState>.stride + strips.reduce(0) { $0 + $1.queueBytes }
    }

    /// The cells that can be entered (a pass over the grid).
    public var passableCells: Int { cells.count(where: \.isPassable) }

    /// The cells a source reaches within the limit (a pass over the grid).
    public var reachedCells: Int { cells.count { $0.source >= 0 } }

    /// Seconds to the nearest source of the cell at `row`, `column`; NaN where unreachable.
    public func seconds(row: Int, column: Int) -> Double { Self.reported(cells[row * columns + column].seconds) }

    /// A label's time as the search reports it: a cell never reached keeps the infinity it
    /// started with (none is above the limit: `improve` refuses), reported as NaN.
    @inline(__always) private static func reported(_ seconds: Double) -> Double { seconds == .infinity ? .nan : seconds }

    /// The source reached first at `row`, `column`; -1 where unreachable.
    public func source(row: Int, column: Int) -> Int32 { cells[row * columns + column].source }

    /// Seconds to the nearest source of the cells of `rows`, row-major; NaN where unreachable.
    public func seconds(rows: Range<Int>) -> [Double] {
        cells[(rows.lowerBound * columns)..<(rows.upperBound * columns)].map { Self.reported($0.seconds) }
    }

    /// Minutes to the nearest source of the cells of `rows`, row-major, as a float32 raster holds
    /// them; NaN where unreachable.
    public func minutes(rows: Range<Int>) -> [Float] {
        cells[(rows.lowerBound * columns)..<(rows.upperBound * columns)].map { Float(Self.reported($0.seconds) / 60) }
    }

    /// The index of the source reached first of the cells of `rows`, row-major; -1 where
    /// unreachable.
    public func sources(rows: Range<Int>) -> [Int32] {
        cells[(rows.lowerBound * columns)..<(rows.upperBound * columns)].map(\.source)
    }
    /// The strips a search cuts a grid into: at least one a thread, and no more than about two
    /// million cells each, a multiple of the threads so that they share the work evenly. Strips
    /// pay on one thread too: a search's queue and the labels it touches stay small, and on a
    /// grid of 16 million cells with 1,000 sources eight strips search in half the time of one
    /// (Benchmarks/README.md, "Travel time").
    static func stripCount(cells: Int, threads: Int) -> Int {
        let bySize = (cells + 1_999_999) / 2_000_000
        return max(threads, (bySize + threads - 1) / threads * threads)
    }

    /// Per source, the cells it reaches first and the sum of their rows' `rowWeights` (a cell's
    /// area, say), in one pass over the grid.
    public func allocationTotals(sourceCount: Int, rowWeights: [Double]) -> (cells: [Int], weights: [Double]) {
        var cellCounts = [Int](repeating: 0, count: sourceCount)
        var weights = [Double](repeating: 0, count: sourceCount)
        cells.withUnsafeBufferPointer { cells in
            for row in 0..<rows {
                for cell in (row * columns)..<((row + 1) * columns) where cells[cell].source >= 0 {
                    let source = Int(cells[cell].source)
                    cellCounts[source] += 1
                    weights[source] += rowWeights[row]
                }
            }
        }
        return (cellCounts, weights)
    }

    /// Cuts `rows` into `count` strips of whole rows, as even as can be, none thinner than a move
    /// reaches (so that a move never crosses more than one strip's edge).
    static func strips(rows: Int, count: Int, reach: Int) -> [SearchStrip] {
        let count = max(1, min(count, rows / reach))
        return (0..<count).map { index in
            SearchStrip(rows: (rows * index / count)..<(rows * (index + 1) / count))
        }
    }

    /// The rounds of search and exchange; how many.
    private static func run(
        space: SearchSpace, strips: [SearchStrip], sources: [(row: Int, column: Int)], threads: Int, settled: SettledCells,
        progress: (@Sendable () -> Void)?
    ) -> Int {
        for (index, cell) in sources.enumerated() {
            let strip = strips.first { $0.endRow > cell.row }!
            strip.seed(cell.row * space.columns + cell.column, source: Int32(index), in: space)
        }
        var rounds = 0
        repeat {
            rounds += 1
            Parallel.forEachChunk(count: strips.count, threads: threads, chunkSize: 1) { range in
                for index in range { strips[index].search(in: space, settled: settled, progress: progress) }
            }
            guard strips.count > 1 else { break }
            Parallel.forEachChunk(count: strips.count, threads: threads, chunkSize: 1) { range in
                for index in range {
                    strips[index].takeArrivals(
                        above: index > 0 ? strips[index - 1] : nil, below: index + 1 < strips.count ? strips[index + 1] : nil, in: space)
                }
            }
        } while strips.contains(where: \.hasArrivals)
        return rounds
    }
}
