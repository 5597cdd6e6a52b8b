// point-in-district-runner: times the assignment of N points to districts with GeometryKit's
// PointInPolygonIndex, for Benchmarks/point_in_district.py.
//
//   point-in-district-runner --points FILE --districts FILE [--repeat R] [--threads T]
//                            [--target-cells C] [--answers FILE]
//
// --points holds 2 × N little-endian float64 values: lon0, lat0, lon1, lat1, …
// --districts is a GeoJSON FeatureCollection of Polygon/MultiPolygon features.
// Reading both files and building the index happen before the clock starts; each timed run is
// one `locate(interleavedXY:threads:)` call over all points, after one untimed warm-up run.
// Prints one JSON object on stdout: every run's time, the median, the build time, a checksum of
// the answers, and where the answers were written (N little-endian int32, −1 for none).

import CoverageCore
import Foundation
import GeometryKit

struct Options {
    var pointsPath = ""
    var districtsPath = ""
    var repeatCount = 5
    var threads: Int?
    var targetCellCount: Int?
    var answersPath: String?

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
            case "--points": options.pointsPath = try value(argument)
            case "--districts": options.districtsPath = try value(argument)
            case "--repeat": options.repeatCount = try positive(argument)
            case "--threads": options.threadCount = try positive(argument)
            case "--target-cells": options.targetCellCount = try positive(argument)
            case "--answers": options.answersPath = try value(argument)
            case "--help", "-h": throw UsageError(message: "")
            default: throw UsageError(message: "unknown argument \(argument)")
            }
        }
        guard !options.pointsPath.isEmpty, !options.districtsPath.isEmpty else {
            throw UsageError(message: "--points and --districts are required")
        }
        return options
    }
}

struct UsageError: Error {
    let message: String
    static let usage = "usage: point-in-district-runner --points FILE --districts FILE [--repeat R] [--threads T] [--target-cells C] [--answers FILE]"
}

struct Report: Encodable {
    let points: Int
    let polygons: Int
    let threads: Int
    let gridColumns: Int
    let gridRows: Int
    let buildSeconds: Double
    let runSeconds: [Double]
    let medianSeconds: Double
    let nanosecondsPerPoint: Double
    let pointsInside: Int
    /// FNV-1a (64-bit) over the answers as little-endian int32, in hex.
    let checksum: String
    let answersFile: String?

    enum CodingKeys: String, CodingKey {
        case points, polygons, threads, checksum
        case gridColumns = "grid_columns", gridRows = "grid_rows", buildSeconds = "build_seconds"
        case runSeconds = "run_seconds", medianSeconds = "median_seconds", nanosecondsPerPoint = "ns_per_point"
        case pointsInside = "points_inside", answersFile = "answers_file"
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func run() throws {
    let options = try Options.parse(Array(CommandLine.arguments.dropFirst()))

    // Untimed: reading the inputs and building the index.
    let data = try Data(contentsOf: URL(fileURLWithPath: options.pointsPath))
    guard data.count % 16 == 0 else {
        throw UsageError(message: "\(options.pointsPath): \(data.count) bytes is not a whole number of lon/lat float64 pairs")
    }
    var coordinates = [Double](repeating: 0, count: data.count / 8)
    _ = coordinates.withUnsafeMutableBytes { data.copyBytes(to: $0) }
    for index in coordinates.indices { coordinates[index] = Double(bitPattern: UInt64(littleEndian: coordinates[index].bitPattern)) }
    let layer = try GeoJSONLayer.read(path: options.districtsPath)
    if let problem = layer.problems.first { throw problem }
    let geometries = try layer.features.map { feature -> Geometry in
        guard let geometry = feature.geometry else { throw UsageError(message: "\(options.districtsPath): feature \(feature.index) has no geometry") }
        return geometry
    }
    let clock = ContinuousClock()
    let buildStart = clock.now
    let index = try PointInPolygonIndex(geometries, targetCellCount: options.targetCellCount)
    let buildSeconds = seconds(clock.now - buildStart)
    let threads = options.threadCount ?? ProcessInfo.processInfo.activeProcessorCount

    // Timed: one warm-up, then `repeat` runs of the whole batch.
    var answers = try coordinates.withUnsafeBufferPointer { try index.locate(interleavedXY: $0, threads: threads) }
    var runs: [Double] = []
    for _ in 0..<options.repeatCount {
        let start = clock.now
        answers = try coordinates.withUnsafeBufferPointer { try index.locate(interleavedXY: $0, threads: threads) }
        runs.append(seconds(clock.now - start))
    }

    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    var bytes = [UInt8]()
    bytes.reserveCapacity(answers.count * 4)
    for answer in answers {
        withUnsafeBytes(of: answer.littleEndian) { raw in
            for byte in raw {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                bytes.append(byte)
            }
        }
    }
    if let path = options.answersPath {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
    let sorted = runs.sorted()
    let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    let report = Report(points: answers.count, polygons: geometries.count, threads: threads,
                        gridColumns: index.gridSize.columns, gridRows: index.gridSize.rows, buildSeconds: buildSeconds,
                        runSeconds: runs, medianSeconds: median,
                        nanosecondsPerPoint: answers.isEmpty ? 0 : median * 1e9 / Double(answers.count),
                        pointsInside: answers.filter { $0 >= 0 }.count, checksum: String(hash, radix: 16),
                        answersFile: options.answersPath)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(report), as: UTF8.self))
}

do {
    try run()
} catch let error as UsageError {
    if !error.message.isEmpty { FileHandle.standardError.write(Data("point-in-district-runner: \(error.message)\n".utf8)) }
    FileHandle.standardError.write(Data((UsageError.usage + "\n").utf8))
    exit(error.message.isEmpty ? 0 : 2)
} catch {
    FileHandle.standardError.write(Data("point-in-district-runner: \(error)\n".utf8))
    exit(1)
}
