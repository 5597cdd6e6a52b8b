internal import CGDAL
import GeometryKit

/// A raster drawn as a picture in classes: its values sampled (nearest cell) onto another grid, a
/// map's pixels, each pixel's value put in a class, and the classes written by GDAL as a PNG with
/// a colour each. What a map draws a raster with, under its vectors.
///
/// The values are sampled before they are classed: a country's millions of cells are read only
/// where a pixel falls. The same inputs give the same bytes (GDAL's PNG driver writes no
/// timestamp; PAM is off for the write, so no `.aux.xml`).
///
/// - Note: Thread-safe.
public enum PaletteImage {
    /// The palette index of pixels in no class, drawn transparent.
    static let transparent: UInt8 = 255

    /// The PNG of `values` (one per cell of `grid`, row-major from the top row; NaN for none) on
    /// `target`'s pixels, a pixel in `colours[k]` (red, green, blue, alpha) when `classOf` puts its
    /// value in class k, transparent when it gives nil, the value is NaN or no cell lies under it.
    ///
    /// - Throws: ``RasterError/badGrid(_:)`` when the values do not fit the grid, there are 255
    ///   colours or more, or `classOf` gives a class without a colour;
    ///   ``RasterError/badCRS(definition:message:)`` when PROJ cannot bring the pixels to the
    ///   grid's CRS; ``RasterError/writeFailed(path:message:)`` when GDAL fails to encode.
    public static func png(
        values: [Float], grid: RasterGrid, target: RasterGrid, colours: [(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)],
        classOf: (Float) -> Int?
    ) throws(RasterError) -> [UInt8] {
        guard values.count == grid.cellCount else { throw .badGrid("\(values.count) values for \(grid.columns) × \(grid.rows) cells") }
        guard colours.count < Int(transparent) else { throw .badGrid("\(colours.count) colours (expected fewer than \(transparent))") }
        let sampled = try sample(values, grid: grid, onto: target)
        var classes = [UInt8](repeating: transparent, count: sampled.count)
        for (index, value) in sampled.enumerated() where !value.isNaN {
            guard let found = classOf(value) else { continue }
            guard colours.indices.contains(found) else { throw .badGrid("class \(found) has no colour (\(colours.count) colours)") }
            classes[index] = UInt8(found)
        }
        return try encode(classes, size: target, colours: colours)
    }

    /// Pixels apart at which the transformation is computed exactly; between them it is
    /// interpolated, as GDAL's warper does (a map's frame spans a few degrees: the error stays far
    /// under a cell).
    static let latticeStep = 8

    /// The values on the target's pixels: each pixel takes the cell under its centre (NaN where
    /// none is), the centre brought to the grid's CRS by PROJ on a lattice of every
    /// ``latticeStep``-th pixel and bilinearly between.
    private static func sample(_ values: [Float], grid: RasterGrid, onto target: RasterGrid) throws(RasterError) -> [Float] {
        // At least two points a side (the same twice for a side of one pixel).
        func lattice(_ count: Int) -> [Int] { count == 1 ? [0, 0] : Array(stride(from: 0, to: count - 1, by: latticeStep)) + [count - 1] }
        let columns = lattice(target.columns), rows = lattice(target.rows)
        let centres = rows.flatMap { row in columns.map { column in target.centre(row: row, column: column) } }
        let projected: [Coordinate]
        do {
            projected = try CoordinateTransform(from: target.crs.definition, to: grid.crs.definition).apply(centres.map { Coordinate(x: $0.x, y: $0.y) })
        } catch {
            throw .badCRS(definition: grid.crs.definition, message: "the picture's pixels cannot be brought to the grid's CRS: \(error)")
        }
        /// The lattice interval holding `index`, and how far along it.
        func interval(_ index: Int, _ lattice: [Int]) -> (Int, Double) {
            let lower = min(index / latticeStep, lattice.count - 2)
            let span = lattice[lower + 1] - lattice[lower]
            return (lower, span == 0 ? 0 : Double(index - lattice[lower]) / Double(span))
        }
        let transform = grid.geoTransform
        var pixels = [Float](repeating: .nan, count: target.cellCount)
        for row in 0..<target.rows {
            let (top, down) = interval(row, rows)
            for column in 0..<target.columns {
                let (left, across) = interval(column, columns)
                let corner = top * columns.count + left
                let (a, b, c, d) = (projected[corner], projected[corner + 1], projected[corner + columns.count], projected[corner + columns.count + 1])
                let x = (a.x * (1 - across) + b.x * across) * (1 - down) + (c.x * (1 - across) + d.x * across) * down
                let y = (a.y * (1 - across) + b.y * across) * (1 - down) + (c.y * (1 - across) + d.y * across) * down
                let cellColumn = ((x - transform.originX) / transform.pixelWidth).rounded(.down)
                let cellRow = ((y - transform.originY) / transform.pixelHeight).rounded(.down)
                guard cellColumn >= 0, cellRow >= 0, cellColumn < Double(grid.columns), cellRow < Double(grid.rows) else { continue }
                pixels[row * target.columns + column] = values[Int(cellRow) * grid.columns + Int(cellColumn)]
            }
        }
        return pixels
    }

    /// A palette PNG of `classes` (one per pixel of `size`), ``transparent`` clear.
    private static func encode(
        _ classes: [UInt8], size: RasterGrid, colours: [(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)]
    ) throws(RasterError) -> [UInt8] {
        let path = MemoryFile.uniquePath(name: "picture.png")
        defer { _ = GDALCall.run { _ in VSIUnlink(path) } }
        var cells = classes
        let failure: String? = cells.withUnsafeMutableBufferPointer { buffer in
            GDALCall.run { messages -> String? in
                guard let picture = Dataset.memoryRaster(over: buffer, type: GDT_Byte, grid: size), let handle = picture.handle,
                    let band = GDALGetRasterBand(handle, 1), let table = GDALCreateColorTable(GPI_RGB)
                else { return messages.summary(or: "GDAL could not make the picture") }
                defer {
                    GDALDestroyColorTable(table)
                    _ = picture.close()
                }
                for index in 0...Int(transparent) {
                    let colour = index < colours.count ? colours[index] : (0, 0, 0, 0)
                    var entry = GDALColorEntry(c1: Int16(colour.0), c2: Int16(colour.1), c3: Int16(colour.2), c4: Int16(colour.3))
                    GDALSetColorEntry(table, Int32(index), &entry)
                }
                guard GDALSetRasterColorTable(band, table) == CE_None, let png = GDALGetDriverByName("PNG") else {
                    return messages.summary(or: "GDAL has no PNG driver")
                }
                let written = withThreadLocalConfig("GDAL_PAM_ENABLED", "NO") {
                    withCStringList(["WORLDFILE=NO"]) { GDALCreateCopy(png, path, handle, 0, $0.csl, nil, nil) }
                }
                guard let written else {
                    return messages.summary(or: "GDAL could not encode the PNG")
                }
                let closing = Dataset(owning: written, displayPath: "PNG in memory").close()
                return closing.isEmpty && messages.failures.isEmpty ? nil : messages.summary(or: closing.joined(separator: "; "))
            }
        }
        if let failure { throw .writeFailed(path: "PNG in memory", message: failure) }
        return try MemoryFile.contents(of: path, name: "PNG in memory")
    }
}
