internal import CGDAL

/// A raster drawn as a picture in classes: its values warped (nearest cell) onto another grid, a
/// map's pixels, each pixel's value put in a class, and the classes written as a PNG with a colour
/// each. What a map draws a raster with, under its vectors.
///
/// The values are warped before they are classed: a country's millions of cells are read only
/// where a pixel falls, and GDAL reads only the part of the grid under the picture. The same
/// inputs give the same bytes (GDAL's PNG driver writes no timestamp; PAM is off for the write, so
/// no `.aux.xml`).
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
    ///   ``RasterError/badCRS(definition:message:)``; ``RasterError/writeFailed(path:message:)``
    ///   when GDAL fails to warp or encode.
    public static func png(
        values: [Float], grid: RasterGrid, target: RasterGrid, colours: [(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)],
        classOf: (Float) -> Int?
    ) throws(RasterError) -> [UInt8] {
        guard values.count == grid.cellCount else { throw .badGrid("\(values.count) values for \(grid.columns) × \(grid.rows) cells") }
        guard colours.count < Int(transparent) else { throw .badGrid("\(colours.count) colours (expected fewer than \(transparent))") }
        let warped = try warp(values, grid: grid, onto: target)
        var classes = [UInt8](repeating: transparent, count: warped.count)
        for (index, value) in warped.enumerated() where !value.isNaN {
            guard let found = classOf(value) else { continue }
            guard colours.indices.contains(found) else { throw .badGrid("class \(found) has no colour (\(colours.count) colours)") }
            classes[index] = UInt8(found)
        }
        return try encode(classes, size: target, colours: colours)
    }

    /// The values on the target's pixels, nearest cell, NaN where no cell (or a NaN one) lies.
    private static func warp(_ values: [Float], grid: RasterGrid, onto target: RasterGrid) throws(RasterError) -> [Float] {
        // Longitude first for a geographic CRS, as in the geotransforms.
        let sourceReference = try grid.crs.spatialReference()
        let targetReference = try target.crs.spatialReference()
        for reference in [sourceReference, targetReference] { OSRSetAxisMappingStrategy(reference.handle, OAMS_TRADITIONAL_GIS_ORDER) }
        var pixels = [Float](repeating: .nan, count: target.cellCount)
        let failure: String? = values.withUnsafeBufferPointer { values in
            pixels.withUnsafeMutableBufferPointer { pixels in
                GDALCall.run { messages -> String? in
                    // GDAL only reads the source band: the caller's values are not copied.
                    let cells = UnsafeMutableBufferPointer(mutating: values)
                    guard let source = Dataset.memoryRaster(over: cells, type: GDT_Float32, grid: grid), let sourceHandle = source.handle,
                        sourceReference.assign(to: sourceHandle), let sourceBand = GDALGetRasterBand(sourceHandle, 1),
                        GDALSetRasterNoDataValue(sourceBand, .nan) == CE_None,
                        let picture = Dataset.memoryRaster(over: pixels, type: GDT_Float32, grid: target), let pictureHandle = picture.handle,
                        targetReference.assign(to: pictureHandle), let pictureBand = GDALGetRasterBand(pictureHandle, 1),
                        GDALSetRasterNoDataValue(pictureBand, .nan) == CE_None
                    else { return messages.summary(or: "GDAL could not make the in-memory rasters") }
                    defer {
                        _ = picture.close()
                        _ = source.close()
                    }
                    // Nearest cell, at most an eighth of a pixel off where GDAL interpolates the transform.
                    guard GDALReprojectImage(sourceHandle, nil, pictureHandle, nil, GRA_NearestNeighbour, 0, 0.125, nil, nil, nil) == CE_None
                    else { return messages.summary(or: "GDAL could not warp the values onto the picture") }
                    return nil
                }
            }
        }
        if let failure { throw .writeFailed(path: "picture in memory", message: failure) }
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
                let previous = CPLGetThreadLocalConfigOption("GDAL_PAM_ENABLED", nil).map { String(cString: $0) }
                CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO")
                defer { CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", previous) }
                guard let written = withCStringList(["WORLDFILE=NO"], { GDALCreateCopy(png, path, handle, 0, $0.csl, nil, nil) }) else {
                    return messages.summary(or: "GDAL could not encode the PNG")
                }
                let closing = Dataset(owning: written, displayPath: "PNG in memory").close()
                return closing.isEmpty && messages.failures.isEmpty ? nil : messages.summary(or: closing.joined(separator: "; "))
            }
        }
        if let failure { throw .writeFailed(path: "PNG in memory", message: failure) }
        var length: vsi_l_offset = 0
        guard let bytes = VSIGetMemFileBuffer(path, &length, 0) else { throw .writeFailed(path: "PNG in memory", message: "GDAL left no file in memory") }
        return Array(UnsafeBufferPointer(start: bytes, count: Int(length)))
    }
}
