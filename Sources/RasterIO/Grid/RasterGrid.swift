/// A north-up grid of cells in a coordinate reference system: what a raster's values are laid
/// out on, row-major from the top row (the first row of the file).
public struct RasterGrid: Sendable, Equatable {
    public let columns: Int
    public let rows: Int
    public let geoTransform: GeoTransform
    public let crs: RasterCRS

    /// A grid of `columns` × `rows` cells.
    ///
    /// - Throws: ``RasterError/badGrid(_:)`` when a size is not positive, the cell count
    ///   overflows, a cell has zero or non-finite size or the geotransform is rotated.
    public init(columns: Int, rows: Int, geoTransform: GeoTransform, crs: RasterCRS) throws(RasterError) {
        guard columns > 0, rows > 0 else { throw .badGrid("\(columns) × \(rows) cells (expected at least one column and one row)") }
        // GDAL addresses a dimension with a C int.
        guard columns <= Int(Int32.max), rows <= Int(Int32.max), !columns.multipliedReportingOverflow(by: rows).overflow else {
            throw .badGrid("\(columns) × \(rows) cells is more than can be addressed")
        }
        guard geoTransform.isNorthUp else { throw .badGrid("the geotransform \(geoTransform) is rotated (expected a north-up grid)") }
        let finite = [geoTransform.originX, geoTransform.originY, geoTransform.pixelWidth, geoTransform.pixelHeight].allSatisfy(\.isFinite)
        guard finite, geoTransform.pixelWidth != 0, geoTransform.pixelHeight != 0 else {
            throw .badGrid("the geotransform \(geoTransform) has a zero-sized or non-finite cell")
        }
        self.columns = columns
        self.rows = rows
        self.geoTransform = geoTransform
        self.crs = crs
    }

    /// columns × rows.
    public var cellCount: Int { columns * rows }

    /// The cell whose area holds the point, or nil outside the grid (see
    /// ``GeoTransform/cell(containingX:y:columns:rows:)``).
    public func cell(containingX x: Double, y: Double) -> (row: Int, column: Int)? {
        geoTransform.cell(containingX: x, y: y, columns: columns, rows: rows)
    }

    /// The centre of cell (`row`, `column`) in the grid's CRS.
    public func centre(row: Int, column: Int) -> (x: Double, y: Double) {
        geoTransform.centre(row: row, column: column)
    }
}
