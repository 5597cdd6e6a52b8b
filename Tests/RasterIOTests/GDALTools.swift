import Foundation
import RasterIO
import TestSupport
import Testing

/// GDAL's command-line tools (gdal-bin), run as separate processes: fixtures made and files
/// checked by a program that is not RasterIO.
enum GDALTools {
    /// Runs `/usr/bin/TOOL ARGUMENTS` in `folder`; the test fails (with its stderr) unless it exits 0.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> CoverageRun {
        let executable = URL(fileURLWithPath: "/usr/bin/\(tool)")
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path), "\(executable.path) missing: install gdal-bin", sourceLocation: sourceLocation)
        let run = try CoverageProcess.run(arguments, in: folder, executable: executable, sourceLocation: sourceLocation)
        try #require(run.status == 0 && !run.crashed, "\(tool) failed: \(run)", sourceLocation: sourceLocation)
        return run
    }

    /// `gdalinfo -json FILE`, parsed.
    static func info(_ file: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let run = try run("gdalinfo", ["-json", file.path], in: file.deletingLastPathComponent(), sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(object as? [String: Any], sourceLocation: sourceLocation)
    }

    /// An Esri ASCII grid (AAIGrid) of `rows` (top row first), turned into a GeoTIFF of `type`
    /// in EPSG:32648 (or `srs`) by `gdal_translate`, with `nodata` as its nodata value.
    static func geoTIFF(
        rows: [[String]], type: String, nodata: String, srs: String? = "EPSG:32648", cellSize: Double = 100,
        corner: (x: Double, y: Double) = (500_000, 2_000_000), in folder: URL, name: String
    ) throws -> URL {
        let ascii = folder.appendingPathComponent("\(name).asc")
        let header = "ncols \(rows[0].count)\nnrows \(rows.count)\nxllcorner \(corner.x)\nyllcorner \(corner.y)\ncellsize \(cellSize)\n"
        try (header + rows.map { $0.joined(separator: " ") }.joined(separator: "\n") + "\n").write(to: ascii, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("\(name).tif")
        var arguments = ["-q", "-of", "GTiff", "-ot", type, "-a_nodata", nodata]
        if let srs { arguments += ["-a_srs", srs] }
        try run("gdal_translate", arguments + [ascii.path, output.path], in: folder)
        return output
    }
}

/// A temporary folder for one test, removed afterwards.
func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = try temporaryDirectory(prefix: "RasterIOTests")
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// A UTM 48N grid (Laos) of `columns` × `rows` cells of `cellMeters`.
func utmGrid(columns: Int, rows: Int, cellMeters: Double = 100) throws -> RasterGrid {
    try RasterGrid(
        columns: columns, rows: rows, geoTransform: GeoTransform(originX: 500_000, pixelWidth: cellMeters, originY: 2_000_000, pixelHeight: -cellMeters),
        crs: RasterCRS(epsg: 32648))
}

/// The bytes of a file (`InputFile` is GeoIO's, which this target does not see).
func bytes(of file: URL) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: file))
}
