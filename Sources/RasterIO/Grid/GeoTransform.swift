/// GDAL's affine geotransform: where a cell's corner lies in the raster's CRS.
///
/// The ground position of the corner at fractional column `c` and row `r` (0, 0 being the top
/// left corner of the first cell) is
/// `x = originX + c × pixelWidth + r × rowRotation`,
/// `y = originY + c × columnRotation + r × pixelHeight`.
/// The names follow GDAL's coefficient order: `[originX, pixelWidth, rowRotation, originY,
/// columnRotation, pixelHeight]`. A north-up grid has both rotations 0 and, usually, a negative
/// `pixelHeight` (rows go south).
public struct GeoTransform: Sendable, Equatable, CustomStringConvertible {
    public var originX: Double
    public var pixelWidth: Double
    public var rowRotation: Double
    public var originY: Double
    public var columnRotation: Double
    public var pixelHeight: Double

    public init(originX: Double, pixelWidth: Double, rowRotation: Double = 0, originY: Double, columnRotation: Double = 0, pixelHeight: Double) {
        self.originX = originX
        self.pixelWidth = pixelWidth
        self.rowRotation = rowRotation
        self.originY = originY
        self.columnRotation = columnRotation
        self.pixelHeight = pixelHeight
    }

    /// The six coefficients in GDAL's order.
    public init(gdalCoefficients c: [Double]) {
        precondition(c.count == 6, "a geotransform has 6 coefficients, not \(c.count)")
        self.init(originX: c[0], pixelWidth: c[1], rowRotation: c[2], originY: c[3], columnRotation: c[4], pixelHeight: c[5])
    }

    /// The six coefficients in GDAL's order (`GDALSetGeoTransform`, `gdalinfo`'s `geoTransform`).
    public var gdalCoefficients: [Double] { [originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight] }

    /// Both rotation terms are zero: columns run along x and rows along y.
    public var isNorthUp: Bool { rowRotation == 0 && columnRotation == 0 }

    /// The cell whose area holds the point (`floor` of its fractional row and column: a point on
    /// the edge between two cells is in the one to its right or below, in cell order), or nil
    /// when it lies outside a grid of `columns` × `rows` cells or the transform is degenerate
    /// (a zero-sized cell).
    public func cell(containingX x: Double, y: Double, columns: Int, rows: Int) -> (row: Int, column: Int)? {
        let dx = x - originX
        let dy = y - originY
        let column: Double
        let row: Double
        if isNorthUp {
            // One division each, so that a point on a cell edge lands exactly on the integer.
            column = dx / pixelWidth
            row = dy / pixelHeight
        } else {
            let determinant = pixelWidth * pixelHeight - rowRotation * columnRotation
            column = (pixelHeight * dx - rowRotation * dy) / determinant
            row = (pixelWidth * dy - columnRotation * dx) / determinant
        }
        guard column.isFinite, row.isFinite else { return nil }
        let (c, r) = (column.rounded(.down), row.rounded(.down))
        guard c >= 0, r >= 0, c < Double(columns), r < Double(rows) else { return nil }
        return (row: Int(r), column: Int(c))
    }

    /// The centre of cell (`row`, `column`) in the raster's CRS.
    public func centre(row: Int, column: Int) -> (x: Double, y: Double) {
        let (c, r) = (Double(column) + 0.5, Double(row) + 0.5)
        return (x: originX + c * pixelWidth + r * rowRotation, y: originY + c * columnRotation + r * pixelHeight)
    }

    public var description: String {
        "[\(gdalCoefficients.map { "\($0)" }.joined(separator: ", "))]"
    }
}
