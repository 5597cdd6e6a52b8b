import Foundation
import Testing

/// GDAL's command-line tools (gdal-bin), run as separate processes: fixtures made and files
/// checked by a program that is not RasterIO.
public enum GDALTools {
    /// Runs `/usr/bin/TOOL ARGUMENTS` in `folder`; the test fails (with its stderr) unless it exits 0.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String], in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> CoverageRun {
        let executable = URL(fileURLWithPath: "/usr/bin/\(tool)")
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path), "\(executable.path) missing: install gdal-bin", sourceLocation: sourceLocation)
        let run = try CoverageProcess.run(arguments, in: folder, executable: executable, sourceLocation: sourceLocation)
        try #require(run.status == 0 && !run.crashed, "\(tool) failed: \(run)", sourceLocation: sourceLocation)
        return run
    }

    /// `gdalinfo -json FILE`, parsed.
    public static func info(_ file: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let run = try run("gdalinfo", ["-json", file.path], in: file.deletingLastPathComponent(), sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(object as? [String: Any], sourceLocation: sourceLocation)
    }

    /// An Esri ASCII grid (AAIGrid) of `rows` (top row first), turned into a GeoTIFF of `type`
    /// in EPSG:32648 (or `srs`) by `gdal_translate`, with `nodata` as its nodata value.
    public static func geoTIFF(
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

    /// The first band of a raster `file` as whole numbers, top row first, as `gdal_translate`
    /// writes it to an XYZ text (a PNG's palette indices, a classed raster's classes). Not an
    /// ASCII grid: for a picture with no geotransform, that driver writes the rows bottom first.
    public static func integerRows(of file: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[Int]] {
        let folder = file.deletingLastPathComponent()
        let xyz = folder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "-cells.xyz")
        defer { try? FileManager.default.removeItem(at: xyz) }
        try run("gdal_translate", ["-q", "-of", "XYZ", "-ot", "Int32", file.path, xyz.path], in: folder, sourceLocation: sourceLocation)
        // One line per cell, "x y value", row by row from the top: a new y starts a new row.
        var rows: [[Int]] = []
        var rowY: Substring?
        for line in try String(contentsOf: xyz, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let value = Int(fields[2]) else { continue }
            if fields[1] != rowY {
                rows.append([])
                rowY = fields[1]
            }
            rows[rows.count - 1].append(value)
        }
        return rows
    }
}
