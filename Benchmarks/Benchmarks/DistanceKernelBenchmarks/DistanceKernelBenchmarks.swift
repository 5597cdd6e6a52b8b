// package-benchmark suites for DistanceKernel: index build, nearest (haversine and geodesic),
// k = 3, within 5 km counts, and thread scaling, over seeded uniform points in the Laos box.
//
//   swift package --package-path Benchmarks --scratch-path .build-bench benchmark   (or: make bench-kernel)
//
// Only the thing named is measured (DESIGN.md rule 13): the points are generated and the index
// built once, lazily, outside every measured region (the global `let`s below, first touched in
// the setup hook or before `startMeasurement()`), and each iteration is one batch call whose
// result goes to `blackHole`.

import Benchmark
import BenchmarkSupport
import DistanceKernel

/// The Laos bounding box (degrees), as in bench_peers.py.
let laosLongitudes = 100.08...107.64
let laosLatitudes = 13.91...22.51
let queryCount = 1_000_000
let facilityCount = 10_000
let radiusMeters = 5_000.0

/// `count` points uniform in the Laos box: all the longitudes first, then all the latitudes, from
/// BenchmarkSupport's SplitMix64 so that the inputs are the same from run to run. Seeds: 4 for the
/// facilities, 2024 for the queries.
func uniformPoints(_ count: Int, seed: UInt64) -> (longitudes: [Double], latitudes: [Double]) {
    var generator = SplitMix64(state: seed)
    let longitudes = (0..<count).map { _ in Double.random(in: laosLongitudes, using: &generator) }
    let latitudes = (0..<count).map { _ in Double.random(in: laosLatitudes, using: &generator) }
    return (longitudes, latitudes)
}

// Lazily initialised once (Swift globals), outside the measured regions.
let facilities = uniformPoints(facilityCount, seed: 4)
let queries = uniformPoints(queryCount, seed: 2024)
let index = try! FacilityIndex(longitudes: facilities.longitudes, latitudes: facilities.latitudes)

/// Touches the inputs (and the index) so that generating them is never measured.
@Sendable func prepare() async throws {
    blackHole(index.count + queries.longitudes.count)
}

let benchmarks: @Sendable () -> Void = {
    // The machine has 2 cores and other work on it: few iterations, bounded in time.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 15
    )
    let allThreads = QueryOptions().threads

    Benchmark(
        "FacilityIndex build, 10,000 facilities",
        configuration: .init(maxIterations: 50, setup: prepare)
    ) { benchmark in
        benchmark.startMeasurement()
        blackHole(try FacilityIndex(longitudes: facilities.longitudes, latitudes: facilities.latitudes))
    }

    for metric in DistanceMetric.allCases {
        Benchmark("nearest, \(metric), 1M × 10k, \(allThreads) threads", configuration: .init(setup: prepare)) { _ in
            blackHole(
                try index.nearest(
                    longitudes: queries.longitudes, latitudes: queries.latitudes,
                    options: QueryOptions(metric: metric, threads: allThreads)))
        }
    }

    Benchmark(
        "nearest, haversine, 1M × 10k, index build included, \(allThreads) threads",
        configuration: .init(setup: prepare)
    ) { _ in
        let built = try FacilityIndex(longitudes: facilities.longitudes, latitudes: facilities.latitudes)
        blackHole(
            try built.nearest(
                longitudes: queries.longitudes, latitudes: queries.latitudes,
                options: QueryOptions(metric: .haversine, threads: allThreads)))
    }

    Benchmark("kNearest k = 3, haversine, 1M × 10k, \(allThreads) threads", configuration: .init(setup: prepare)) { _ in
        blackHole(
            try index.kNearest(
                3, longitudes: queries.longitudes, latitudes: queries.latitudes,
                options: QueryOptions(metric: .haversine, threads: allThreads)))
    }

    Benchmark(
        "withinRadius 5 km counts, haversine, 1M × 10k, \(allThreads) threads",
        configuration: .init(setup: prepare)
    ) { _ in
        blackHole(
            try index.withinRadius(
                radiusMeters, longitudes: queries.longitudes, latitudes: queries.latitudes,
                options: QueryOptions(metric: .haversine, threads: allThreads)))
    }

    // Thread scaling: the same nearest query on 1 and 2 threads (the 2-thread run is the one above
    // on this 2-core machine, repeated here under its own name so that the pair reads together).
    for threads in [1, 2] {
        Benchmark(
            "thread scaling: nearest, haversine, 1M × 10k, threads: \(threads)",
            configuration: .init(setup: prepare)
        ) { _ in
            blackHole(
                try index.nearest(
                    longitudes: queries.longitudes, latitudes: queries.latitudes,
                    options: QueryOptions(metric: .haversine, threads: threads)))
        }
    }
}
