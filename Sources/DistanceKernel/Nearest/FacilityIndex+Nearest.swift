import GeometryKit
import Parallelism

extension FacilityIndex {
    /// The nearest facility of each query point (longitudes and latitudes in degrees, as two
    /// contiguous buffers of equal length), with its distance in metres. Under `.geodesic` the
    /// answer is the geodesic-nearest facility, not merely the haversine-nearest.
    ///
    /// Throws a ``KernelError`` naming the first query that is not a longitude/latitude.
    /// Thread-safe; uses `options.threads` threads; results do not depend on the thread count.
    public func nearest(longitudes: [Double], latitudes: [Double], options: QueryOptions = QueryOptions()) throws -> NearestResult {
        try QueryBatch.with(longitudes: longitudes, latitudes: latitudes) { nearest($0, options) }
    }

    /// The nearest facility of each point (x = longitude, y = latitude).
    public func nearest(_ points: [Coordinate], options: QueryOptions = QueryOptions()) throws -> NearestResult {
        try nearest(longitudes: points.map(\.lon), latitudes: points.map(\.lat), options: options)
    }

    func nearest(_ batch: QueryBatch, _ options: QueryOptions) -> NearestResult {
        guard count > 0, batch.count > 0 else {
            return NearestResult(
                facilityIndices: [Int32](repeating: -1, count: batch.count),
                distancesMeters: [Double](repeating: .infinity, count: batch.count))
        }
        let metric = options.metric
        let tree = tree(metric)
        let grid = CandidateGrid(
            batch: batch, facilityExtent: extent, targetCells: Self.targetCells(queries: batch.count, facilities: count),
            metric: metric, tree: tree, threads: options.threads
        ) { center, cellRadius, best in
            tree.nearest(to: center, into: &best)
            let reach = best.keys[0].squareRoot() + 2 * cellRadius
            // The geodesic can exceed the chord slightly; leave room so that the check below rarely fails.
            return metric == .geodesic ? reach * (1 + 1e-4) + 1 : reach
        }
        // Every slot is written below, so the results start uninitialized (no 12 MB of fill per million).
        var distances: [Double] = []
        let indices = [Int32](unsafeUninitializedCapacity: batch.count) { indexBuffer, indexCount in
            distances = [Double](unsafeUninitializedCapacity: batch.count) { distanceBuffer, distanceCount in
                let indexOut = DisjointBuffer(indexBuffer), distanceOut = DisjointBuffer(distanceBuffer)
                Parallel.forEachChunk(count: batch.count, threads: options.threads, chunkSize: 4096) { range in
                    for query in range {
                        let lon = batch.longitudes[query], lat = batch.latitudes[query]
                        let q = EarthModel.point(lon: lon, lat: lat, metric: metric)
                        let (facility, distance) =
                            metric == .haversine
                            ? nearestOnSphere(q, grid.cell(lon: lon, lat: lat), grid, tree)
                            : nearestOnEllipsoid(q, (lon, lat), grid.cell(lon: lon, lat: lat), grid, tree)
                        indexOut[query] = facility
                        distanceOut[query] = distance
                    }
                }
                distanceCount = batch.count
            }
            indexCount = batch.count
        }
        return NearestResult(facilityIndices: indices, distancesMeters: distances)
    }

    /// About one cell per facility, but not many more cells than there are queries to share them.
    static func targetCells(queries: Int, facilities: Int) -> Int {
        max(1, min(facilities, queries / 4, 4_000_000))
    }

    @inline(__always)
    private func nearestOnSphere(_ q: Vector3, _ cell: Int, _ grid: CandidateGrid, _ tree: PointTree) -> (Int32, Double) {
        var bestSquared = Double.infinity
        var bestPosition = -1
        for position in grid.range(of: cell) {
            let d2 = grid.candidates[position].point.squaredDistance(to: q)
            // Branch-free select: which candidate wins is unpredictable, a branch would mispredict.
            // Candidates ascend by index and only a strictly nearer one wins, so ties keep the lowest.
            let nearer = d2 < bestSquared
            bestSquared = nearer ? d2 : bestSquared
            bestPosition = nearer ? position : bestPosition
        }
        var bestId: Int32 = bestPosition < 0 ? -1 : grid.candidates[bestPosition].id
        var bestPoint = bestPosition < 0 ? q : grid.candidates[bestPosition].point
        // Within the planned radius of the centre the list holds the answer; beyond it, it holds
        // the answer when the answer lies within the list's cover of this query.
        if bestId < 0 || !(grid.isPlanned(q, cell: cell) || bestSquared <= max(0, grid.cover(for: q, cell: cell)).squared) {
            var best = NearestList(capacity: 1)
            tree.nearest(to: q, into: &best)
            bestSquared = best.keys[0]
            bestId = best.ids[0]
            bestPoint = spherePoint(bestId)
        }
        return (bestId, EarthModel.sphereDistance(q, bestPoint, chordSquared: bestSquared))
    }

    private func nearestOnEllipsoid(
        _ q: Vector3, _ lonLat: (Double, Double), _ cell: Int, _ grid: CandidateGrid,
        _ tree: PointTree
    ) -> (Int32, Double) {
        var chordSquared = Double.infinity
        var chordPosition = -1
        for position in grid.range(of: cell) {
            let d2 = grid.candidates[position].point.squaredDistance(to: q)
            let nearer = d2 < chordSquared  // branch-free, as on the sphere
            chordSquared = nearer ? d2 : chordSquared
            chordPosition = nearer ? position : chordPosition
        }
        var chordId: Int32 = chordPosition < 0 ? -1 : grid.candidates[chordPosition].id
        var chordPoint = chordPosition < 0 ? q : grid.candidates[chordPosition].point
        if chordId < 0 {
            var best = NearestList(capacity: 1)
            tree.nearest(to: q, into: &best)
            chordSquared = best.keys[0]
            chordId = best.ids[0]
            chordPoint = EarthModel.ecefPoint(lon: longitudes[Int(chordId)], lat: latitudes[Int(chordId)])
        }
        var bestId = chordId
        var best = geodesic(q, lonLat, chordPoint, chordSquared, chordId)
        // Any facility nearer along the ellipsoid has a chord shorter than `best` (chord ≤ geodesic);
        // the margin keeps facilities whose chord rounds a hair above it (ties at one spot).
        let limitSquared = (best * (1 + 1e-12)).squared
        let cover = grid.cover(for: q, cell: cell)
        if cover >= 0 && best <= cover {
            for position in grid.range(of: cell) {
                let d2 = grid.candidates[position].point.squaredDistance(to: q)
                let id = grid.candidates[position].id
                guard d2 <= limitSquared, id != chordId else { continue }
                let distance = geodesic(q, lonLat, grid.candidates[position].point, d2, id)
                if distance < best || (distance == best && id < bestId) {
                    best = distance
                    bestId = id
                }
            }
        } else {
            tree.forEach(within: limitSquared, of: q) { id, point, d2 in
                guard id != chordId else { return }
                let distance = geodesic(q, lonLat, point, d2, id)
                if distance < best || (distance == best && id < bestId) {
                    best = distance
                    bestId = id
                }
            }
        }
        return (bestId, best)
    }

    @inline(__always)
    func geodesic(_ q: Vector3, _ lonLat: (Double, Double), _ facilityPoint: Vector3, _ chordSquared: Double, _ facility: Int32) -> Double {
        EarthModel.geodesicDistance(
            q, facilityPoint, chordSquared: chordSquared, pLonLat: lonLat,
            qLonLat: (longitudes[Int(facility)], latitudes[Int(facility)]))
    }
}
