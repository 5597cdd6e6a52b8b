import GeometryKit

/// An immutable index over a list of polygonal geometries that finds, for many points, the
/// geometry that covers each one: point-in-polygon in pure Swift, without a GEOS call per point.
///
/// **Semantics.** A point belongs to a geometry when the geometry *covers* it — the answer of GEOS
/// `covers` (`PreparedGeometry.covers`): points in the interior and points exactly on any ring
/// (exterior or hole, vertices included) count; points inside a hole do not. Rings are combined by
/// the even–odd rule over all the rings of the geometry, as GEOS's `IndexedPointInAreaLocator`
/// does, so the answer equals GEOS's even for invalid (self-intersecting, overlapping) input.
/// The orientation test is exact (a floating-point filter with an exact expansion fallback,
/// after Shewchuk), so a point that is on an edge, on a vertex or a rounding error away from one
/// gets the same answer as from GEOS. When several geometries cover a point the lowest index wins
/// (shared borders between neighbouring districts go to the lower index); when none does the
/// answer is none. GEOS `contains` differs only for points exactly on a boundary.
///
/// **How.** A uniform grid over the union envelope. For each cell the index lists, in ascending
/// geometry order, the geometries that may cover some of its points: a geometry whose boundary
/// stays clear of the (slightly inflated) cell either covers all of it or none of it, decided once
/// at build time; for the others the cell keeps the geometry's edges in the cell's row that lie on
/// the cheaper side of the cell, and a point is tested by a horizontal ray to that side (the
/// half-open crossing rule of GEOS's `RayCrossingCounter`). Most points are answered by one array
/// read. Coordinates are planar: longitude/latitude degrees or projected metres alike, with no
/// wrapping at ±180°.
///
/// `Sendable` and immutable: build once, then query from any number of threads. The batch query
/// splits the points among threads and returns answers in input order; each answer depends only
/// on its point, so results are identical whatever the thread count.
public struct PointInPolygonIndex: Sendable {
    /// One edge of a ring, from (x1, y1) to (x2, y2).
    struct Edge: Sendable {
        var x1: Double, y1: Double, x2: Double, y2: Double
        var minX: Double { Swift.min(x1, x2) }
        var maxX: Double { Swift.max(x1, x2) }
        var minY: Double { Swift.min(y1, y2) }
        var maxY: Double { Swift.max(y1, y2) }
    }

    /// What a cell knows about one geometry that covers some of its points.
    struct CellEntry: Sendable {
        /// The geometry's index; -1 ends a cell's list.
        var geometry: Int32
        /// `inside` (the whole cell is covered), `rayRight` or `rayLeft` (test the edges).
        var mode: Int32
        /// The edges to test: `edges[edgeStart ..< edgeStart + edgeCount]`.
        var edgeStart: Int32
        var edgeCount: Int32

        static let inside: Int32 = 0
        static let rayRight: Int32 = 1
        static let rayLeft: Int32 = 2
        static let end = CellEntry(geometry: -1, mode: 0, edgeStart: 0, edgeCount: 0)
    }

    /// The number of geometries indexed; answers are indices below this.
    public let geometryCount: Int
    /// The union of the geometries' envelopes, nil when every geometry is empty.
    public let envelope: Envelope?
    /// The number of grid columns and rows (a diagnostic: the grid adapts to the edge count).
    public let gridSize: (columns: Int, rows: Int)

    let minX: Double, minY: Double, maxX: Double, maxY: Double
    let columns: Int, rows: Int
    let inverseCellWidth: Double, inverseCellHeight: Double
    /// Per cell, row-major: ≥ 0 the answer for every point of the cell; −1 none; ≤ −2 the cell's
    /// entry list starts at `entries[−code − 2]` and ends with ``CellEntry/end``.
    let cellCodes: [Int32]
    let entries: [CellEntry]
    let edges: [Edge]

    /// The answer for "no geometry covers the point" in the `Int32` results of
    /// ``locate(longitudes:latitudes:threads:)``.
    public static let noGeometry: Int32 = -1

