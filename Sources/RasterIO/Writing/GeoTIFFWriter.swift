internal import CGDAL

/// Single-band GeoTIFFs of a grid: tiled 256 × 256, DEFLATE with a predictor, the nodata value,
/// CRS and geotransform set, BigTIFF when the cells pass 2 GiB uncompressed.
///
/// The same grid and values give the same bytes, whatever the thread or process: GDAL writes no
/// timestamp or software tag, compresses on the calling thread only (no `NUM_THREADS`), and
/// writes no `.aux.xml` beside the file (PAM off for the write, on this thread only).
///
/// In Float32 files NaN cells are written as the nodata value (`-9999` by default, which every
/// GIS shows as nodata; a NaN nodata value is not understood everywhere), so a NaN read back is
/// nodata; a cell whose value equals `nodata` reads back as nodata too.
///
/// - Note: Thread-safe.
public enum GeoTIFFWriter {
    /// The nodata value of Float32 outputs unless the caller says otherwise.
    public static let defaultFloat32Nodata: Float = -9999

    /// Writes a Float32 GeoTIFF at `path` (replacing a file there), NaN cells as `nodata`.
    ///
    /// - Throws: ``RasterError/badGrid(_:)`` when `values` do not fit the grid,
    ///   ``RasterError/badCRS(definition:message:)``, ``RasterError/writeFailed(path:message:)``
    ///   (no such folder, no space; no partial file is left).
    public static func writeFloat32(path: String, grid: RasterGrid, values: [Float], nodata: Float = defaultFloat32Nodata) throws(RasterError) {
        try write(gdalPath: path, displayPath: path, grid: grid, values: values, nodata: nodata)
    }

    /// Writes an Int32 GeoTIFF at `path` (replacing a file there) with `nodata` as its nodata value.
    ///
    /// - Throws: as ``writeFloat32(path:grid:values:nodata:)``.
    public static func writeInt32(path: String, grid: RasterGrid, values: [Int32], nodata: Int32) throws(RasterError) {
        try write(gdalPath: path, displayPath: path, grid: grid, values: values, nodata: nodata)
    }

    /// The bytes of the Float32 GeoTIFF ``writeFloat32(path:grid:values:nodata:)`` writes, made
    /// in memory: for callers that write files their own way (a staged output folder).
    public static func float32Bytes(grid: RasterGrid, values: [Float], nodata: Float = defaultFloat32Nodata) throws(RasterError) -> [UInt8] {
        try inMemory { path throws(RasterError) in try write(gdalPath: path, displayPath: "GeoTIFF in memory", grid: grid, values: values, nodata: nodata) }
    }

    /// The bytes of the Int32 GeoTIFF ``writeInt32(path:grid:values:nodata:)`` writes, made in memory.
    public static func int32Bytes(grid: RasterGrid, values: [Int32], nodata: Int32) throws(RasterError) -> [UInt8] {
        try inMemory { path throws(RasterError) in try write(gdalPath: path, displayPath: "GeoTIFF in memory", grid: grid, values: values, nodata: nodata) }
    }

    /// A float32 GeoTIFF in memory whose cells `rows` gives a band of rows at a time (row-major,
    /// `range.count × columns` values), so that the whole raster is never held as one array.
    public static func float32Bytes(grid: RasterGrid, nodata: Float = defaultFloat32Nodata, rows: (Range<Int>) -> [Float]) throws(RasterError) -> [UInt8] {
        try inMemory { path throws(RasterError) in try write(gdalPath: path, displayPath: "GeoTIFF in memory", grid: grid, nodata: nodata, rows: rows) }
    }

    /// An int32 GeoTIFF in memory whose cells `rows` gives a band of rows at a time.
    public static func int32Bytes(grid: RasterGrid, nodata: Int32, rows: (Range<Int>) -> [Int32]) throws(RasterError) -> [UInt8] {
        try inMemory { path throws(RasterError) in try write(gdalPath: path, displayPath: "GeoTIFF in memory", grid: grid, nodata: nodata, rows: rows) }
    }

    private static func inMemory(_ write: (String) throws(RasterError) -> Void) throws(RasterError) -> [UInt8] {
        let path = MemoryFile.uniquePath(name: "output.tif")
        defer { _ = VSIUnlink(path) }
        try write(path)
        return try MemoryFile.contents(of: path, name: "GeoTIFF in memory")
    }

