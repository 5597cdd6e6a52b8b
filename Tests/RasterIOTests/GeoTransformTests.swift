import RasterIO
import Testing

@Suite("GeoTransform and RasterGrid")
struct GeoTransformTests {
    /// 10 × 10 cells of 1 unit, top left corner at (0, 10).
    private let transform = GeoTransform(originX: 0, pixelWidth: 1, originY: 10, pixelHeight: -1)

    @Test func theCellHoldingAPointIsTheFloorOfItsRowAndColumn() {
        #expect(transform.cell(containingX: 0.5, y: 9.5, columns: 10, rows: 10)! == (row: 0, column: 0))
        #expect(transform.cell(containingX: 3.99, y: 2.01, columns: 10, rows: 10)! == (row: 7, column: 3))
        // On an edge: the cell to the right and below.
        #expect(transform.cell(containingX: 4, y: 7, columns: 10, rows: 10)! == (row: 3, column: 4))
        #expect(transform.cell(containingX: 0, y: 10, columns: 10, rows: 10)! == (row: 0, column: 0))
    }

    @Test func pointsOutsideTheGridHaveNoCell() {
        for (x, y) in [(-0.001, 5.0), (10, 5), (5, 10.001), (5, 0), (.nan, 5), (5, .infinity)] {
            #expect(transform.cell(containingX: x, y: y, columns: 10, rows: 10) == nil, "(\(x), \(y))")
        }
        #expect(GeoTransform(originX: 0, pixelWidth: 0, originY: 0, pixelHeight: -1).cell(containingX: 0, y: 0, columns: 1, rows: 1) == nil)
    }

    @Test func centres() {
        #expect(transform.centre(row: 0, column: 0) == (x: 0.5, y: 9.5))
        #expect(transform.centre(row: 9, column: 2) == (x: 2.5, y: 0.5))
        let utm = GeoTransform(originX: 500_000, pixelWidth: 100, originY: 2_000_000, pixelHeight: -100)
        #expect(utm.centre(row: 2, column: 3) == (x: 500_350, y: 1_999_750))
    }

    @Test func aRotatedTransformFindsTheCellOfEachCentre() {
        let rotated = GeoTransform(originX: 100, pixelWidth: 3, rowRotation: 1, originY: 50, columnRotation: 0.5, pixelHeight: -2)
        #expect(!rotated.isNorthUp)
        for row in 0..<6 {
            for column in 0..<5 {
                let centre = rotated.centre(row: row, column: column)
                #expect(rotated.cell(containingX: centre.x, y: centre.y, columns: 5, rows: 6)! == (row: row, column: column))
            }
        }
    }

    @Test func gdalsCoefficientOrder() {
        let t = GeoTransform(gdalCoefficients: [1, 2, 3, 4, 5, 6])
        #expect(t.originX == 1 && t.pixelWidth == 2 && t.rowRotation == 3 && t.originY == 4 && t.columnRotation == 5 && t.pixelHeight == 6)
        #expect(t.gdalCoefficients == [1, 2, 3, 4, 5, 6])
    }

    @Test func aGridRefusesRotationZeroCellsAndNoCells() throws {
        let crs = try RasterCRS(epsg: 32648)
        let rotated = GeoTransform(originX: 0, pixelWidth: 1, rowRotation: 0.1, originY: 0, pixelHeight: -1)
        #expect(throws: RasterError.self) { try RasterGrid(columns: 2, rows: 2, geoTransform: rotated, crs: crs) }
        #expect(throws: RasterError.self) {
            try RasterGrid(columns: 2, rows: 2, geoTransform: GeoTransform(originX: 0, pixelWidth: 0, originY: 0, pixelHeight: -1), crs: crs)
        }
        #expect(throws: RasterError.self) { try RasterGrid(columns: 0, rows: 2, geoTransform: transform, crs: crs) }
        #expect(throws: RasterError.self) { try RasterGrid(columns: Int(Int32.max) + 1, rows: 1, geoTransform: transform, crs: crs) }
        let grid = try RasterGrid(columns: 10, rows: 10, geoTransform: transform, crs: crs)
        #expect(grid.cellCount == 100 && grid.cell(containingX: 9.5, y: 0.5)! == (row: 9, column: 9))
    }
}
