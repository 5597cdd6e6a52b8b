import GeometryKit
import Parallelism

#if canImport(Glibc)
    import Glibc  // libm's functions without Foundation: the kernels' C library links no Foundation (ICU alone is 47 MB)
#elseif canImport(Darwin)
    import Darwin
#endif

/// A grid over one batch's query points in which every cell holding queries lists the facilities
/// within its ``reach`` of the cell centre — enough, by the triangle inequality, to answer every
/// query in the cell that lies within the expected distance of the centre. Queries check that at
/// run time (``cover(for:cell:)``) and fall back to the k-d tree when it does not hold, so the
/// cell size is a matter of speed, never of correctness.
///
/// A final class over buffers it allocates and frees itself: the query loops read them through
/// raw pointers, without reference counting or bounds checks, from several threads at once
/// (`@unchecked Sendable`: nothing is written after `init`).
final class CandidateGrid: @unchecked Sendable {
    let minLon: Double
    let minLat: Double
    let cellWidth: Double
    let cellHeight: Double
    let columns: Int
    let rows: Int
    /// The cell of queries off the grid: it lists nothing and is never planned.
    let offGrid: Int
    /// Lists longer than this are not kept: the tree answers faster.
    static let maximumCandidates = 256
    /// Reciprocals of the cell size, so that finding a cell multiplies instead of dividing.
    let columnsPerDegree: Double
    let rowsPerDegree: Double
    /// What a query needs of its cell, in one cache line: a query touches its cell's header and
    /// then its contiguous candidates, and nothing else of the grid.
    struct Cell {
        var center: Vector3
        /// The squared chord radius the reach was planned for: a query within it of the centre is
        /// answered exactly by the list (for reaches of the form answer + 2 × radius); −1 unplanned.
        var radiusSquared: Double
        /// Every facility within this chord distance (metres) of the centre is listed; −1 for none.
        var reach: Double
        var start: Int
    }

    /// A listed facility: its point and index together, so a scan reads one stream.
    struct Candidate {
        var point: Vector3
        var id: Int32
    }

    /// One header per cell plus a last one past the end, so that cell c's candidates are
    /// cells[c].start ..< cells[c + 1].start (sorted by facility index).
    let cells: UnsafeMutableBufferPointer<Cell>
    let candidates: UnsafeMutableBufferPointer<Candidate>

