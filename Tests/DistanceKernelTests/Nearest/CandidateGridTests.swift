import GeometryKit
import TestSupport
import Testing

@testable import DistanceKernel

@Suite("CandidateGrid")
struct CandidateGridTests {
    /// Every occupied cell lists exactly the facilities within its reach of its centre, in
    /// ascending facility order; every query of the batch falls in a cell of the grid.
    @Test(
        "cell lists are complete and sorted", arguments: [KernelDataSet.laosUniform, .clustered, .antimeridian, .polar],
        DistanceMetric.allCases)
    func listsAreComplete(dataSet: KernelDataSet, metric: DistanceMetric) throws {
        let (facilities, queries) = dataSet.make(facilityCount: 400, queryCount: 800)
        let points = zip(facilities.lon, facilities.lat).map { EarthModel.point(lon: $0, lat: $1, metric: metric) }
        let tree = PointTree(points)
        try QueryBatch.with(longitudes: queries.lon, latitudes: queries.lat) { batch in
            let grid = CandidateGrid(
                batch: batch, facilityExtent: Envelope(minX: -180, minY: -90, maxX: 180, maxY: 90), targetCells: 100, metric: metric, tree: tree, threads: 2
            ) { center, cellRadius, search in
                tree.nearest(to: center, into: &search)
                return search.keys[0].squareRoot() + 2 * cellRadius
            }
            let cellCount = grid.columns * grid.rows + 1  // the last: the off-grid cell
            #expect(grid.cells.count == cellCount + 1 && grid.cells[0].start == 0 && grid.cells[cellCount].start == grid.candidates.count)
            #expect(grid.offGrid == cellCount - 1)
            var occupied = Set<Int>()
            var failures = Failures()
            for query in 0..<batch.count {
                let cell = grid.cell(lon: batch.longitudes[query], lat: batch.latitudes[query])
                failures.check((0..<cellCount).contains(cell), "query \(query) in cell \(cell) of \(cellCount)")
                occupied.insert(cell)
            }
            for cell in occupied.sorted() where (0..<cellCount).contains(cell) {
                let listed = grid.range(of: cell).map { grid.candidates[$0].id }
                failures.check(listed == listed.sorted(), "cell \(cell): list not in facility order")
                let reach = grid.cells[cell].reach, centre = grid.cells[cell].center
                let expected = points.indices.filter { points[$0].squaredDistance(to: centre) <= reach * reach }.map(Int32.init)
                failures.check(listed == expected, "cell \(cell): \(listed.count) listed, \(expected.count) within reach")
                for position in grid.range(of: cell) {
                    let id = Int(grid.candidates[position].id)
                    failures.check(grid.candidates[position].point.squaredDistance(to: points[id]) == 0, "cell \(cell): point of \(id) wrong")
                }
            }
            failures.expectNone("grid invariants broken (\(dataSet)/\(metric))")
        }
    }

    @Test("a batch of one point, and of identical points, makes a one-cell grid", arguments: DistanceMetric.allCases)
    func degenerateBatches(metric: DistanceMetric) throws {
        let tree = PointTree([EarthModel.point(lon: 102.6, lat: 17.97, metric: metric)])
        for (lons, lats) in [([103.0], [18.0]), ([103.0, 103.0, 103.0], [18.0, 18.0, 18.0]), ([-180.0, 180.0], [90.0, 90.0])] {
            try QueryBatch.with(longitudes: lons, latitudes: lats) { batch in
                let grid = CandidateGrid(
                    batch: batch, facilityExtent: Envelope(minX: -180, minY: -90, maxX: 180, maxY: 90), targetCells: 1, metric: metric, tree: tree, threads: 1
                ) { center, cellRadius, search in
                    tree.nearest(to: center, into: &search)
                    return search.keys[0].squareRoot() + 2 * cellRadius
                }
                #expect(grid.columns * grid.rows >= 1)
                for query in 0..<batch.count {
                    let cell = grid.cell(lon: lons[query], lat: lats[query])
                    #expect(grid.range(of: cell).count == 1, "the single facility is listed")
                }
            }
        }
    }
}
