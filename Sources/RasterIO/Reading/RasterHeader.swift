/// What a raster file holds, read without reading its cells: enough to refuse it, or to know the
/// memory its cells will take, before allocating.
public struct RasterHeader: Sendable, Equatable {
    /// The path as given (for bytes read from memory, the name given).
    public let path: String
    public let columns: Int
    public let rows: Int
    public let bandCount: Int
    public let geoTransform: GeoTransform
    /// The coordinate reference system, or nil when the file has none.
    public let crs: RasterCRS?
    /// The first band's nodata value, or nil when it has none.
    public let nodata: Double?
    /// The first band's data type as GDAL names it ("Byte", "Int16", "Float32", …).
    public let dataType: String
    /// The GDAL driver that read it ("GTiff", …).
    public let driver: String

    /// columns × rows, or nil when that overflows.
    public var cellCount: Int? {
        let (product, overflow) = columns.multipliedReportingOverflow(by: rows)
        return overflow ? nil : product
    }

    /// The bytes of one band read as `Float` (``FloatRaster``), or nil when that overflows.
    public var floatBytes: Int? {
        guard let cells = cellCount else { return nil }
        let (product, overflow) = cells.multipliedReportingOverflow(by: MemoryLayout<Float>.stride)
        return overflow ? nil : product
    }
}
