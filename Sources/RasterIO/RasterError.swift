/// Why a raster cannot be read, written or burnt; each case names the file (or the input) and
/// what was expected of it.
public enum RasterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing at the path.
    case fileMissing(path: String)
    /// The path exists but cannot be read: a folder, no permission.
    case unreadable(path: String, reason: String)
    /// No raster driver of GDAL opens it (empty, text, a truncated header, a vector file); GDAL's
    /// message when it gave one.
    case notARaster(path: String, message: String)
    /// The raster has no geotransform, so its cells have no place on the ground.
    case noGeoTransform(path: String)
    /// The raster has no coordinate reference system: a separate case so that callers can refuse
    /// a grid whose metres or degrees are unknown.
    case noCRS(path: String)
    /// The geotransform is rotated or sheared; the grids here are north-up.
    case rotatedGeoTransform(path: String, GeoTransform)
    /// A cell of zero or non-finite width or height.
    case degenerateGeoTransform(path: String, GeoTransform)
    /// The band asked for is not in the file.
    case bandOutOfRange(path: String, band: Int, bandCount: Int)
    /// The band holds complex numbers (or a type GDAL does not name), not one real value a cell.
    case unsupportedDataType(path: String, dataType: String)
    /// More cells than the caller allows, or than memory can be addressed for.
    case tooLarge(path: String, columns: Int, rows: Int, maximumCells: Int)
    /// GDAL opened the file but could not read its cells (a truncated or corrupt file).
    case readFailed(path: String, message: String)
    /// GDAL could not make a coordinate reference system of this definition.
    case badCRS(definition: String, message: String)
    /// A grid or its values are inconsistent (the values do not fit the grid, a zero-sized cell,
    /// a rotation).
    case badGrid(String)
    /// A WKT geometry to burn that OGR cannot read: its index in the list, and why.
    case badGeometry(index: Int, message: String)
    /// GDAL could not burn the geometries.
    case rasterizeFailed(message: String)
    /// GDAL could not trace the polygons of a grid.
    case polygonizeFailed(message: String)
    /// The GeoTIFF could not be written.
    case writeFailed(path: String, message: String)

    public var description: String {
        switch self {
        case .fileMissing(let path): "\(path): no such file (expected a raster file)"
        case .unreadable(let path, let reason): "\(path): cannot be read (\(reason))"
        case .notARaster(let path, let message): "\(path): not a raster GDAL can read (\(message))"
        case .noGeoTransform(let path): "\(path): the raster has no geotransform (expected the cells' place on the ground)"
        case .noCRS(let path): "\(path): the raster has no coordinate reference system (expected one, such as EPSG:32648)"
        case .rotatedGeoTransform(let path, let transform):
            "\(path): the geotransform is rotated (row rotation \(transform.rowRotation), column rotation \(transform.columnRotation); expected a north-up grid)"
        case .degenerateGeoTransform(let path, let transform):
            "\(path): the geotransform \(transform) has a zero-sized or non-finite cell (expected cells with a width and a height)"
        case .bandOutOfRange(let path, let band, let bandCount): "\(path): no band \(band) (expected 1…\(bandCount))"
        case .unsupportedDataType(let path, let dataType): "\(path): cells of type \(dataType) (expected real numbers)"
        case .tooLarge(let path, let columns, let rows, let maximumCells):
            "\(path): \(columns) × \(rows) cells is too large (expected at most \(maximumCells) cells)"
        case .readFailed(let path, let message): "\(path): the cells cannot be read (\(message))"
        case .badCRS(let definition, let message): "coordinate reference system \(definition): not one GDAL knows (\(message))"
        case .badGrid(let reason): "the grid: \(reason)"
        case .badGeometry(let index, let message): "geometry \(index): not a WKT geometry OGR can read (\(message))"
        case .rasterizeFailed(let message): "burning the geometries into the grid failed (\(message))"
        case .polygonizeFailed(let message): "GDAL could not trace the polygons of the grid: \(message)"
        case .writeFailed(let path, let message): "\(path): cannot be written (\(message))"
        }
    }
}
