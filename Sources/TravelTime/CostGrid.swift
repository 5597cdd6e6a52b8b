#if canImport(Glibc)
    import Glibc  // libm's functions without Foundation: the kernels' C library links no Foundation (ICU alone is 47 MB)
#elseif canImport(Darwin)
    import Darwin
#endif

/// The surface a travel time is computed over: a grid of cells, rows from the top (north), each
/// with a friction in seconds per metre, and the size of the cells of each row in metres.
///
/// A cell whose friction is not a finite number above zero (NaN, the nodata of a friction raster,
/// or infinity, a barrier) cannot be entered or left.
///
/// **Cell sizes.** In a projected CRS every cell has the same width and height (``init(columns:rows:friction:cellSizeMeters:)``).
/// In a geographic CRS a cell of Δλ × Δφ degrees is narrower towards the poles, so each row has
/// its own width and height, taken on the WGS 84 ellipsoid at the row's central latitude
/// (``init(columns:rows:friction:topLatitude:cellWidthDegrees:cellHeightDegrees:)``): width = Δλ · N(φ) cos φ, height
/// = Δφ · M(φ), N and M the radii of curvature in the prime vertical and the meridian.
public struct CostGrid: Sendable {
    public let columns: Int
    public let rows: Int
    /// Seconds per metre, row-major from the top row.
    public let friction: [Float]
    /// The width of the cells of each row, metres.
    public let cellWidthMeters: [Double]
    /// The height of the cells of each row, metres.
    public let cellHeightMeters: [Double]

    /// A grid in a projected CRS, square cells of `cellSizeMeters`.
    public init(columns: Int, rows: Int, friction: [Float], cellSizeMeters: Double) throws(TravelTimeError) {
        try self.init(
            columns: columns, rows: rows, friction: friction,
            cellWidthMeters: Array(repeating: cellSizeMeters, count: rows), cellHeightMeters: Array(repeating: cellSizeMeters, count: rows))
    }

    /// A grid in WGS 84 longitude and latitude whose top edge is at `topLatitude` and whose cells
    /// are `cellWidthDegrees` of longitude by `cellHeightDegrees` of latitude.
    public init(
        columns: Int, rows: Int, friction: [Float], topLatitude: Double, cellWidthDegrees: Double, cellHeightDegrees: Double
    ) throws(TravelTimeError) {
        let a = 6_378_137.0
        let e2 = 1 / 298.257_223_563 * (2 - 1 / 298.257_223_563)
        let across = cellWidthDegrees * .pi / 180
        let down = cellHeightDegrees * .pi / 180
        var widths: [Double] = []
        var heights: [Double] = []
        for row in 0..<rows {
            let phi = (topLatitude - (Double(row) + 0.5) * cellHeightDegrees) * .pi / 180
            let w = 1 - e2 * sin(phi) * sin(phi)
            widths.append(across * a / w.squareRoot() * cos(phi))
            heights.append(down * a * (1 - e2) / (w * w.squareRoot()))
        }
        try self.init(columns: columns, rows: rows, friction: friction, cellWidthMeters: widths, cellHeightMeters: heights)
    }

    /// A grid with the cell sizes of each row given.
    public init(columns: Int, rows: Int, friction: [Float], cellWidthMeters: [Double], cellHeightMeters: [Double]) throws(TravelTimeError) {
        guard columns > 0, rows > 0, friction.count == columns * rows else {
            throw TravelTimeError.badGrid("\(columns) × \(rows) cells need \(max(0, columns * rows)) frictions, found \(friction.count)")
        }
        // A cell's index travels in 32 bits in the search's queue.
        guard friction.count <= Int(UInt32.max) else {
            throw TravelTimeError.badGrid("\(columns) × \(rows) cells are more than the \(UInt32.max) a search can hold")
        }
        guard cellWidthMeters.count == rows, cellHeightMeters.count == rows,
            (cellWidthMeters + cellHeightMeters).allSatisfy({ $0.isFinite && $0 > 0 })
        else {
            throw TravelTimeError.badGrid("each of the \(rows) rows needs a cell width and height in metres, finite and above 0")
        }
        self.columns = columns
        self.rows = rows
        self.friction = friction
        self.cellWidthMeters = cellWidthMeters
        self.cellHeightMeters = cellHeightMeters
    }

    /// The cells that can be entered.
    public var passableCount: Int { friction.indices.count { isPassable($0) } }

    /// The part of the grid in `rows` × `columns` (both within it and not empty), as a grid of its own.
    public func window(rows: Range<Int>, columns: Range<Int>) -> CostGrid {
        var cells: [Float] = []
        cells.reserveCapacity(rows.count * columns.count)
        for row in rows { cells += friction[(row * self.columns + columns.lowerBound)..<(row * self.columns + columns.upperBound)] }
        // Sizes already checked for the whole grid.
        return try! CostGrid(
            columns: columns.count, rows: rows.count, friction: cells, cellWidthMeters: Array(cellWidthMeters[rows]),
            cellHeightMeters: Array(cellHeightMeters[rows]))
    }

    /// The least friction of a cell that can be entered (seconds per metre): the fastest way
    /// across the grid; nil when no cell can be entered.
    public var leastFriction: Float? { friction.filter { $0.isFinite && $0 > 0 }.min() }

    /// Whether the cell at `index` can be entered.
    @inline(__always) public func isPassable(_ index: Int) -> Bool {
        let value = friction[index]
        return value.isFinite && value > 0
    }
}
