import Foundation
import RasterIO
import TestSupport
import Testing

/// PaletteImage's PNGs read back by GDAL's own tools in other processes: the classes by
/// `gdal_translate` to XYZ text, the colours by `gdalinfo`.
@Suite("PaletteImage")
struct PaletteImageTests {
    private static let colours: [(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)] = [
        (255, 255, 212, 255), (254, 217, 142, 255), (254, 153, 41, 255), (217, 95, 14, 255), (153, 52, 4, 255),
    ]

    /// The PNG's classes, top row first, as `gdal_translate` reads them.
    private static func classes(of png: [UInt8], in folder: URL) throws -> [[Int]] {
        let file = folder.appendingPathComponent("picture.png")
        try Data(png).write(to: file)
        return try GDALTools.integerRows(of: file)
    }

    /// The picture of values that are their own classes.
    private static func picture(_ values: [Float], grid: RasterGrid, target: RasterGrid) throws -> [UInt8] {
        try PaletteImage.png(values: values, grid: grid, target: target, colours: colours) { Int($0) }
    }

    private static func lonLatGrid(columns: Int, rows: Int, west: Double, north: Double, step: Double) throws -> RasterGrid {
        try RasterGrid(
            columns: columns, rows: rows, geoTransform: GeoTransform(originX: west, pixelWidth: step, originY: north, pixelHeight: -step),
            crs: RasterCRS(epsg: 4326))
    }

    @Test func eachPixelTakesTheCellItLiesInAndItsColour() throws {
        try withFolder { folder in
            // 3 × 2 cells of 0.1°, drawn on pixels of 0.05°: each cell becomes 2 × 2 pixels.
            let grid = try Self.lonLatGrid(columns: 3, rows: 2, west: 102, north: 18, step: 0.1)
            let pixels = try Self.lonLatGrid(columns: 6, rows: 4, west: 102, north: 18, step: 0.05)
            let values: [Float] = [0, 1, 2, 3, .nan, 4]
            let png = try Self.picture(values, grid: grid, target: pixels)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            let read = try Self.classes(of: png, in: folder)
            #expect(read == [[0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2], [3, 3, 255, 255, 4, 4], [3, 3, 255, 255, 4, 4]])

            let file = folder.appendingPathComponent("picture.png")
            let band = try #require((try GDALTools.info(file)["bands"] as? [[String: Any]])?.first)
            #expect(band["colorInterpretation"] as? String == "Palette")
            let entries = try #require((band["colorTable"] as? [String: Any])?["entries"] as? [[Int]])
            #expect(entries.count == 256)
            for (index, colour) in Self.colours.enumerated() {
                #expect(entries[index] == [Int(colour.red), Int(colour.green), Int(colour.blue), Int(colour.alpha)], "class \(index)")
            }
            #expect(entries[255][3] == 0, "the transparent class is clear")
            // Pixels beyond the cells are clear too, and the same inputs give the same bytes.
            let wider = try Self.lonLatGrid(columns: 8, rows: 4, west: 102, north: 18, step: 0.05)
            let widerClasses = try Self.classes(of: try Self.picture([0, 1, 2, 3, 4, 0], grid: grid, target: wider), in: folder)
            #expect(widerClasses.allSatisfy { $0.suffix(2) == [255, 255] })
            #expect(try Self.picture(values, grid: grid, target: pixels) == png)
        }
    }

    @Test func aProjectedGridIsWarpedOntoLongitudeAndLatitude() throws {
        try withFolder { folder in
            // 4 × 3 cells of 10 km in UTM 48N, each its own class (0–4 repeating).
            let grid = try utmGrid(columns: 4, rows: 3, cellMeters: 10_000)
            let classes = (0..<12).map { $0 % 5 }
            let step = 0.01
            let pixels = try Self.lonLatGrid(columns: 45, rows: 33, west: 104.98, north: 18.09, step: step)
            let read = try Self.classes(of: try Self.picture(classes.map(Float.init), grid: grid, target: pixels), in: folder)
            // Each cell's centre, brought to lon/lat by gdaltransform, lies in a pixel of its class.
            let centres = (0..<12).map { "\(500_000 + 10_000 * ($0 % 4) + 5_000) \(2_000_000 - 10_000 * ($0 / 4) - 5_000)" }.joined(separator: "\n")
            let input = folder.appendingPathComponent("centres.txt")
            try centres.write(to: input, atomically: true, encoding: .utf8)
            let run = try GDALTools.run("sh", ["-c", "gdaltransform -s_srs EPSG:32648 -t_srs EPSG:4326 -output_xy < centres.txt"], in: folder)
            let lonLat = run.stdout.split(separator: "\n").map { $0.split(separator: " ").map { Double($0)! } }
            #expect(lonLat.count == 12)
            for (cell, point) in lonLat.enumerated() {
                let column = Int((point[0] - 104.98) / step), row = Int((18.09 - point[1]) / step)
                #expect(read[row][column] == classes[cell], "cell \(cell) at \(point)")
            }
        }
    }

    @Test func valuesAreClassedAfterTheWarpAndAClassWithoutAColourIsRefused() throws {
        try withFolder { folder in
            // Minutes in classes of ≤ 30, ≤ 60, more; the closure's nil is clear as NaN is.
            let grid = try Self.lonLatGrid(columns: 5, rows: 1, west: 102, north: 18, step: 0.1)
            let minutes: [Float] = [10, 30, 45, 500, -1]
            let png = try PaletteImage.png(values: minutes, grid: grid, target: grid, colours: Self.colours) { value in
                value < 0 ? nil : value <= 30 ? 0 : value <= 60 ? 1 : 2
            }
            #expect(try Self.classes(of: png, in: folder) == [[0, 0, 1, 2, 255]])
        }
        let grid = try Self.lonLatGrid(columns: 2, rows: 1, west: 102, north: 18, step: 0.1)
        #expect(throws: RasterError.self) { try Self.picture([0, 5], grid: grid, target: grid) }
        #expect(throws: RasterError.self) { try Self.picture([0], grid: grid, target: grid) }
    }
}