    /// Builds the index over `shapes`, each a Polygon or MultiPolygon (empty ones allowed: they
    /// cover nothing).
    ///
    /// - Parameters:
    ///   - shapes: the polygonal shapes; answers are indices into this list.
    ///   - targetCellCount: roughly how many grid cells to use; nil picks a count from the number
    ///     of edges (about 16 cells per edge, between 64 and 4,194,304). Any value gives the same
    ///     answers; it only trades memory and build time against query time.
    /// - Throws: ``KernelError`` when a shape is not polygonal or has a coordinate that is not
    ///   finite, or when the index would exceed 2³¹ − 1 entries.
    /// - Complexity: about O(edges × rows each edge spans + cells); pure Swift, no GEOS.
    public init(_ shapes: [Shape], targetCellCount: Int? = nil) throws {
        guard shapes.count < Int(Int32.max) else {
            throw KernelError(input: "polygons", reason: "too many shapes (\(shapes.count))")
        }
        // The rings of each geometry as one edge list, and each geometry's envelope.
        var allEdges: [Edge] = []
        var edgeRanges: [Range<Int>] = []
        var envelopes: [Envelope?] = []
        for (index, shape) in shapes.enumerated() {
            let polygons: [Shape.Polygon]
            switch shape {
            case .polygon(let polygon): polygons = [polygon]
            case .multiPolygon(let members): polygons = members
            default:
                throw KernelError(input: "polygon", index: index, reason: "is a \(shape.kind.rawValue), not a Polygon or MultiPolygon")
            }
            let start = allEdges.count
            var box: Envelope?
            for polygon in polygons {
                for vertices in polygon.rings {
                    for vertex in vertices where !vertex.isFinite {
                        throw KernelError(input: "polygon", index: index, reason: "has a coordinate that is not finite: \(vertex)")
                    }
                    guard vertices.count >= 2 else { continue }
                    for k in 1..<vertices.count {
                        let a = vertices[k - 1], b = vertices[k]
                        allEdges.append(Edge(x1: a.x, y1: a.y, x2: b.x, y2: b.y))
                    }
                    if let ringBox = Envelope(covering: vertices) {
                        if box == nil { box = ringBox } else { box!.expand(toInclude: ringBox) }
                    }
                }
            }
            edgeRanges.append(start..<allEdges.count)
            envelopes.append(allEdges.count > start ? box : nil)
        }
        geometryCount = shapes.count

        var union: Envelope?
        for case let box? in envelopes {
            if union == nil { union = box } else { union!.expand(toInclude: box) }
        }
        guard let union else {
            envelope = nil
            gridSize = (0, 0)
            minX = .infinity
            minY = .infinity
            maxX = -.infinity
            maxY = -.infinity
            columns = 1
            rows = 1
            inverseCellWidth = 0
            inverseCellHeight = 0
            cellCodes = [-1]
            entries = []
            edges = []
            return
        }
        envelope = union
        minX = union.minX
        minY = union.minY
        maxX = union.maxX
        maxY = union.maxY

        // Grid: cells about as wide as they are high, about `target` of them.
        let target = max(1, targetCellCount ?? min(1 << 22, max(64, 16 * allEdges.count)))
        let width = union.width, height = union.height
        var columnCount = 1, rowCount = 1
        if width > 0 && height > 0 {
            columnCount = Int((Double(target) * width / height).squareRoot().rounded())
            rowCount = Int((Double(target) * height / width).squareRoot().rounded())
        } else if width > 0 {
            columnCount = target
        } else if height > 0 {
            rowCount = target
        }
        columnCount = min(max(1, columnCount), 1 << 16)
        rowCount = min(max(1, rowCount), 1 << 16)
        columns = columnCount
        rows = rowCount
        gridSize = (columnCount, rowCount)
        let cellWidth = width / Double(columnCount), cellHeight = height / Double(rowCount)
        inverseCellWidth = width > 0 ? Double(columnCount) / width : 0
        inverseCellHeight = height > 0 ? Double(rowCount) / height : 0

        let grid = Grid(
            minX: union.minX, minY: union.minY, cellWidth: cellWidth, cellHeight: cellHeight,
            inverseCellWidth: inverseCellWidth, inverseCellHeight: inverseCellHeight,
            columns: columnCount, rows: rowCount,
            marginX: Grid.margin(cell: cellWidth, low: union.minX, high: union.maxX),
            marginY: Grid.margin(cell: cellHeight, low: union.minY, high: union.maxY))

        // Row buckets: for each row, the edges (global indices) whose y-range meets the row's
        // inflated band, grouped by geometry in ascending order.
        var rowCounts = [Int](repeating: 0, count: rowCount + 1)
        for edge in allEdges {
            for row in grid.rows(meeting: edge.minY, edge.maxY) { rowCounts[row + 1] += 1 }
        }
        for row in 0..<rowCount { rowCounts[row + 1] += rowCounts[row] }
        var bucketItems = [Int32](repeating: 0, count: rowCounts[rowCount])
        var bucketOwner = [Int32](repeating: 0, count: rowCounts[rowCount])
        var fill = rowCounts
        for (geometry, range) in edgeRanges.enumerated() {
            for edgeIndex in range {
                let edge = allEdges[edgeIndex]
                for row in grid.rows(meeting: edge.minY, edge.maxY) {
                    bucketItems[fill[row]] = Int32(truncatingIfNeeded: edgeIndex)
                    bucketOwner[fill[row]] = Int32(geometry)
                    fill[row] += 1
                }
            }
        }
        guard allEdges.count < Int(Int32.max) else {
            throw KernelError(input: "polygons", reason: "too many edges (\(allEdges.count))")
        }

        var codes = [Int32](repeating: -1, count: columnCount * rowCount)
        var storedEntries: [CellEntry] = []
        var storedEdges: [Edge] = []
        var marked = [Bool](repeating: false, count: columnCount)
        var rowEntries: [(column: Int, entry: CellEntry)] = []
        var group: [Edge] = []

        for row in 0..<rowCount {
            let bandCenterY = grid.centerY(row)
            rowEntries.removeAll(keepingCapacity: true)
            var itemIndex = rowCounts[row]
            let rowEnd = rowCounts[row + 1]
            while itemIndex < rowEnd {
                // One geometry's edges in this row.
                let geometry = bucketOwner[itemIndex]
                group.removeAll(keepingCapacity: true)
                while itemIndex < rowEnd && bucketOwner[itemIndex] == geometry {
                    group.append(allEdges[Int(bucketItems[itemIndex])])
                    itemIndex += 1
                }
                // The two orders a cell takes a prefix of: rays to the right need the edges that
                // reach the cell's left side or beyond (largest maxX first); rays to the left the
                // edges that start at or before the cell's right side (smallest minX first).
                let rightStart = storedEdges.count
                storedEdges.append(contentsOf: group.sorted { ($0.maxX, $0.minX) > ($1.maxX, $1.minX) })
                let leftStart = storedEdges.count
                storedEdges.append(contentsOf: group.sorted { ($0.minX, $0.maxX) < ($1.minX, $1.maxX) })
                guard storedEdges.count < Int(Int32.max) else {
                    throw KernelError(input: "polygons", reason: "the index would hold more than 2³¹ − 1 edges")
                }

                // Columns whose inflated cell meets an edge's envelope.
                var firstMarked = Int.max, lastMarked = Int.min
                for edge in group {
                    for column in grid.columns(meeting: edge.minX, edge.maxX) {
                        marked[column] = true
                        firstMarked = min(firstMarked, column)
                        lastMarked = max(lastMarked, column)
                    }
                }
                guard firstMarked <= lastMarked else { continue }
                // Left of the first marked column and right of the last, no edge of this geometry
                // straddles the row: those cells are outside it.
                var column = firstMarked
                while column <= lastMarked {
                    if marked[column] {
                        let cellLeft = grid.cellMinX(column) - grid.marginX
                        let cellRight = grid.cellMinX(column + 1) + grid.marginX
                        let rightCount = Self.prefixCount(storedEdges, from: rightStart, count: group.count) { $0.maxX >= cellLeft }
                        let leftCount = Self.prefixCount(storedEdges, from: leftStart, count: group.count) { $0.minX <= cellRight }
                        let entry =
                            rightCount <= leftCount
                            ? CellEntry(geometry: geometry, mode: CellEntry.rayRight, edgeStart: Int32(rightStart), edgeCount: Int32(rightCount))
                            : CellEntry(geometry: geometry, mode: CellEntry.rayLeft, edgeStart: Int32(leftStart), edgeCount: Int32(leftCount))
                        rowEntries.append((column, entry))
                        column += 1
                    } else {
                        // A run of cells no edge comes near: one connected box with no boundary
                        // point in it, so its centre decides for all of it.
                        var runEnd = column
                        while runEnd + 1 <= lastMarked && !marked[runEnd + 1] { runEnd += 1 }
                        let inside = group.withUnsafeBufferPointer {
                            Self.covers($0.baseAddress!, $0.count, grid.centerX(column), bandCenterY, leftward: false)
                        }
                        if inside {
                            for covered in column...runEnd {
                                rowEntries.append((covered, CellEntry(geometry: geometry, mode: CellEntry.inside, edgeStart: 0, edgeCount: 0)))
                            }
                        }
                        column = runEnd + 1
                    }
                }
                for column in firstMarked...lastMarked { marked[column] = false }
            }

            // Gather each cell's list (already in ascending geometry order within a column).
            rowEntries.sort { ($0.column, $0.entry.geometry) < ($1.column, $1.entry.geometry) }
            var index = 0
            while index < rowEntries.count {
                let column = rowEntries[index].column
                var end = index
                while end < rowEntries.count && rowEntries[end].column == column { end += 1 }
                let cell = row * columnCount + column
                if rowEntries[index].entry.mode == CellEntry.inside {
                    codes[cell] = rowEntries[index].entry.geometry
                } else {
                    let start = storedEntries.count
                    for position in index..<end {
                        storedEntries.append(rowEntries[position].entry)
                        // Nothing after a geometry that covers the whole cell can win.
                        if rowEntries[position].entry.mode == CellEntry.inside { break }
                    }
                    storedEntries.append(.end)
                    guard storedEntries.count < Int(Int32.max) - 2 else {
                        throw KernelError(input: "polygons", reason: "the index would hold more than 2³¹ − 1 cell entries")
                    }
                    codes[cell] = -Int32(start) - 2
                }
                index = end
            }
        }
        cellCodes = codes
        entries = storedEntries
        edges = storedEdges
    }

