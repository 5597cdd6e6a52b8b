internal import CGDAL

/// Raster files read through GDAL: the header alone, or one band as `Float`.
///
/// Paths are opened with GDAL's raster drivers only, read-only, after checking that the file
/// exists and can be read; GDAL still reads the sidecar files it looks for beside a raster
/// (`.aux.xml`, `.prj`, `.tfw`, …). Bytes in memory go through a /vsimem/ file and the same code
/// after the open. Nothing GDAL says reaches stderr: its messages end up in the ``RasterError``.
///
/// - Note: Thread-safe: every call opens its own dataset, and GDAL keeps its error state per thread.
public enum RasterFile {
    /// The most cells an array of `Float` can address: the default limit of ``readFloat(path:band:maximumCells:)``.
    public static let addressableCells = Int.max / MemoryLayout<Float>.stride

    /// The file's size, bands, geotransform, CRS and first band's nodata and type, without
    /// reading a cell.
    ///
    /// - Throws: ``RasterError``: the file is missing or unreadable, not a raster, has no band or
    ///   no geotransform. A file without a CRS is not an error here (`crs` is nil).
    public static func header(path: String) throws(RasterError) -> RasterHeader {
        try header(of: Dataset.open(path: path, drivers: nil))
    }

    /// The header of a raster file given as bytes (see ``header(path:)``); `name` stands for its
    /// path in errors.
    public static func header(bytes: [UInt8], name: String, drivers: [String]? = nil) throws(RasterError) -> RasterHeader {
        try withMemoryFile(bytes, name: name, drivers: drivers) { dataset throws(RasterError) in try header(of: dataset) }
    }

    /// One band of a raster file as `Float`, nodata cells NaN.
    ///
    /// A cell is nodata when its value in the file's own type equals the band's nodata value in
    /// that type (255 in a Byte band, -9999 in an Int32 band, -3.4028235e38 in a Float32 band),
    /// or is NaN. Cells are read a few rows at a time into the array returned, which is
    /// allocated once: peak memory is the array and a few mebibytes.
    ///
    /// - Parameters:
    ///   - band: the band, from 1.
    ///   - maximumCells: refuse a raster of more cells than this (estimate with ``header(path:)``).
    /// - Throws: ``RasterError``: as ``header(path:)``, and when the raster has no CRS, a rotated or
    ///   degenerate geotransform, no such band, complex cells, too many cells, or cells GDAL
    ///   cannot read (a truncated file).
    public static func readFloat(path: String, band: Int = 1, maximumCells: Int = addressableCells) throws(RasterError) -> FloatRaster {
        try readFloat(Dataset.open(path: path, drivers: nil), band: band, maximumCells: maximumCells)
    }

    /// One band of a raster file given as bytes (see ``readFloat(path:band:maximumCells:)``):
    /// opened from a /vsimem/ file, then read by the same code. `name` stands for its path in
    /// errors; `drivers` limits the GDAL drivers that may open it ("GTiff"), nil for every raster driver.
    public static func readFloat(
        bytes: [UInt8], name: String, band: Int = 1, maximumCells: Int = addressableCells, drivers: [String]? = nil
    ) throws(RasterError) -> FloatRaster {
        try withMemoryFile(bytes, name: name, drivers: drivers) { dataset throws(RasterError) in
            try readFloat(dataset, band: band, maximumCells: maximumCells)
        }
    }

    private static func withMemoryFile<Value>(
        _ bytes: [UInt8], name: String, drivers: [String]?, _ body: (Dataset) throws(RasterError) -> Value
    ) throws(RasterError) -> Value {
        let result: Result<Value, RasterError> = bytes.withUnsafeBufferPointer { buffer in
            let file = MemoryFile(bytes: buffer, name: name)
            return withExtendedLifetime(file) {
                // The dataset is closed before the memory file goes, inside the bytes' lifetime.
                Result { () throws(RasterError) -> Value in try body(Dataset.open(gdalPath: file.path, displayPath: name, drivers: drivers)) }
            }
        }
        return try result.get()
    }

    static func header(of dataset: Dataset) throws(RasterError) -> RasterHeader {
        let path = dataset.displayPath
        return try GDALCall.run { _ throws(RasterError) in
            guard let handle = dataset.handle else { throw .notARaster(path: path, message: "closed") }
            let bandCount = Int(GDALGetRasterCount(handle))
            guard bandCount > 0, let first = GDALGetRasterBand(handle, 1) else {
                throw .notARaster(path: path, message: "it has no raster band")
            }
            var coefficients = [Double](repeating: 0, count: 6)
            guard GDALGetGeoTransform(handle, &coefficients) == CE_None else { throw .noGeoTransform(path: path) }
            let facts = BandFacts(first)
            let driver = GDALGetDatasetDriver(handle).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? ""
            return RasterHeader(
                path: path, columns: Int(GDALGetRasterXSize(handle)), rows: Int(GDALGetRasterYSize(handle)), bandCount: bandCount,
                geoTransform: GeoTransform(gdalCoefficients: coefficients), crs: GDALGetSpatialRef(handle).map { RasterCRS(reading: $0) },
                nodata: facts.nodata, dataType: facts.dataTypeName, driver: driver)
        }
    }

    static func readFloat(_ dataset: Dataset, band number: Int, maximumCells: Int) throws(RasterError) -> FloatRaster {
        let header = try header(of: dataset)
        let path = header.path
        guard let crs = header.crs else { throw .noCRS(path: path) }
        let transform = header.geoTransform
        guard transform.isNorthUp else { throw .rotatedGeoTransform(path: path, transform) }
        guard let cells = header.cellCount, cells <= maximumCells else {
            throw .tooLarge(path: path, columns: header.columns, rows: header.rows, maximumCells: maximumCells)
        }
        guard (1...header.bandCount).contains(number), let handle = dataset.handle, let band = GDALGetRasterBand(handle, Int32(number)) else {
            throw .bandOutOfRange(path: path, band: number, bandCount: header.bandCount)
        }
        let facts = BandFacts(band)
        guard facts.isReal else { throw .unsupportedDataType(path: path, dataType: facts.dataTypeName) }
        let grid: RasterGrid
        do {
            grid = try RasterGrid(columns: header.columns, rows: header.rows, geoTransform: transform, crs: crs)
        } catch {
            throw .degenerateGeoTransform(path: path, transform)
        }
        // The band is the dataset's: the dataset must outlive the read.
        let values = try withExtendedLifetime(dataset) { () throws(RasterError) in
            try BandReader(band: band, facts: facts, path: path).read(columns: grid.columns, rows: grid.rows)
        }
        return FloatRaster(grid: grid, values: values, nodata: facts.nodata, dataType: facts.dataTypeName)
    }
}
