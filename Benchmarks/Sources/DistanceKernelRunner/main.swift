// distance-kernel-runner: times one DistanceKernel batch query over binary inputs, for
// Benchmarks/bench_peers.py.
//
//   distance-kernel-runner --facilities FILE --queries FILE --operation nearest|k-nearest|within-radius
//                          [--metric haversine|geodesic] [--k K] [--radius-m METRES] [--threads T]
//                          [--repeat R] [--answers PREFIX]
//
// --facilities and --queries each hold 2 × N little-endian float64 values: lon0, lat0, lon1, lat1, …
// (degrees). Reading them and splitting them into the longitude and latitude arrays the kernel
// takes happen before any clock starts. Each run, after one untimed warm-up run, times
//   * the index build, `FacilityIndex(longitudes:latitudes:)`, and
//   * the query on that index (`nearest`, `kNearest` or `withinRadius`, counts only),
// on separate clocks, so that the JSON gives build + query ("index build included", what the
// peers' build + query figures compare with) and the query alone, per run and as medians, and the
// process's CPU time (all threads) for build + query.
// With --answers, the last run's answers are written for the peer comparison:
//   nearest        PREFIX.indices.i32 (N int32, −1 for none), PREFIX.distances.f64 (N float64, metres)
//   k-nearest      the same with N × k entries, query i at i·k ..< (i+1)·k, nearest first
//   within-radius  PREFIX.counts.i32 (N int32)
// all little-endian.

import ArgumentParser
import BenchmarkSupport
import DistanceKernel

enum Operation: String, CaseIterable, ExpressibleByArgument {
    case nearest
    case kNearest = "k-nearest"
    case withinRadius = "within-radius"
}

// The kernel does not depend on ArgumentParser, so the conformance lives here.
// swift-format-ignore: AvoidRetroactiveConformances
extension DistanceMetric: @retroactive ExpressibleByArgument {}

