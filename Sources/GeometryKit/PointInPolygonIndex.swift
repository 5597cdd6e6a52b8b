import Dispatch
import Foundation

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

    private let minX: Double, minY: Double, maxX: Double, maxY: Double
    private let columns: Int, rows: Int
    private let inverseCellWidth: Double, inverseCellHeight: Double
    /// Per cell, row-major: ≥ 0 the answer for every point of the cell; −1 none; ≤ −2 the cell's
    /// entry list starts at `entries[−code − 2]` and ends with ``CellEntry/end``.
    private let cellCodes: [Int32]
    private let entries: [CellEntry]
    private let edges: [Edge]

    /// The answer for "no geometry covers the point" in the `Int32` results of
    /// ``locate(interleavedXY:threadCount:)``.
    public static let noGeometry: Int32 = -1

    /// Builds the index over `geometries`, each a Polygon or MultiPolygon (empty ones allowed:
    /// they cover nothing).
    ///
    /// - Parameters:
    ///   - geometries: the polygonal geometries; answers are indices into this list.
    ///   - targetCellCount: roughly how many grid cells to use; nil picks a count from the number
    ///     of edges (about 16 cells per edge, between 64 and 4,194,304). Any value gives the same
    ///     answers; it only trades memory and build time against query time.
    /// - Throws: ``GeometryError`` (invalid argument) when a geometry is not polygonal or has a
    ///   coordinate that is not finite, or when the index would exceed 2³¹ − 1 entries.
    /// - Complexity: about O(edges × rows each edge spans + cells); reads the geometries through
    ///   GEOS on the calling thread.
    public init(_ geometries: [Geometry], targetCellCount: Int? = nil) throws {
        let operation = "PointInPolygonIndex.init"
        guard geometries.count < Int(Int32.max) else {
            throw GeometryError(source: .invalidArgument, operation: operation, message: "too many geometries (\(geometries.count))")
        }
        // The rings of each geometry as one edge list, and each geometry's envelope.
        var allEdges: [Edge] = []
        var edgeRanges: [Range<Int>] = []
        var envelopes: [Envelope?] = []
        for (index, geometry) in geometries.enumerated() {
            let kind = geometry.kind
            guard kind.isPolygonal else {
                throw GeometryError(source: .invalidArgument, operation: operation,
                                    message: "geometry \(index) is a \(kind.rawValue), not a Polygon or MultiPolygon")
            }
            let start = allEdges.count
            var box: Envelope?
            for polygon in geometry.polygons {
                for ring in [polygon.exteriorRing].compactMap({ $0 }) + polygon.interiorRings {
                    let vertices = ring.coordinates
                    for vertex in vertices where !vertex.isFinite {
                        throw GeometryError(source: .invalidArgument, operation: operation,
                                            message: "geometry \(index) has a coordinate that is not finite: \(vertex)")
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
        geometryCount = geometries.count

        var union: Envelope?
        for case let box? in envelopes {
            if union == nil { union = box } else { union!.expand(toInclude: box) }
        }
        guard let union else {
            envelope = nil
            gridSize = (0, 0)
            minX = .infinity; minY = .infinity; maxX = -.infinity; maxY = -.infinity
            columns = 1; rows = 1
            inverseCellWidth = 0; inverseCellHeight = 0
            cellCodes = [-1]; entries = []; edges = []
            return
        }
        envelope = union
        minX = union.minX; minY = union.minY; maxX = union.maxX; maxY = union.maxY

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

        let grid = Grid(minX: union.minX, minY: union.minY, cellWidth: cellWidth, cellHeight: cellHeight,
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
            throw GeometryError(source: .invalidArgument, operation: operation, message: "too many edges (\(allEdges.count))")
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
                    throw GeometryError(source: .invalidArgument, operation: operation, message: "the index would hold more than 2³¹ − 1 edges")
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
                        let entry = rightCount <= leftCount
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
                        throw GeometryError(source: .invalidArgument, operation: operation, message: "the index would hold more than 2³¹ − 1 cell entries")
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

    // MARK: - Queries

    /// The index of the geometry that covers `point` (the lowest if several do), or nil.
    /// Throws ``GeometryError`` (invalid argument) when a coordinate is NaN or infinite.
    /// Thread-safe.
    public func locate(_ point: Coordinate) throws -> Int? {
        guard point.isFinite else {
            throw GeometryError(source: .invalidArgument, operation: "PointInPolygonIndex.locate",
                                message: "point \(point) has a coordinate that is not finite")
        }
        let answer = withTables { codes, entries, edges in locatePoint(point.x, point.y, codes, entries, edges) }
        return answer < 0 ? nil : Int(answer)
    }

    /// For each point, the index of the geometry that covers it (the lowest if several do), or
    /// nil; in input order. See ``locate(interleavedXY:threadCount:)``.
    public func locate(_ points: [Coordinate], threadCount: Int? = nil) throws -> [Int?] {
        var flat = [Double](repeating: 0, count: 2 * points.count)
        for (index, point) in points.enumerated() {
            flat[2 * index] = point.x
            flat[2 * index + 1] = point.y
        }
        let answers = try flat.withUnsafeBufferPointer { try locate(interleavedXY: $0, threadCount: threadCount) }
        return answers.map { $0 < 0 ? nil : Int($0) }
    }

    /// For each point of a contiguous buffer `x0, y0, x1, y1, …` (longitude then latitude for
    /// geographic data), the index of the geometry that covers it — the lowest if several do —
    /// or ``noGeometry`` (−1); in input order.
    ///
    /// - Parameters:
    ///   - interleavedXY: 2 × N doubles.
    ///   - threadCount: how many parts to split the points into, run in parallel with
    ///     `DispatchQueue.concurrentPerform` (no more at once than there are cores, and at most
    ///     one part per 1,024 points); nil for one per active core. The answers do not depend on it.
    /// - Throws: ``GeometryError`` (invalid argument) for an odd buffer length or a coordinate that
    ///   is NaN or infinite (naming the first such point).
    /// - Thread-safety: safe to call from several threads at once.
    public func locate(interleavedXY: UnsafeBufferPointer<Double>, threadCount: Int? = nil) throws -> [Int32] {
        let operation = "PointInPolygonIndex.locate"
        guard interleavedXY.count % 2 == 0 else {
            throw GeometryError(source: .invalidArgument, operation: operation,
                                message: "expected x, y pairs, found an odd number of values (\(interleavedXY.count))")
        }
        let count = interleavedXY.count / 2
        guard count > 0, let xy = interleavedXY.baseAddress else { return [] }
        let parts = max(1, min(threadCount ?? ProcessInfo.processInfo.activeProcessorCount, (count + 1023) / 1024))
        var answers = [Int32](repeating: Self.noGeometry, count: count)
        var firstInvalid = Int.max
        answers.withUnsafeMutableBufferPointer { output in
            let out = SendablePointer(output.baseAddress!)
            let input = SendablePointer(UnsafeMutablePointer(mutating: xy))
            if parts == 1 {
                firstInvalid = locateRange(0..<count, input.pointer, out.pointer) ?? Int.max
                return
            }
            let invalid = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts)
            invalid.initialize(repeating: Int.max)
            defer { invalid.deallocate() }
            let invalidOut = SendablePointer(invalid.baseAddress!)
            let partSize = (count + parts - 1) / parts
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let range = min(count, part * partSize)..<min(count, (part + 1) * partSize)
                invalidOut.pointer[part] = locateRange(range, input.pointer, out.pointer) ?? Int.max
            }
            firstInvalid = invalid.min() ?? Int.max
        }
        if firstInvalid != Int.max {
            throw GeometryError(source: .invalidArgument, operation: operation,
                                message: "point \(firstInvalid) (\(xy[2 * firstInvalid]), \(xy[2 * firstInvalid + 1])) has a coordinate that is not finite")
        }
        return answers
    }

    /// Answers the points in `range`; returns the first point that is not finite, if any (the
    /// points after it are left unanswered: the caller throws).
    private func locateRange(_ range: Range<Int>, _ xy: UnsafeMutablePointer<Double>, _ out: UnsafeMutablePointer<Int32>) -> Int? {
        withTables { codes, entries, edges in
            for index in range {
                let x = xy[2 * index], y = xy[2 * index + 1]
                guard x.isFinite && y.isFinite else { return index }
                out[index] = locatePoint(x, y, codes, entries, edges)
            }
            return nil
        }
    }

    private func withTables<Result>(
        _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<CellEntry>, UnsafeBufferPointer<Edge>) -> Result
    ) -> Result {
        cellCodes.withUnsafeBufferPointer { codes in
            entries.withUnsafeBufferPointer { entries in
                edges.withUnsafeBufferPointer { edges in body(codes, entries, edges) }
            }
        }
    }

    @inline(__always)
    private func locatePoint(_ x: Double, _ y: Double, _ codes: UnsafeBufferPointer<Int32>,
                             _ entries: UnsafeBufferPointer<CellEntry>, _ edges: UnsafeBufferPointer<Edge>) -> Int32 {
        guard x >= minX && x <= maxX && y >= minY && y <= maxY else { return Self.noGeometry }
        let column = min(Int((x - minX) * inverseCellWidth), columns - 1)
        let row = min(Int((y - minY) * inverseCellHeight), rows - 1)
        let code = codes[row * columns + column]
        if code >= -1 { return code }
        var position = Int(-(code + 2))
        while true {
            let entry = entries[position]
            if entry.geometry < 0 { return Self.noGeometry }
            if entry.mode == CellEntry.inside { return entry.geometry }
            if Self.covers(edges.baseAddress! + Int(entry.edgeStart), Int(entry.edgeCount), x, y,
                           leftward: entry.mode == CellEntry.rayLeft) {
                return entry.geometry
            }
            position += 1
        }
    }

    // MARK: - The point test

    /// True when the point is on one of the edges, or when a horizontal ray from it (to the right,
    /// or to the left when `leftward`) crosses an odd number of them. The edges must include every
    /// edge that meets that ray or contains the point. Half-open rule: an edge counts when one end
    /// is above the point and the other at or below it (GEOS's `RayCrossingCounter`).
    @inline(__always)
    static func covers(_ edges: UnsafePointer<Edge>, _ count: Int, _ px: Double, _ py: Double, leftward: Bool) -> Bool {
        var odd = false
        for index in 0..<count {
            let edge = edges[index]
            if leftward {
                if edge.x1 > px && edge.x2 > px { continue }
            } else {
                if edge.x1 < px && edge.x2 < px { continue }
            }
            if (edge.y1 > py) != (edge.y2 > py) {
                var side = orientation(edge.x1, edge.y1, edge.x2, edge.y2, px, py)
                if side == 0 { return true }  // collinear within the edge's y-range: on the edge
                if edge.y2 < edge.y1 { side = -side }  // as seen along the edge pointing up
                if leftward ? side < 0 : side > 0 { odd.toggle() }
            } else if edge.y1 == py {
                // Both ends at or below the point, one at its height: a horizontal edge, or the
                // point is that end.
                if edge.y2 == py {
                    if px >= edge.minX && px <= edge.maxX { return true }
                } else if edge.x1 == px {
                    return true
                }
            } else if edge.y2 == py && edge.x2 == px {
                return true
            }
        }
        return odd
    }

    /// The sign of the orientation of (a, b, c): +1 when c lies to the left of the line a → b,
    /// −1 to the right, 0 on it; exact for finite doubles (no overflow or underflow in the products).
    @inline(__always)
    static func orientation(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Int {
        let detLeft = (ax - cx) * (by - cy)
        let detRight = (ay - cy) * (bx - cx)
        let det = detLeft - detRight
        let detSum: Double
        if detLeft > 0 {
            if detRight <= 0 { return det > 0 ? 1 : (det < 0 ? -1 : 0) }
            detSum = detLeft + detRight
        } else if detLeft < 0 {
            if detRight >= 0 { return det > 0 ? 1 : (det < 0 ? -1 : 0) }
            detSum = -detLeft - detRight
        } else {
            return det > 0 ? 1 : (det < 0 ? -1 : 0)
        }
        // Shewchuk's error bound for the filter: (3 + 16ε)ε with ε = 2⁻⁵³.
        let errorBound = (3.0 + 16.0 * 0x1p-53) * 0x1p-53 * detSum
        if det > errorBound { return 1 }
        if -det > errorBound { return -1 }
        return exactOrientation(ax, ay, bx, by, cx, cy)
    }

    /// The exact sign of (ax − cx)(by − cy) − (ay − cy)(bx − cx), by floating-point expansions:
    /// each difference is split exactly into two doubles, each product of parts into two more,
    /// and the sixteen terms are summed without error (Shewchuk's grow-expansion).
    static func exactOrientation(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Int {
        let acx = twoDifference(ax, cx), bcy = twoDifference(by, cy)
        let acy = twoDifference(ay, cy), bcx = twoDifference(bx, cx)
        var terms: [Double] = []
        terms.reserveCapacity(16)
        for u in [acx.high, acx.low] {
            for v in [bcy.high, bcy.low] {
                let product = twoProduct(u, v)
                terms.append(product.high)
                terms.append(product.low)
            }
        }
        for u in [acy.high, acy.low] {
            for v in [bcx.high, bcx.low] {
                let product = twoProduct(u, v)
                terms.append(-product.high)
                terms.append(-product.low)
            }
        }
        // The components stay non-overlapping and ordered by magnitude (zeros aside), so the
        // sign of the sum is the sign of the last non-zero component.
        var expansion: [Double] = []
        expansion.reserveCapacity(16)
        for term in terms {
            var carry = term
            for index in expansion.indices {
                let sum = twoSum(carry, expansion[index])
                expansion[index] = sum.low
                carry = sum.high
            }
            expansion.append(carry)
        }
        guard let leading = expansion.last(where: { $0 != 0 }) else { return 0 }
        return leading > 0 ? 1 : -1
    }

    @inline(__always)
    private static func twoSum(_ a: Double, _ b: Double) -> (high: Double, low: Double) {
        let sum = a + b
        let bVirtual = sum - a
        let aVirtual = sum - bVirtual
        return (sum, (a - aVirtual) + (b - bVirtual))
    }

    @inline(__always)
    private static func twoDifference(_ a: Double, _ b: Double) -> (high: Double, low: Double) {
        let difference = a - b
        let bVirtual = a - difference
        let aVirtual = difference + bVirtual
        return (difference, (a - aVirtual) + (bVirtual - b))
    }

    @inline(__always)
    private static func twoProduct(_ a: Double, _ b: Double) -> (high: Double, low: Double) {
        let product = a * b
        return (product, (-product).addingProduct(a, b))  // fused: exact a·b − product
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

/// The grid's geometry, shared by the build and kept consistent with the query's cell mapping.
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

/// A pointer handed to the parallel workers, each of which touches only its own part.
private struct SendablePointer<Pointee>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Pointee>
    init(_ pointer: UnsafeMutablePointer<Pointee>) { self.pointer = pointer }
}
