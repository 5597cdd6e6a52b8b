// point-in-district-runner: times the assignment of N points to districts with DistanceKernel's
// PointInPolygonIndex, for Benchmarks/point_in_district.py.
//
//   point-in-district-runner --points FILE --districts FILE [--repeat R] [--threads T]
//                            [--target-cells C] [--answers FILE]
//
// --points holds 2 × N little-endian float64 values: lon0, lat0, lon1, lat1, …
// --districts is a GeoJSON FeatureCollection of Polygon/MultiPolygon features (GeoIO's reader).
// Reading both files, splitting the points into longitude and latitude arrays and building the
// index happen before the clock starts (the build has its own clock); each timed run is one
// `locate(longitudes:latitudes:threads:)` call over all points, after one untimed warm-up run.
// Prints one JSON object on stdout: every run's time, the median, the build time, a checksum of
// the answers, and where the answers were written (N little-endian int32, −1 for none).

import ArgumentParser
import BenchmarkSupport
import DistanceKernel
import GeoIO
import GeometryKit

struct PointInDistrictRunner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "point-in-district-runner",
        abstract: "Times PointInPolygonIndex.locate over a binary file of points and a GeoJSON layer of districts."
    )

    @Option(help: ArgumentHelp("2 × N little-endian float64 values: lon, lat, lon, lat, …", valueName: "FILE"))
    var points: String

    @Option(help: ArgumentHelp("A GeoJSON FeatureCollection of Polygon/MultiPolygon features.", valueName: "FILE"))
    var districts: String

    @OptionGroup var runOptions: RunOptions

    @Option(
        name: .customLong("target-cells"),
        help: ArgumentHelp("About how many grid cells the index uses (default: from the edge count).", valueName: "C"))
    var targetCellCount: Int?

    @Option(
        name: .customLong("answers"),
        help: ArgumentHelp("Where to write the answers: N little-endian int32, −1 for none.", valueName: "FILE"))
    var answersPath: String?

    func validate() throws {
        try validatePositive(targetCellCount, option: "--target-cells")
    }

    func run() throws {
        // Untimed: reading the inputs.
        let coordinates = try LonLatFile(path: points)
        let layer = try GeoJSONLayer.read(path: districts)
        if let problem = layer.problems.first { throw problem }
        let shapes = try layer.features.map { feature -> Shape in
            guard let shape = feature.geometry else { throw InputFileError(path: districts, reason: "feature \(feature.index) has no geometry") }
            return shape
        }
        let threads = runOptions.threadCount

        // The index build, on its own clock.
        let clock = ContinuousClock()
        let buildStart = clock.now
        let index = try PointInPolygonIndex(shapes, targetCellCount: targetCellCount)
        let buildSeconds = seconds(clock.now - buildStart)

        // Timed: one warm-up, then `repeat` runs of the whole batch.
        var answers = try index.locate(longitudes: coordinates.longitudes, latitudes: coordinates.latitudes, threads: threads)
        var runs: [Double] = []
        for _ in 0..<runOptions.repeatCount {
            let start = clock.now
            answers = try index.locate(longitudes: coordinates.longitudes, latitudes: coordinates.latitudes, threads: threads)
            runs.append(seconds(clock.now - start))
        }

        if let answersPath { try AnswerFile.write(answers, to: answersPath) }
        let medianSeconds = median(runs)
        try printReport(
            Report(
                points: answers.count, polygons: shapes.count, threads: threads,
                gridColumns: index.gridSize.columns, gridRows: index.gridSize.rows,
                pointsInside: answers.filter { $0 >= 0 }.count,
                buildSeconds: buildSeconds, medianSeconds: medianSeconds,
                nanosecondsPerPoint: answers.isEmpty ? 0 : medianSeconds * 1e9 / Double(answers.count),
                runSeconds: runs, checksum: answerChecksum(answers),
                answersFile: answersPath))
    }
}

/// The JSON object printed on stdout; point_in_district.py reads these keys.
struct Report: Encodable {
    let points, polygons, threads, gridColumns, gridRows, pointsInside: Int
    let buildSeconds, medianSeconds, nanosecondsPerPoint: Double
    /// Each timed run, in order.
    let runSeconds: [Double]
    /// FNV-1a (64-bit) over the answers as little-endian int32, in hex.
    let checksum: String
    let answersFile: String?

    enum CodingKeys: String, CodingKey {
        case points, polygons, threads, checksum
        case gridColumns = "grid_columns"
        case gridRows = "grid_rows"
        case buildSeconds = "build_seconds"
        case runSeconds = "run_seconds"
        case medianSeconds = "median_seconds"
        case nanosecondsPerPoint = "ns_per_point"
        case pointsInside = "points_inside"
        case answersFile = "answers_file"
    }
}

PointInDistrictRunner.main()
