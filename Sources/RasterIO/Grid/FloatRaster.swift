/// One band of a raster read as `Float`: the grid and its values, row-major from the top row,
/// nodata cells NaN.
public struct FloatRaster: Sendable {
    public let grid: RasterGrid
    /// `grid.rows` × `grid.columns` values; `values[row * columns + column]`.
    public let values: [Float]
    /// The band's nodata value in the file (its cells are NaN in ``values``), or nil.
    public let nodata: Double?
    /// The band's data type in the file ("Byte", "Float32", …).
    public let dataType: String

    public var columns: Int { grid.columns }
    public var rows: Int { grid.rows }
    public var geoTransform: GeoTransform { grid.geoTransform }
    public var crs: RasterCRS { grid.crs }

    /// The value of cell (`row`, `column`).
    public subscript(row: Int, column: Int) -> Float { values[row * grid.columns + column] }
}
