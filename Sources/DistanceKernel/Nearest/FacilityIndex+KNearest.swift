import GeometryKit
import Parallelism

extension FacilityIndex {
    /// The `k` nearest facilities of each query point, nearest first (ties by lower index), with
    /// distances in metres. Fewer than `k` facilities pad with −1 / +∞.
    ///
    /// Throws a ``KernelError`` for a bad query coordinate or `k` < 1. Thread-safe; results do not
    /// depend on the thread count.
    public func kNearest(_ k: Int, longitudes: [Double], latitudes: [Double], options: QueryOptions = QueryOptions()) throws -> KNearestResult {
        guard k >= 1 else { throw KernelError(input: "k", reason: "k must be at least 1, found \(k)") }
        let (entries, overflow) = longitudes.count.multipliedReportingOverflow(by: k)
        guard !overflow, entries <= Self.maximumResultEntries else {
            throw KernelError(
                input: "k",
                reason: "\(longitudes.count) queries × k = \(k) is more than the \(Self.maximumResultEntries) results one call may return; query in batches")
        }
        return try QueryBatch.with(longitudes: longitudes, latitudes: latitudes) { kNearest(k, $0, options) }
    }

    /// The `k` nearest facilities of each point (x = longitude, y = latitude).
    public func kNearest(_ k: Int, _ points: [Coordinate], options: QueryOptions = QueryOptions()) throws -> KNearestResult {
        try kNearest(k, longitudes: points.map(\.lon), latitudes: points.map(\.lat), options: options)
    }

    func kNearest(_ k: Int, _ batch: QueryBatch, _ options: QueryOptions) -> KNearestResult {
        var indices = [Int32](repeating: -1, count: batch.count * k)
        var distances = [Double](repeating: .infinity, count: batch.count * k)
        guard count > 0, batch.count > 0 else { return KNearestResult(k: k, facilityIndices: indices, distancesMeters: distances) }
        let metric = options.metric
        let tree = tree(metric)
        let found = min(k, count)
        let grid = CandidateGrid(
            batch: batch, facilityExtent: extent, targetCells: Self.targetCells(queries: batch.count, facilities: count),
            metric: metric, tree: tree, threads: options.threads, searchCapacity: found
        ) { center, cellRadius, best in
            tree.nearest(to: center, into: &best)
            let reach = best.keys[found - 1].squareRoot() + 2 * cellRadius
            return metric == .geodesic ? reach * (1 + 1e-4) + 1 : reach
        }
        indices.withUnsafeMutableBufferPointer { indexBuffer in
            distances.withUnsafeMutableBufferPointer { distanceBuffer in
                let indexOut = DisjointBuffer(indexBuffer), distanceOut = DisjointBuffer(distanceBuffer)
                Parallel.forEachChunk(count: batch.count, threads: options.threads, chunkSize: 1024) { range in
                    var list = NearestList(capacity: found)
                    var measured = NearestList(capacity: found)
                    for query in range {
                        let lon = batch.longitudes[query], lat = batch.latitudes[query]
                        let q = EarthModel.point(lon: lon, lat: lat, metric: metric)
                        let cell = grid.cell(lon: lon, lat: lat)
                        if metric == .haversine {
                            kNearestOnSphere(q, cell, grid, tree, &list)
                            for rank in 0..<list.count {
                                indexOut[query * k + rank] = list.ids[rank]
                                distanceOut[query * k + rank] = EarthModel.sphereDistance(q, spherePoint(list.ids[rank]), chordSquared: list.keys[rank])
                            }
                        } else {
                            kNearestOnEllipsoid(q, (lon, lat), cell, grid, tree, found, &list, &measured)
                            for rank in 0..<measured.count {
                                indexOut[query * k + rank] = measured.ids[rank]
                                distanceOut[query * k + rank] = measured.keys[rank]
                            }
                        }
                    }
                }
            }
        }
        return KNearestResult(k: k, facilityIndices: indices, distancesMeters: distances)
    }

    /// The k chord-nearest of `q` into `list` (chords are monotonic in arcs on the sphere).
    private func kNearestOnSphere(_ q: Vector3, _ cell: Int, _ grid: CandidateGrid, _ tree: PointTree, _ list: inout NearestList) {
        list.removeAll()
        for position in grid.range(of: cell) {
            list.offer(grid.candidates[position].point.squaredDistance(to: q), grid.candidates[position].id)
        }
        if list.count < list.capacity
            || !(grid.isPlanned(q, cell: cell) || list.worstKey <= max(0, grid.cover(for: q, cell: cell)).squared)
        {
            list.removeAll()
            tree.nearest(to: q, into: &list)
        }
    }

    /// Geodesic k nearest: the k chord-nearest bound the k-th geodesic distance; every facility
    /// whose chord is within that bound is then measured, since chord ≤ geodesic.
    /// Into `measured`, keyed by geodesic metres.
    private func kNearestOnEllipsoid(
        _ q: Vector3, _ lonLat: (Double, Double), _ cell: Int, _ grid: CandidateGrid,
        _ tree: PointTree, _ found: Int, _ list: inout NearestList, _ measured: inout NearestList
    ) {
        list.removeAll()
        for position in grid.range(of: cell) {
            list.offer(grid.candidates[position].point.squaredDistance(to: q), grid.candidates[position].id)
        }
        if list.count < found {
            list.removeAll()
            tree.nearest(to: q, into: &list)
        }
        var bound = 0.0
        for position in 0..<list.count {
            let id = list.ids[position]
            bound = max(bound, geodesic(q, lonLat, facilityPoint(id), list.keys[position], id))
        }
        measured.removeAll()
        let cover = grid.cover(for: q, cell: cell)
        // The margin keeps the facilities that set the bound: their chord can round a hair above it.
        let limitSquared = (bound * (1 + 1e-12)).squared
        if cover >= 0 && bound <= cover {
            for position in grid.range(of: cell) {
                let candidate = grid.candidates[position]
                let d2 = candidate.point.squaredDistance(to: q)
                guard d2 <= limitSquared else { continue }
                measured.offer(geodesic(q, lonLat, candidate.point, d2, candidate.id), candidate.id)
            }
        } else {
            tree.forEach(within: limitSquared, of: q) { id, point, d2 in
                measured.offer(geodesic(q, lonLat, point, d2, id), id)
            }
        }
    }

    func facilityPoint(_ id: Int32) -> Vector3 {
        EarthModel.ecefPoint(lon: longitudes[Int(id)], lat: latitudes[Int(id)])
    }

    func spherePoint(_ id: Int32) -> Vector3 {
        EarthModel.spherePoint(lon: longitudes[Int(id)], lat: latitudes[Int(id)])
    }
}
