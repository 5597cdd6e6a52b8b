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

import DistanceKernel
import Foundation

enum Operation: String {
    case nearest
    case kNearest = "k-nearest"
    case withinRadius = "within-radius"
}

struct Options {
    var facilitiesPath = ""
    var queriesPath = ""
    var operation = Operation.nearest
    var metric = DistanceMetric.haversine
    var k = 3
    var radiusMeters = 5_000.0
    var repeatCount = 5
    var threads: Int?
    var answersPrefix: String?

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var iterator = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let value = iterator.next() else { throw UsageError(message: "\(flag) needs a value") }
            return value
        }
        func positive(_ flag: String) throws -> Int {
            let text = try value(flag)
            guard let number = Int(text), number > 0 else { throw UsageError(message: "\(flag) expects a whole number > 0, found \(text)") }
            return number
        }
        while let argument = iterator.next() {
            switch argument {
            case "--facilities": options.facilitiesPath = try value(argument)
            case "--queries": options.queriesPath = try value(argument)
            case "--operation":
                let text = try value(argument)
                guard let operation = Operation(rawValue: text) else {
                    throw UsageError(message: "--operation expects nearest, k-nearest or within-radius, found \(text)")
                }
                options.operation = operation
            case "--metric":
                let text = try value(argument)
                guard let metric = DistanceMetric(rawValue: text) else {
                    throw UsageError(message: "--metric expects haversine or geodesic, found \(text)")
                }
                options.metric = metric
            case "--k": options.k = try positive(argument)
            case "--radius-m":
                let text = try value(argument)
                guard let radius = Double(text), radius >= 0, radius.isFinite else {
                    throw UsageError(message: "--radius-m expects a number of metres ≥ 0, found \(text)")
                }
                options.radiusMeters = radius
            case "--repeat": options.repeatCount = try positive(argument)
            case "--threads": options.threadCount = try positive(argument)
            case "--answers": options.answersPrefix = try value(argument)
            case "--help", "-h": throw UsageError(message: "")
            default: throw UsageError(message: "unknown argument \(argument)")
            }
        }
        guard !options.facilitiesPath.isEmpty, !options.queriesPath.isEmpty else {
            throw UsageError(message: "--facilities and --queries are required")
        }
        return options
    }
}

struct UsageError: Error {
    let message: String
    static let usage = """
        usage: distance-kernel-runner --facilities FILE --queries FILE --operation nearest|k-nearest|within-radius
                                      [--metric haversine|geodesic] [--k K] [--radius-m METRES] [--threads T]
                                      [--repeat R] [--answers PREFIX]
        """
}

struct Report: Encodable {
    let operation: String
    let metric: String
    let k: Int?
    let radiusMeters: Double?
    let facilities: Int
    let queries: Int
    let threads: Int
    let buildSeconds: [Double]
    let querySeconds: [Double]
    let totalSeconds: [Double]
    /// CPU time of the process (all threads) during each run's build + query: on a shared machine,
    /// wall time well above CPU time ÷ threads means the run waited for a core.
    let totalCPUSeconds: [Double]
    let medianBuildSeconds: Double
    let medianQuerySeconds: Double
    let medianTotalSeconds: Double
    let medianTotalCPUSeconds: Double
    let nanosecondsPerQuery: Double
    let answersFiles: [String]

    enum CodingKeys: String, CodingKey {
        case operation, metric, k, facilities, queries, threads
        case radiusMeters = "radius_m"
        case buildSeconds = "build_seconds", querySeconds = "query_seconds", totalSeconds = "total_seconds"
        case totalCPUSeconds = "total_cpu_seconds", medianTotalCPUSeconds = "median_total_cpu_seconds"
        case medianBuildSeconds = "median_build_seconds", medianQuerySeconds = "median_query_seconds"
        case medianTotalSeconds = "median_total_seconds", nanosecondsPerQuery = "ns_per_query"
        case answersFiles = "answers_files"
    }
}

/// The answers of one run, kept so that the last run's can be written.
enum Answers {
    case nearest(NearestResult)
    case kNearest(KNearestResult)
    case withinRadius(WithinRadiusResult)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// CPU seconds this process has used so far, all threads together.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Reads 2 × N little-endian float64 values into separate longitude and latitude arrays.
func readLonLat(_ path: String) throws -> (longitudes: [Double], latitudes: [Double]) {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard data.count % 16 == 0 else {
        throw UsageError(message: "\(path): \(data.count) bytes is not a whole number of lon/lat float64 pairs")
    }
    let count = data.count / 16
    var longitudes = [Double](repeating: 0, count: count)
    var latitudes = [Double](repeating: 0, count: count)
    data.withUnsafeBytes { raw in
        for index in 0..<count {
            longitudes[index] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 * index, as: UInt64.self)))
            latitudes[index] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 * index + 8, as: UInt64.self)))
        }
    }
    return (longitudes, latitudes)
}

