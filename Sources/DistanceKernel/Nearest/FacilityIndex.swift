import GeometryKit
import Parallelism

/// An immutable index of facility locations (longitude/latitude, degrees) answering exact batch
/// distance queries — nearest, k nearest, all within a radius — on the sphere (`haversine`) or the
/// WGS 84 ellipsoid (`geodesic`), over all cores.
///
/// `Sendable`: build it once and query it from anywhere. Results come back in input order and are
/// identical whatever the thread count; ties are broken by the lowest facility index; memory is
/// linear in the inputs (never a queries × facilities matrix).
///
/// How it is fast: each batch lays a grid over the queries; every grid cell gets, once, the short
/// list of facilities that can answer any query in it (found with a k-d tree over 3-D points by the
/// triangle inequality); then each query reads only its cell's list. A query whose answer the list
/// cannot guarantee — it lies farther from the cell centre than expected — is answered by the
/// k-d tree directly, so the result is always exact.
public struct FacilityIndex: Sendable {
    /// The number of facilities.
    public let count: Int
    let longitudes: [Double]
    let latitudes: [Double]
    let sphereTree: PointTree
    let ellipsoidTree: PointTree
    /// The bounding box of the facilities in degrees (a point box at 0, 0 when there are none).
    let extent: Envelope

    /// An index over facilities at `longitudes[i]`, `latitudes[i]` (degrees). An empty index is
    /// allowed (every query answers "none"). Throws a ``KernelError`` naming the first facility
    /// that is not a valid longitude/latitude.
    public init(longitudes: [Double], latitudes: [Double]) throws {
        try longitudes.withUnsafeBufferPointer { lons in
            try latitudes.withUnsafeBufferPointer { lats in
                try KernelError.validate(longitudes: lons, latitudes: lats, input: "facility")
            }
        }
        guard longitudes.count < Int(Int32.max) else {
            throw KernelError(input: "facility", reason: "at most \(Int32.max - 1) facilities are supported")
        }
        count = longitudes.count
        self.longitudes = longitudes
        self.latitudes = latitudes
        extent =
            Envelope(covering: zip(longitudes, latitudes).map { Coordinate(lon: $0, lat: $1) })
            ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
        // The two trees are independent: build them side by side.
        var trees: [PointTree?] = [nil, nil]
        trees.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointBuffer(buffer)
            Parallel.forEachChunk(count: 2, threads: 2, chunkSize: 1) { range in
                let metric: DistanceMetric = range.lowerBound == 0 ? .haversine : .geodesic
                out[range.lowerBound] = PointTree(zip(longitudes, latitudes).map { EarthModel.point(lon: $0, lat: $1, metric: metric) })
            }
        }
        sphereTree = trees[0]!
        ellipsoidTree = trees[1]!
    }

    /// An index over facilities at `coordinates` (x = longitude, y = latitude, degrees).
    public init(_ coordinates: [Coordinate]) throws {
        try self.init(longitudes: coordinates.map(\.lon), latitudes: coordinates.map(\.lat))
    }

    /// The most result entries (queries × k) one k-nearest call returns: 2³¹, 24 GiB of results.
    public static let maximumResultEntries = 1 << 31

    /// The facility's location.
    public func coordinate(of facility: Int) -> Coordinate {
        Coordinate(lon: longitudes[facility], lat: latitudes[facility])
    }

    func tree(_ metric: DistanceMetric) -> PointTree {
        metric == .haversine ? sphereTree : ellipsoidTree
    }
}

/// How a batch query runs.
public struct QueryOptions: Sendable, Equatable {
    public var metric: DistanceMetric
    /// Worker threads; results do not depend on it. Default: every available core.
    public var threads: Int

    public init(metric: DistanceMetric = .haversine, threads: Int? = nil) {
        self.metric = metric
        self.threads = max(1, threads ?? Parallel.defaultThreadCount)
    }
}