    private static func write<Cell: GeoTIFFCell>(gdalPath: String, displayPath: String, grid: RasterGrid, values: [Cell], nodata: Cell) throws(RasterError) {
        guard values.count == grid.cellCount else {
            throw .badGrid("\(values.count) values for \(grid.columns) × \(grid.rows) = \(grid.cellCount) cells")
        }
        try write(gdalPath: gdalPath, displayPath: displayPath, grid: grid, nodata: nodata) {
            Array(values[($0.lowerBound * grid.columns)..<($0.upperBound * grid.columns)])
        }
    }

    private static func write<Cell: GeoTIFFCell>(
        gdalPath: String, displayPath: String, grid: RasterGrid, nodata: Cell, rows: (Range<Int>) -> [Cell]
    ) throws(RasterError) {
        let reference = try grid.crs.spatialReference()
        let options = [
            "TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE", "ZLEVEL=6", "PREDICTOR=\(Cell.predictor)", "BIGTIFF=IF_SAFER",
        ]
        let failure: String? = withThreadLocalConfig("GDAL_PAM_ENABLED", "NO") {
            GDALCall.run { messages in
                guard let driver = GDALGetDriverByName("GTiff") else { return "GDAL has no GTiff driver" }
                let created = withCStringList(options) {
                    GDALCreate(driver, gdalPath, Int32(grid.columns), Int32(grid.rows), 1, Cell.gdalType, $0.csl)
                }
                guard let created else { return messages.summary(or: "GDALCreate failed") }
                let dataset = Dataset(owning: created, displayPath: displayPath)
                var coefficients = grid.geoTransform.gdalCoefficients
                guard GDALSetGeoTransform(created, &coefficients) == CE_None, reference.assign(to: created),
                    let band = GDALGetRasterBand(created, 1), GDALSetRasterNoDataValue(band, Double(nodata.gdalValue)) == CE_None,
                    writeCells(band, grid: grid, nodata: nodata, rows: rows)
                else {
                    _ = dataset.close()
                    return messages.summary(or: "GDAL refused the grid")
                }
                let closing = dataset.close()
                return closing.isEmpty && messages.failures.isEmpty ? nil : messages.summary(or: closing.joined(separator: "; "))
            }
        }
        if let failure {
            _ = GDALCall.run { _ in VSIUnlink(gdalPath) }  // no partial file
            throw .writeFailed(path: displayPath, message: failure.replacing(gdalPath, with: displayPath))
        }
    }

    /// Whole rows of tiles at a time, NaN replaced by `nodata` in a strip-sized copy.
    /// Writes the band 256 rows (a row of blocks) at a time, NaN as `nodata`; false when GDAL
    /// refuses a write or `rows` gives the wrong count.
    private static func writeCells<Cell: GeoTIFFCell>(_ band: GDALRasterBandH, grid: RasterGrid, nodata: Cell, rows: (Range<Int>) -> [Cell]) -> Bool {
        let stripRows = min(grid.rows, 256)
        var row = 0
        while row < grid.rows {
            let count = min(stripRows, grid.rows - row)
            var strip = rows(row..<(row + count))
            guard strip.count == count * grid.columns else { return false }
            for index in strip.indices { strip[index] = strip[index].replacingNaN(by: nodata) }
            let status = strip.withUnsafeMutableBufferPointer { buffer in
                GDALRasterIO(
                    band, GF_Write, 0, Int32(row), Int32(grid.columns), Int32(count), buffer.baseAddress, Int32(grid.columns), Int32(count), Cell.gdalType,
                    0, 0)
            }
            guard status == CE_None else { return false }
            row += count
        }
        return true
    }
}

/// A cell type GeoTIFFWriter writes.
protocol GeoTIFFCell {
    static var gdalType: GDALDataType { get }
    /// TIFF's predictor for it: 2 (horizontal differences) for integers, 3 for floating point.
    static var predictor: Int { get }
    var gdalValue: Double { get }
    func replacingNaN(by nodata: Self) -> Self
}

extension Float: GeoTIFFCell {
    static var gdalType: GDALDataType { GDT_Float32 }
    static var predictor: Int { 3 }
    var gdalValue: Double { Double(self) }
    func replacingNaN(by nodata: Float) -> Float { isNaN ? nodata : self }
}

extension Int32: GeoTIFFCell {
    static var gdalType: GDALDataType { GDT_Int32 }
    static var predictor: Int { 2 }
    var gdalValue: Double { Double(self) }
    func replacingNaN(by nodata: Int32) -> Int32 { self }
}
