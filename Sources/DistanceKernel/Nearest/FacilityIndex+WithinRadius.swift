import GeometryKit
import Parallelism

#if canImport(Glibc)
    import Glibc  // libm's functions without Foundation: the kernels' C library links no Foundation (ICU alone is 47 MB)
#elseif canImport(Darwin)
    import Darwin
#endif

extension FacilityIndex {
    /// For each query point, the facilities within `radiusMeters` (inclusive: a facility exactly at
    /// the radius counts), as counts and, when `listFacilities` is true, as lists nearest first
    /// (ties by lower index). `within(d)` holds exactly when the distance ``nearest`` and
    /// ``kNearest`` would report is ≤ d.
    ///
    /// Throws a ``KernelError`` for a bad query coordinate or a negative or non-finite radius.
    /// Thread-safe; results do not depend on the thread count.
    public func withinRadius(
        _ radiusMeters: Double, longitudes: [Double], latitudes: [Double], listFacilities: Bool = false,
        options: QueryOptions = QueryOptions()
    ) throws -> WithinRadiusResult {
        guard radiusMeters >= 0, radiusMeters.isFinite else {
            throw KernelError(input: "radius", reason: "the radius must be a finite number of metres ≥ 0, found \(radiusMeters)")
        }
        return try QueryBatch.with(longitudes: longitudes, latitudes: latitudes) {
            withinRadius(radiusMeters, $0, listFacilities, options)
        }
    }

    /// For each point (x = longitude, y = latitude), the facilities within `radiusMeters`.
    public func withinRadius(
        _ radiusMeters: Double, _ points: [Coordinate], listFacilities: Bool = false,
        options: QueryOptions = QueryOptions()
    ) throws -> WithinRadiusResult {
        try withinRadius(
            radiusMeters, longitudes: points.map(\.lon), latitudes: points.map(\.lat),
            listFacilities: listFacilities, options: options)
    }

    func withinRadius(_ radius: Double, _ batch: QueryBatch, _ listFacilities: Bool, _ options: QueryOptions) -> WithinRadiusResult {
        guard count > 0, batch.count > 0 else {
            return WithinRadiusResult(
                counts: [Int32](repeating: 0, count: batch.count),
                offsets: listFacilities ? [Int](repeating: 0, count: batch.count + 1) : nil,
                facilityIndices: listFacilities ? [] : nil, distancesMeters: listFacilities ? [] : nil)
        }
        let metric = options.metric
        let tree = tree(metric)
        // The chord that matches the radius: on the sphere exactly; on the ellipsoid the radius
        // itself bounds it, because a chord is never longer than the geodesic.
        let chordRadius = metric == .haversine ? Self.sphereChord(forArcMeters: radius) : radius
        let grid = CandidateGrid(
            batch: batch, facilityExtent: extent, targetCells: Self.targetCells(queries: batch.count, facilities: count),
            metric: metric, tree: tree, threads: options.threads
        ) { _, cellRadius, _ in
            chordRadius * (1 + 1e-9) + cellRadius
        }
        let chunkSize = 2048
        let chunkCount = (batch.count + chunkSize - 1) / chunkSize
        var counts = [Int32](repeating: 0, count: batch.count)
        var lists = [[(Int32, Double)]](repeating: [], count: listFacilities ? chunkCount : 0)
        counts.withUnsafeMutableBufferPointer { countBuffer in
            lists.withUnsafeMutableBufferPointer { listBuffer in
                let countOut = DisjointBuffer(countBuffer), listOut = DisjointBuffer(listBuffer)
                Parallel.forEachChunk(count: batch.count, threads: options.threads, chunkSize: chunkSize) { range in
                    var chunkList: [(Int32, Double)] = []
                    var found: [(Int32, Double)] = []
                    for query in range {
                        let lon = batch.longitudes[query], lat = batch.latitudes[query]
                        let q = EarthModel.point(lon: lon, lat: lat, metric: metric)
                        let cell = grid.cell(lon: lon, lat: lat)
                        found.removeAll(keepingCapacity: true)
                        if grid.isPlanned(q, cell: cell) || grid.cover(for: q, cell: cell) >= chordRadius * (1 + 1e-9) {
                            for position in grid.range(of: cell) {
                                let candidate = grid.candidates[position]
                                let d2 = candidate.point.squaredDistance(to: q)
                                if let meters = distanceWithin(radius, chordRadius, q, (lon, lat), candidate.point, d2, candidate.id, metric) {
                                    found.append((candidate.id, meters))
                                }
                            }
                        } else {
                            let limit = chordRadius * (1 + 1e-9)
                            tree.forEach(within: limit * limit, of: q) { id, point, d2 in
                                if let meters = distanceWithin(radius, chordRadius, q, (lon, lat), point, d2, id, metric) { found.append((id, meters)) }
                            }
                        }
                        countOut[query] = Int32(found.count)
                        if listFacilities {
                            found.sort { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
                            chunkList += found
                        }
                    }
                    if listFacilities { listOut[range.lowerBound / chunkSize] = chunkList }
                }
            }
        }
        guard listFacilities else { return WithinRadiusResult(counts: counts, offsets: nil, facilityIndices: nil, distancesMeters: nil) }
        var offsets = [Int](repeating: 0, count: batch.count + 1)
        for query in 0..<batch.count { offsets[query + 1] = offsets[query] + Int(counts[query]) }
        let flat = lists.joined()
        return WithinRadiusResult(counts: counts, offsets: offsets, facilityIndices: flat.map(\.0), distancesMeters: flat.map(\.1))
    }

    /// The reported distance when it is within `radius`, else nil. The chord rules out most
    /// candidates; the survivors are measured exactly as ``nearest`` measures them, so that
    /// "within d" and "distance ≤ d" never disagree at the boundary.
    @inline(__always)
    private func distanceWithin(
        _ radius: Double, _ chordRadius: Double, _ q: Vector3, _ lonLat: (Double, Double),
        _ point: Vector3, _ d2: Double, _ id: Int32, _ metric: DistanceMetric
    ) -> Double? {
        let upper = chordRadius * (1 + 1e-9)
        guard d2 <= upper * upper else { return nil }
        let meters =
            metric == .haversine
            ? EarthModel.sphereDistance(q, point, chordSquared: d2)
            : geodesic(q, lonLat, point, d2, id)
        return meters <= radius ? meters : nil
    }

    /// The chord of a great-circle arc of `meters` on the haversine sphere (the diameter beyond half a circumference).
    static func sphereChord(forArcMeters meters: Double) -> Double {
        let r = EarthModel.sphereRadiusMeters
        let half = meters / (2 * r)
        return half >= Double.pi / 2 ? 2 * r : 2 * r * sin(half)
    }
}
