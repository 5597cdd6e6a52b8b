import RasterIO
import Testing

@Suite("Rasterizer")
struct RasterizerTests {
    /// 10 × 10 cells of 1 m, x from 0 to 10, y from 0 (bottom) to 10 (top).
    private func grid() throws -> RasterGrid {
        try RasterGrid(columns: 10, rows: 10, geoTransform: GeoTransform(originX: 0, pixelWidth: 1, originY: 10, pixelHeight: -1), crs: RasterCRS(epsg: 32648))
    }

    /// The (row, column) of every cell that is not NaN, in row-major order.
    private func burnt(_ cells: [Float]) -> [[Int]] {
        cells.indices.filter { !cells[$0].isNaN }.map { [$0 / 10, $0 % 10] }
    }

    @Test func aPolygonBurnsTheCellsWhoseCentreItCovers() throws {
        // x 2…6, y 2…5: centres x 2.5…5.5 (columns 2–5), y 4.5, 3.5, 2.5 (rows 5–7).
        let cells = try Rasterizer.burn(wkt: ["POLYGON ((2 2, 6 2, 6 5, 2 5, 2 2))"], values: [7], grid: grid(), allTouched: false)
        let expected = (5...7).flatMap { row in (2...5).map { [row, $0] } }
        #expect(burnt(cells) == expected)
        #expect(cells.filter { !$0.isNaN }.allSatisfy { $0 == 7 })
    }

    @Test func allTouchedBurnsEveryCellASlantedLineCrosses() throws {
        // (0.5, 0.5) to (3.5, 2.5), slope 2/3: it crosses x = 1 at y 0.83, y = 1 at x 1.25, x = 2 at
        // y 1.5, y = 2 at x 2.75, x = 3 at y 2.17. Cells (column, y band): (0,0) (1,0) (1,1) (2,1)
        // (2,2) (3,2); the y band b is row 9 − b.
        let cells = try Rasterizer.burn(wkt: ["LINESTRING (0.5 0.5, 3.5 2.5)"], values: [1], grid: grid(), allTouched: true)
        #expect(burnt(cells) == [[7, 2], [7, 3], [8, 1], [8, 2], [9, 0], [9, 1]])
    }

    @Test func aLineAlongARowBurnsThatRow() throws {
        let cells = try Rasterizer.burn(wkt: ["LINESTRING (1.5 7.5, 8.5 7.5)"], values: [3], grid: grid(), allTouched: false)
        #expect(burnt(cells) == (1...8).map { [2, $0] })
    }

    @Test func theLastGeometryWinsAndTheRestKeepTheInitialValue() throws {
        // A slow road across the whole grid on row 4, a fast one over its middle: the fast one last.
        let cells = try Rasterizer.burn(
            wkt: ["LINESTRING (0 5.5, 10 5.5)", "LINESTRING (3.5 5.5, 6.5 5.5)", "POINT (0.5 0.5)"], values: [10, 80, 5], grid: grid(), allTouched: true,
            initial: 0)
        #expect(Array(cells[40..<50]) == [10, 10, 10, 80, 80, 80, 80, 10, 10, 10])
        #expect(cells[90] == 5)
        #expect(cells.filter { $0 == 0 }.count == 100 - 11)
        // Reversed, the slow road covers the fast one.
        let reversed = try Rasterizer.burn(
            wkt: ["LINESTRING (3.5 5.5, 6.5 5.5)", "LINESTRING (0 5.5, 10 5.5)"], values: [80, 10], grid: grid(), allTouched: true, initial: 0)
        #expect(Array(reversed[40..<50]) == [Float](repeating: 10, count: 10))
    }

    @Test func geometriesOutsideTheGridBurnNothing() throws {
        let cells = try Rasterizer.burn(wkt: ["POLYGON ((20 20, 30 20, 30 30, 20 20))"], values: [1], grid: grid(), allTouched: true)
        #expect(cells.allSatisfy { $0.isNaN })
    }

    @Test func badWKTIsNamedByItsIndex() throws {
        let error = try #require(throws: RasterError.self) {
            try Rasterizer.burn(wkt: ["POINT (1 1)", "LINESTRING (1 1,"], values: [1, 2], grid: grid(), allTouched: false)
        }
        guard case .badGeometry(let index, _) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(index == 1)
        #expect(throws: RasterError.badGrid("2 geometries but 1 values to burn")) {
            try Rasterizer.burn(wkt: ["POINT (1 1)", "POINT (2 2)"], values: [1], grid: grid(), allTouched: false)
        }
    }
}