struct DistanceKernelRunner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distance-kernel-runner",
        abstract: "Times a FacilityIndex build and one batch query over binary files of facilities and queries."
    )

    @Option(
        name: .customLong("facilities"),
        help: ArgumentHelp("2 × N little-endian float64 values: lon, lat, lon, lat, … (degrees).", valueName: "FILE"))
    var facilitiesPath: String

    @Option(name: .customLong("queries"), help: ArgumentHelp("The query points, in the same layout.", valueName: "FILE"))
    var queriesPath: String

    @Option(help: "The batch query to time.")
    var operation = Operation.nearest

    @Option(help: "How distances are measured.")
    var metric = DistanceMetric.haversine

    @Option(help: ArgumentHelp("Facilities per query for k-nearest.", valueName: "K"))
    var k = 3

    @Option(name: .customLong("radius-m"), help: ArgumentHelp("The radius for within-radius, in metres.", valueName: "METRES"))
    var radiusMeters = 5_000.0

    @OptionGroup var runOptions: RunOptions

    @Option(
        name: .customLong("answers"),
        help: ArgumentHelp(
            "Write the last run's answers to PREFIX.indices.i32 and PREFIX.distances.f64, or PREFIX.counts.i32.",
            valueName: "PREFIX"))
    var answersPrefix: String?

    func validate() throws {
        try validatePositive(k, option: "--k")
        // Written so that NaN fails too.
        guard radiusMeters >= 0, radiusMeters.isFinite else {
            throw ValidationError("--radius-m expects a number of metres ≥ 0, found \(radiusMeters)")
        }
    }

    /// The answers of one run, kept so that the last run's can be written.
    enum Answers {
        case nearest(NearestResult)
        case kNearest(KNearestResult)
        case withinRadius(WithinRadiusResult)
    }

    func run() throws {
        // Untimed: reading the inputs.
        let facilities = try LonLatFile(path: facilitiesPath)
        let queries = try LonLatFile(path: queriesPath)
        let threads = runOptions.threadCount
        let queryOptions = QueryOptions(metric: metric, threads: threads)
        // Plain values for the timed region, not the options' property wrappers.
        let (operation, k, radiusMeters) = (operation, k, radiusMeters)
        let clock = ContinuousClock()

        /// One run: build the index, then query it, each on its own clock.
        func once() throws -> (build: Double, query: Double, cpu: Double, answers: Answers) {
            let cpuStart = processCPUSeconds()
            let buildStart = clock.now
            let index = try FacilityIndex(longitudes: facilities.longitudes, latitudes: facilities.latitudes)
            let queryStart = clock.now
            let answers: Answers
            switch operation {
            case .nearest:
                answers = .nearest(try index.nearest(longitudes: queries.longitudes, latitudes: queries.latitudes, options: queryOptions))
            case .kNearest:
                answers = .kNearest(
                    try index.kNearest(
                        k, longitudes: queries.longitudes, latitudes: queries.latitudes,
                        options: queryOptions))
            case .withinRadius:
                answers = .withinRadius(
                    try index.withinRadius(
                        radiusMeters, longitudes: queries.longitudes,
                        latitudes: queries.latitudes, options: queryOptions))
            }
            let end = clock.now
            let cpu = processCPUSeconds() - cpuStart
            return (seconds(queryStart - buildStart), seconds(end - queryStart), cpu, answers)
        }

        var last = try once()  // warm-up, untimed
        var builds: [Double] = [], queryTimes: [Double] = [], totals: [Double] = [], cpuTimes: [Double] = []
        for _ in 0..<runOptions.repeatCount {
            last = try once()
            builds.append(last.build)
            queryTimes.append(last.query)
            totals.append(last.build + last.query)
            cpuTimes.append(last.cpu)
        }

        let files = try answersPrefix.map { try write(last.answers, prefix: $0) } ?? []
        let medianQuery = median(queryTimes)
        try printReport(
            Report(
                operation: operation.rawValue, metric: metric.rawValue,
                k: operation == .kNearest ? k : nil,
                radiusMeters: operation == .withinRadius ? radiusMeters : nil,
                facilities: facilities.count, queries: queries.count, threads: threads,
                buildSeconds: builds, querySeconds: queryTimes, totalSeconds: totals, totalCPUSeconds: cpuTimes,
                medianBuildSeconds: median(builds), medianQuerySeconds: medianQuery, medianTotalSeconds: median(totals),
                medianTotalCPUSeconds: median(cpuTimes),
                nanosecondsPerQuery: queries.count == 0 ? 0 : medianQuery * 1e9 / Double(queries.count),
                answersFiles: files))
    }

    /// Writes `answers` under `prefix` and returns the files' paths.
    func write(_ answers: Answers, prefix: String) throws -> [String] {
        switch answers {
        case .nearest(let result):
            try AnswerFile.write(result.facilityIndices, to: prefix + ".indices.i32")
            try AnswerFile.write(result.distancesMeters, to: prefix + ".distances.f64")
            return [prefix + ".indices.i32", prefix + ".distances.f64"]
        case .kNearest(let result):
            try AnswerFile.write(result.facilityIndices, to: prefix + ".indices.i32")
            try AnswerFile.write(result.distancesMeters, to: prefix + ".distances.f64")
            return [prefix + ".indices.i32", prefix + ".distances.f64"]
        case .withinRadius(let result):
            try AnswerFile.write(result.counts, to: prefix + ".counts.i32")
            return [prefix + ".counts.i32"]
        }
    }
}

/// The JSON object printed on stdout; bench_peers.py reads these keys.
struct Report: Encodable {
    let operation, metric: String
    let k: Int?
    let radiusMeters: Double?
    let facilities, queries, threads: Int
    /// Each timed run's build, query, and both, in order.
    let buildSeconds, querySeconds, totalSeconds: [Double]
    /// CPU time of the process (all threads) during each run's build + query: on a shared machine,
    /// wall time well above CPU time ÷ threads means the run waited for a core.
    let totalCPUSeconds: [Double]
    let medianBuildSeconds, medianQuerySeconds, medianTotalSeconds, medianTotalCPUSeconds: Double
    let nanosecondsPerQuery: Double
    let answersFiles: [String]

    enum CodingKeys: String, CodingKey {
        case operation, metric, k, facilities, queries, threads
        case radiusMeters = "radius_m"
        case buildSeconds = "build_seconds"
        case querySeconds = "query_seconds"
        case totalSeconds = "total_seconds"
        case totalCPUSeconds = "total_cpu_seconds"
        case medianTotalCPUSeconds = "median_total_cpu_seconds"
        case medianBuildSeconds = "median_build_seconds"
        case medianQuerySeconds = "median_query_seconds"
        case medianTotalSeconds = "median_total_seconds"
        case nanosecondsPerQuery = "ns_per_query"
        case answersFiles = "answers_files"
    }
}

DistanceKernelRunner.main()