func write<Element: FixedWidthInteger>(_ values: [Element], to path: String) throws {
    let data = values.map(\.littleEndian).withUnsafeBytes { Data($0) }
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
}

func write(_ values: [Double], to path: String) throws {
    try write(values.map(\.bitPattern), to: path)
}

func run() throws {
    let options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    // Untimed: reading the inputs.
    let facilities = try readLonLat(options.facilitiesPath)
    let queries = try readLonLat(options.queriesPath)
    let threads = options.threadCount ?? ProcessInfo.processInfo.activeProcessorCount
    let queryOptions = QueryOptions(metric: options.metric, threads: threads)
    let clock = ContinuousClock()

    /// One run: build the index, then query it, each on its own clock.
    func once() throws -> (build: Double, query: Double, cpu: Double, answers: Answers) {
        let cpuStart = processCPUSeconds()
        let buildStart = clock.now
        let index = try FacilityIndex(longitudes: facilities.longitudes, latitudes: facilities.latitudes)
        let queryStart = clock.now
        let answers: Answers
        switch options.operation {
        case .nearest:
            answers = .nearest(try index.nearest(longitudes: queries.longitudes, latitudes: queries.latitudes, options: queryOptions))
        case .kNearest:
            answers = .kNearest(try index.kNearest(options.k, longitudes: queries.longitudes, latitudes: queries.latitudes,
                                                   options: queryOptions))
        case .withinRadius:
            answers = .withinRadius(try index.withinRadius(options.radiusMeters, longitudes: queries.longitudes,
                                                           latitudes: queries.latitudes, options: queryOptions))
        }
        let end = clock.now
        let cpu = processCPUSeconds() - cpuStart
        return (seconds(queryStart - buildStart), seconds(end - queryStart), cpu, answers)
    }

    var last = try once()  // warm-up, untimed
    var builds: [Double] = [], queryTimes: [Double] = [], totals: [Double] = [], cpuTimes: [Double] = []
    for _ in 0..<options.repeatCount {
        last = try once()
        builds.append(last.build)
        queryTimes.append(last.query)
        totals.append(last.build + last.query)
        cpuTimes.append(last.cpu)
    }

    var files: [String] = []
    if let prefix = options.answersPrefix {
        switch last.answers {
        case .nearest(let result):
            try write(result.facilityIndices, to: prefix + ".indices.i32")
            try write(result.distancesMeters, to: prefix + ".distances.f64")
            files = [prefix + ".indices.i32", prefix + ".distances.f64"]
        case .kNearest(let result):
            try write(result.facilityIndices, to: prefix + ".indices.i32")
            try write(result.distancesMeters, to: prefix + ".distances.f64")
            files = [prefix + ".indices.i32", prefix + ".distances.f64"]
        case .withinRadius(let result):
            try write(result.counts, to: prefix + ".counts.i32")
            files = [prefix + ".counts.i32"]
        }
    }
    let medianQuery = median(queryTimes)
    let report = Report(operation: options.operation.rawValue, metric: options.metric.rawValue,
                        k: options.operation == .kNearest ? options.k : nil,
                        radiusMeters: options.operation == .withinRadius ? options.radiusMeters : nil,
                        facilities: facilities.longitudes.count, queries: queries.longitudes.count, threads: threads,
                        buildSeconds: builds, querySeconds: queryTimes, totalSeconds: totals, totalCPUSeconds: cpuTimes,
                        medianBuildSeconds: median(builds), medianQuerySeconds: medianQuery, medianTotalSeconds: median(totals),
                        medianTotalCPUSeconds: median(cpuTimes),
                        nanosecondsPerQuery: queries.longitudes.isEmpty ? 0 : medianQuery * 1e9 / Double(queries.longitudes.count),
                        answersFiles: files)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(report), as: UTF8.self))
}

do {
    try run()
} catch let error as UsageError {
    if !error.message.isEmpty { FileHandle.standardError.write(Data("distance-kernel-runner: \(error.message)\n".utf8)) }
    FileHandle.standardError.write(Data((UsageError.usage + "\n").utf8))
    exit(error.message.isEmpty ? 0 : 2)
} catch {
    FileHandle.standardError.write(Data("distance-kernel-runner: \(error)\n".utf8))
    exit(1)
}
