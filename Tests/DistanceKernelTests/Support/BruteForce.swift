import DistanceKernel
import Foundation
import GeometryKit
import Synchronization
import TestSupport
import Testing

/// Reference distances from GeometryKit, never from the kernel: the haversine oracle (TestSupport) on the
/// kernel's sphere for `.haversine`, Karney's algorithm (`Geodesic.wgs84`, PROJ) for `.geodesic`.
enum BruteForce {
    static func distanceMeters(
        _ query: (lon: Double, lat: Double), _ facility: (lon: Double, lat: Double),
        _ metric: DistanceMetric
    ) -> Double {
        let from = Coordinate(lon: query.lon, lat: query.lat), to = Coordinate(lon: facility.lon, lat: facility.lat)
        switch metric {
        case .haversine:
            return haversineMeters(from: from, to: to, radiusMeters: EarthModel.sphereRadiusMeters)
        case .geodesic:
            return try! Geodesic.wgs84.distanceMeters(from: from, to: to)
        }
    }

    /// Two reference distances closer than this are a tie: the lower facility index must win.
    static let tieMeters = 1e-9

    /// The tolerance between a kernel distance and the reference distance of the same facility:
    /// 1e-6 m on the sphere, 1 mm on the ellipsoid (the bound; about 2e-6 m is observed).
    ///
    /// Within 50 km of the antipode the haversine formula (asin of a value near 1) and the
    /// kernel's chord formula both lose half their digits, so neither is a reference there: such
    /// pairs get 0.25 m here and are checked against an extended-precision arbiter in
    /// `FacilityIndexNearestTests.haversineNearTheAntipode`.
    static func toleranceMeters(_ metric: DistanceMetric, referenceMeters: Double = 0) -> Double {
        switch metric {
        case .haversine: referenceMeters > antipodalMeters - 50_000 ? 0.25 : 1e-6
        case .geodesic: 1e-3
        }
    }

    /// Half the circumference of the haversine sphere.
    static let antipodalMeters = Double.pi * EarthModel.sphereRadiusMeters

    #if arch(x86_64) || arch(i386)
        /// The great-circle distance on the haversine sphere in extended precision, by atan2 of
        /// |p × q| and p · q: well conditioned everywhere, the antipode included. An arbiter for
        /// the cases where the double-precision haversine formula itself is off.
        static func sphereArcExtended(_ a: (lon: Double, lat: Double), _ b: (lon: Double, lat: Double)) -> Double {
            func unit(_ p: (lon: Double, lat: Double)) -> (Float80, Float80, Float80) {
                let lon = Float80(p.lon) * .pi / 180, lat = Float80(p.lat) * .pi / 180
                return (cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
            }
            let p = unit(a), q = unit(b)
            let cx = p.1 * q.2 - p.2 * q.1, cy = p.2 * q.0 - p.0 * q.2, cz = p.0 * q.1 - p.1 * q.0
            let dot = p.0 * q.0 + p.1 * q.1 + p.2 * q.2
            return Double(Float80(EarthModel.sphereRadiusMeters) * atan2((cx * cx + cy * cy + cz * cz).squareRoot(), dot))
        }
    #endif

    /// The `limit` nearest facilities by reference distance, nearest first, ties (< ``tieMeters``)
    /// ordered by index: the order the kernel must reproduce.
    static func ranked(_ row: [Double], limit: Int) -> [Int] {
        let keep = min(row.count, limit + 4)  // a few more, so that ties across the cut are seen
        var best: [Int] = []
        best.reserveCapacity(keep + 1)
        row.withUnsafeBufferPointer { distances in
            for facility in distances.indices {
                let distance = distances[facility]
                if best.count == keep, !(distance < distances[best[keep - 1]]) { continue }
                var position = best.count
                while position > 0 && distances[best[position - 1]] > distance { position -= 1 }
                best.insert(facility, at: position)
                if best.count > keep { best.removeLast() }
            }
        }
        // Runs of near-equal distances: lowest index first.
        var start = 0
        while start < best.count {
            var end = start + 1
            while end < best.count && row[best[end]] - row[best[end - 1]] < tieMeters { end += 1 }
            if end - start > 1 { best[start..<end].sort() }
            start = end
        }
        return Array(best.prefix(limit))
    }
}

/// Reference distance rows for a sample of one data set's queries under one metric, computed once
/// per test run and shared by the nearest, k-nearest and within-radius tests.
struct Reference: Sendable {
    let facilities: Points
    let queries: Points
    /// Query positions of the sample: the first ones (which include queries at facilities) and an even spread.
    let sample: [Int]
    /// rows[s][f]: reference distance from query sample[s] to facility f, metres.
    let rows: [[Double]]

    init(_ dataSet: KernelDataSet, _ metric: DistanceMetric) {
        let (facilities, queries) = dataSet.make()
        self.facilities = facilities
        self.queries = queries
        let sampleSize = metric == .haversine ? 300 : 150
        var sample = Array(0..<min(20, queries.count))
        let stride = max(1, queries.count / sampleSize)
        sample += Swift.stride(from: 20, to: queries.count, by: stride)
        self.sample = sample
        rows = sample.map { query in
            (0..<facilities.count).map { BruteForce.distanceMeters(queries[query], facilities[$0], metric) }
        }
    }

    /// The `limit` nearest facilities of sampled query `s` (see ``BruteForce/ranked(_:limit:)``).
    func ranked(_ s: Int, limit: Int) -> [Int] {
        BruteForce.ranked(rows[s], limit: limit)
    }

    private static let cache = Mutex<[String: Entry]>([:])

    private final class Entry: Sendable {
        let value = Mutex<Reference?>(nil)
    }

    /// The shared reference of `dataSet` under `metric` (computed on first use, by one thread).
    static func of(_ dataSet: KernelDataSet, _ metric: DistanceMetric) -> Reference {
        let key = "\(dataSet.rawValue)/\(metric.rawValue)"
        let entry = cache.withLock { entries in
            if let entry = entries[key] { return entry }
            let entry = Entry()
            entries[key] = entry
            return entry
        }
        return entry.value.withLock { value in
            if let value { return value }
            let computed = Reference(dataSet, metric)
            value = computed
            return computed
        }
    }
}

/// The largest difference seen between a kernel distance and its reference, for the report.
struct ErrorTracker {
    private(set) var maximum = 0.0
    private(set) var compared = 0

    mutating func record(_ kernel: Double, _ reference: Double) {
        compared += 1
        if kernel == reference { return }  // both +∞ or exactly equal
        maximum = max(maximum, abs(kernel - reference))
    }
}