    /// Builds the grid for `batch`, about `targetCells` cells over the batch's extent.
    /// `reachFor(center, cellRadius, search)` gives the reach a cell needs given its centre and the
    /// chord radius of the cell (centre to farthest corner); `search` is an empty list of
    /// `searchCapacity` entries it may use for a k-d tree search.
    init(
        batch: QueryBatch, facilityExtent: Envelope, targetCells: Int, metric: DistanceMetric, tree: PointTree, threads: Int,
        searchCapacity: Int = 1, reachFor: @Sendable (_ center: Vector3, _ cellRadius: Double, _ search: inout NearestList) -> Double
    ) {
        var minLon = Double.infinity, maxLon = -Double.infinity, minLat = Double.infinity, maxLat = -Double.infinity
        for index in 0..<batch.count {
            let lon = batch.longitudes[index], lat = batch.latitudes[index]
            minLon = min(minLon, lon)
            maxLon = max(maxLon, lon)
            minLat = min(minLat, lat)
            maxLat = max(maxLat, lat)
        }
        // The grid covers the queries near the facilities only: a few stray queries far away
        // (a mis-geocoded village) would otherwise stretch every cell. Queries off the grid use
        // the k-d tree directly.
        let lonMargin = max(1, facilityExtent.width / 2), latMargin = max(1, facilityExtent.height / 2)
        minLon = max(minLon, facilityExtent.minX - lonMargin)
        maxLon = min(maxLon, facilityExtent.maxX + lonMargin)
        minLat = max(minLat, facilityExtent.minY - latMargin)
        maxLat = min(maxLat, facilityExtent.maxY + latMargin)
        if minLon > maxLon || minLat > maxLat { (minLon, maxLon, minLat, maxLat) = (0, 0, 0, 0) }
        let lonSpan = max(maxLon - minLon, 1e-9), latSpan = max(maxLat - minLat, 1e-9)
        // Cells about square on the ground: longitude degrees shrink with the cosine of latitude.
        let groundLonSpan = lonSpan * max(0.05, DegreeTrigonometry.sinCos((minLat + maxLat) / 2).cos)
        let side = ((groundLonSpan * latSpan) / Double(max(1, targetCells))).squareRoot()
        let columns = max(1, min(1 << 15, Int((groundLonSpan / side).rounded(.up))))
        let rows = max(1, min(1 << 15, Int((latSpan / side).rounded(.up))))
        self.minLon = minLon
        self.minLat = minLat
        self.columns = columns
        self.rows = rows
        cellWidth = lonSpan / Double(columns)
        cellHeight = latSpan / Double(rows)
        columnsPerDegree = 1 / cellWidth
        rowsPerDegree = 1 / cellHeight

        offGrid = columns * rows
        let occupiedCells = Self.occupiedCells(batch, minLon, minLat, columnsPerDegree, rowsPerDegree, columns, rows, threads)

        // Each chunk of cells writes its lists into flat arrays of its own; they are joined in
        // cell order afterwards.
        struct Chunk {
            var cells: [Int] = []
            var centers: [Vector3] = []
            var reach: [Double] = []
            var radiusSquared: [Double] = []
            var counts: [Int] = []
            var candidates: [Candidate] = []
        }
        let geometry = (minLon: minLon, minLat: minLat, width: cellWidth, height: cellHeight, columns: columns)
        let chunkSize = 64
        var chunks = [Chunk](repeating: Chunk(), count: (occupiedCells.count + chunkSize - 1) / chunkSize)
        chunks.withUnsafeMutableBufferPointer { buffer in
            let results = DisjointBuffer(buffer)
            Parallel.forEachChunk(count: occupiedCells.count, threads: threads, chunkSize: chunkSize) { range in
                var chunk = Chunk()
                var search = NearestList(capacity: searchCapacity)
                var found: [(Int32, Vector3)] = []
                for position in range {
                    let cell = occupiedCells[position]
                    let column = cell % geometry.columns, row = cell / geometry.columns
                    let west = geometry.minLon + Double(column) * geometry.width, east = west + geometry.width
                    let south = geometry.minLat + Double(row) * geometry.height, north = south + geometry.height
                    let center = EarthModel.point(lon: (west + east) / 2, lat: (south + north) / 2, metric: metric)
                    // The farthest point of a small lon/lat cell from its centre is a corner; the
                    // 1 % margin only saves fallbacks, since queries check their own distance.
                    var cornerSquared = 0.0
                    for (lon, lat) in [(west, south), (east, south), (west, north), (east, north)] {
                        cornerSquared = max(cornerSquared, EarthModel.point(lon: lon, lat: lat, metric: metric).squaredDistance(to: center))
                    }
                    let cellRadius = cornerSquared.squareRoot() * 1.01
                    search.removeAll()
                    let reach = reachFor(center, cellRadius, &search)
                    found.removeAll(keepingCapacity: true)
                    tree.forEach(within: reach * reach, of: center) { id, point, _ in found.append((id, point)) }
                    found.sort { $0.0 < $1.0 }
                    if found.count > Self.maximumCandidates {
                        // A list this long is slower than the tree (queries far from clustered
                        // facilities): leave the cell unplanned, so its queries search the tree.
                        chunk.cells.append(cell)
                        chunk.centers.append(center)
                        chunk.reach.append(-1)
                        chunk.radiusSquared.append(-1)
                        chunk.counts.append(0)
                        continue
                    }
                    chunk.cells.append(cell)
                    chunk.centers.append(center)
                    chunk.reach.append(reach)
                    chunk.radiusSquared.append(cellRadius * cellRadius * (1 - 1e-12))
                    chunk.counts.append(found.count)
                    for (id, point) in found { chunk.candidates.append(Candidate(point: point, id: id)) }
                }
                results[range.lowerBound / chunkSize] = chunk
            }
        }

        let cellCount = columns * rows + 1  // the last is the off-grid cell: no list, never planned
        let cells = UnsafeMutableBufferPointer<Cell>.allocate(capacity: cellCount + 1)
        cells.initialize(repeating: Cell(center: Vector3(x: 0, y: 0, z: 0), radiusSquared: -1, reach: -1, start: 0))
        var counts = [Int](repeating: 0, count: cellCount)
        for chunk in chunks {
            for (position, cell) in chunk.cells.enumerated() {
                counts[cell] = chunk.counts[position]
                cells[cell].center = chunk.centers[position]
                cells[cell].reach = chunk.reach[position]
                cells[cell].radiusSquared = chunk.radiusSquared[position]
            }
        }
        for cell in 0..<cellCount { cells[cell + 1].start = cells[cell].start + counts[cell] }
        // Chunks hold ascending cells, so their lists concatenate in cell order.
        let candidates = UnsafeMutableBufferPointer<Candidate>.allocate(capacity: max(1, cells[cellCount].start))
        var next = candidates.baseAddress!
        for chunk in chunks {
            chunk.candidates.withUnsafeBufferPointer { list in
                guard let first = list.baseAddress else { return }
                next.initialize(from: first, count: list.count)
                next += list.count
            }
        }
        self.cells = cells
        self.candidates = UnsafeMutableBufferPointer(rebasing: candidates[0..<cells[cellCount].start])
    }