    /// The length of the prefix of `edges[start ..< start + count]` whose edges satisfy
    /// `belongs` (which holds for a prefix of the list by its sort order).
    private static func prefixCount(_ edges: [Edge], from start: Int, count: Int, _ belongs: (Edge) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(edges[start + middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The uniform grid of the index: cell bounds and the cells a range of coordinates meets.
private struct Grid {
    let minX: Double, minY: Double
    let cellWidth: Double, cellHeight: Double
    let inverseCellWidth: Double, inverseCellHeight: Double
    let columns: Int, rows: Int
    /// How far each cell is inflated on every side, so that every point the query maps to a cell
    /// (`Int((x − minX) × inverseCellWidth)`, clamped) lies inside the inflated cell despite
    /// rounding. The rounding error of the mapping and of `minX + i × cellWidth` is a few ulps of
    /// the coordinates' magnitude; the margin is 64 ulps of it, plus a billionth of a cell.
    let marginX: Double, marginY: Double

    static func margin(cell: Double, low: Double, high: Double) -> Double {
        cell * 1e-9 + 64 * Double.ulpOfOne * (abs(low) + abs(high) + (high - low))
    }

    func cellMinX(_ column: Int) -> Double { minX + Double(column) * cellWidth }
    func cellMinY(_ row: Int) -> Double { minY + Double(row) * cellHeight }
    func centerX(_ column: Int) -> Double { minX + (Double(column) + 0.5) * cellWidth }
    func centerY(_ row: Int) -> Double { minY + (Double(row) + 0.5) * cellHeight }

    /// The rows whose inflated band meets [low, high].
    func rows(meeting low: Double, _ high: Double) -> [Int] {
        let first = max(0, Self.cell(low - marginY, minY, inverseCellHeight, rows) - 1)
        let last = min(rows - 1, Self.cell(high + marginY, minY, inverseCellHeight, rows) + 1)
        guard first <= last else { return [] }
        return (first...last).filter { high >= cellMinY($0) - marginY && low <= cellMinY($0 + 1) + marginY }
    }

    /// The columns whose inflated cell meets [low, high].
    func columns(meeting low: Double, _ high: Double) -> [Int] {
        let first = max(0, Self.cell(low - marginX, minX, inverseCellWidth, columns) - 1)
        let last = min(columns - 1, Self.cell(high + marginX, minX, inverseCellWidth, columns) + 1)
        guard first <= last else { return [] }
        return (first...last).filter { high >= cellMinX($0) - marginX && low <= cellMinX($0 + 1) + marginX }
    }

    private static func cell(_ value: Double, _ origin: Double, _ inverse: Double, _ count: Int) -> Int {
        let position = (value - origin) * inverse
        if position <= 0 { return 0 }
        if position >= Double(count) { return count - 1 }
        return Int(position)
    }
}
