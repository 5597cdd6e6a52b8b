import Foundation
import RasterIO
import TestSupport
import Testing

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