    /// The cells that hold at least one query of the batch (the off-grid cell aside), ascending;
    /// each thread marks its share of the queries in a map of its own.
    private static func occupiedCells(
        _ batch: QueryBatch, _ minLon: Double, _ minLat: Double, _ columnsPerDegree: Double,
        _ rowsPerDegree: Double, _ columns: Int, _ rows: Int, _ threads: Int
    ) -> [Int] {
        let parts = max(1, min(threads, batch.count / 65_536))
        let share = (batch.count + parts - 1) / parts
        var maps = [[Bool]](repeating: [], count: parts)
        maps.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointBuffer(buffer)
            Parallel.forEachChunk(count: batch.count, threads: parts, chunkSize: share) { range in
                var map = [Bool](repeating: false, count: columns * rows + 1)
                for index in range {
                    map[cell(batch.longitudes[index], batch.latitudes[index], minLon, minLat, columnsPerDegree, rowsPerDegree, columns, rows)] = true
                }
                out[range.lowerBound / share] = map
            }
        }
        return (0..<(columns * rows)).filter { cell in maps.contains { $0[cell] } }
    }

    deinit {
        cells.deallocate()
        candidates.deallocate()
    }

    /// The cell of a point of the batch.
    @inline(__always)
    func cell(lon: Double, lat: Double) -> Int {
        Self.cell(lon, lat, minLon, minLat, columnsPerDegree, rowsPerDegree, columns, rows)
    }

    @inline(__always)
    private static func cell(
        _ lon: Double, _ lat: Double, _ minLon: Double, _ minLat: Double,
        _ columnsPerDegree: Double, _ rowsPerDegree: Double, _ columns: Int, _ rows: Int
    ) -> Int {
        let x = (lon - minLon) * columnsPerDegree, y = (lat - minLat) * rowsPerDegree
        // Off the grid (beyond a rounding step): the off-grid cell, whose queries use the tree.
        guard x > -1e-9, y > -1e-9, x < Double(columns) + 1e-9, y < Double(rows) + 1e-9 else { return columns * rows }
        let column = min(columns - 1, max(0, Int(x)))
        let row = min(rows - 1, max(0, Int(y)))
        return row * columns + column
    }

    /// The positions of cell `cell`'s candidates in ``candidates``.
    @inline(__always)
    func range(of cell: Int) -> Range<Int> {
        cells[cell].start..<cells[cell + 1].start
    }

    /// True when `q` lies within the cell radius the reach was planned for.
    @inline(__always)
    func isPlanned(_ q: Vector3, cell: Int) -> Bool {
        q.squaredDistance(to: cells[cell].center) <= cells[cell].radiusSquared
    }

    /// The chord distance from `q` within which the cell's list is complete (may be negative).
    @inline(__always)
    func cover(for q: Vector3, cell: Int) -> Double {
        // A relative and an absolute margin absorb rounding in the distances compared.
        cells[cell].reach * (1 - 1e-12) - q.squaredDistance(to: cells[cell].center).squareRoot() - 1e-6
    }
}

@inline(__always)
private func position(of lowerBound: Int, _ chunkSize: Int) -> Int { lowerBound / chunkSize }
