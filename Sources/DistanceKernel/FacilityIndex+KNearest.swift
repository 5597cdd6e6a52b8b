import GeometryKit

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
            throw KernelError(input: "k", reason: "\(longitudes.count) queries × k = \(k) is more than the \(Self.maximumResultEntries) results one call may return; query in batches")
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
        let grid = CandidateGrid(batch: batch, facilityExtent: extent, targetCells: Self.targetCells(queries: batch.count, facilities: count),
                                 metric: metric, tree: tree, threads: options.threads, searchCapacity: found) { center, cellRadius, best in
            tree.nearest(to: center, into: &best)
            let reach = best.keys[found - 1].squareRoot() + 2 * cellRadius
            return metric == .geodesic ? reach * (1 + 1e-4) + 1 : reach
        }
        indices.withUnsafeMutableBufferPointer { indexBuffer in
            distances.withUnsafeMutableBufferPointer { distanceBuffer in
                let indexOut = SharedBuffer(indexBuffer), distanceOut = SharedBuffer(distanceBuffer)
                Parallel.forEachChunk(count: batch.count, threads: options.threads, chunkSize: 1024) { range in
                    var list = NearestList(capacity: found)
                    for query in range {
                        let lon = batch.longitudes[query], lat = batch.latitudes[query]
                        let q = EarthModel.point(lon: lon, lat: lat, metric: metric)
                        let cell = grid.cell(lon: lon, lat: lat)
                        let neighbours = metric == .haversine
                            ? kNearestOnSphere(q, cell, grid, tree, &list)
                            : kNearestOnEllipsoid(q, (lon, lat), cell, grid, tree, found, &list)
                        for (rank, neighbour) in neighbours.enumerated() {
                            indexOut[query * k + rank] = neighbour.id
                            distanceOut[query * k + rank] = neighbour.meters
                        }
                    }
                }
            }
        }
        return KNearestResult(k: k, facilityIndices: indices, distancesMeters: distances)
    }

    private func kNearestOnSphere(_ q: Vector3, _ cell: Int, _ grid: CandidateGrid, _ tree: PointTree,
                                  _ list: inout NearestList) -> [(id: Int32, meters: Double)] {
        list.removeAll()
        for position in grid.range(of: cell) {
            list.offer(grid.candidates[position].point.squaredDistance(to: q), grid.candidates[position].id)
        }
        if list.count < list.capacity
            || !(grid.isPlanned(q, cell: cell) || list.worstKey <= max(0, grid.cover(for: q, cell: cell)).squared) {
            list.removeAll()
            tree.nearest(to: q, into: &list)
        }
        return (0..<list.count).map { (list.ids[$0], EarthModel.sphereDistance(q, spherePoint(list.ids[$0]), chordSquared: list.keys[$0])) }
    }

    /// Geodesic k nearest: the k chord-nearest bound the k-th geodesic distance; every facility
    /// whose chord is within that bound is then measured, since chord ≤ geodesic.
    private func kNearestOnEllipsoid(_ q: Vector3, _ lonLat: (Double, Double), _ cell: Int, _ grid: CandidateGrid,
                                     _ tree: PointTree, _ found: Int, _ list: inout NearestList) -> [(id: Int32, meters: Double)] {
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
        var measured = NearestList(capacity: found)  // keyed by geodesic metres
        let cover = grid.cover(for: q, cell: cell)
        let measure = { (id: Int32, point: Vector3, d2: Double) in
            let meters = self.geodesic(q, lonLat, point, d2, id)
            measured.offer(meters, id)
        }
        // The margin keeps the facilities that set the bound: their chord can round a hair above it.
        let limitSquared = (bound * (1 + 1e-12)).squared
        if cover >= 0 && bound <= cover {
            for position in grid.range(of: cell) where grid.candidates[position].point.squaredDistance(to: q) <= limitSquared {
                measure(grid.candidates[position].id, grid.candidates[position].point, grid.candidates[position].point.squaredDistance(to: q))
            }
        } else {
            tree.forEach(within: limitSquared, of: q) { id, point, d2 in measure(id, point, d2) }
        }
        return (0..<measured.count).map { (measured.ids[$0], measured.keys[$0]) }
    }

    func facilityPoint(_ id: Int32) -> Vector3 {
        EarthModel.ecefPoint(lon: longitudes[Int(id)], lat: latitudes[Int(id)])
    }

    func spherePoint(_ id: Int32) -> Vector3 {
        EarthModel.spherePoint(lon: longitudes[Int(id)], lat: latitudes[Int(id)])
    }
}
