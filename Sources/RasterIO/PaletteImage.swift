internal import CGDAL

/// A raster of small class numbers drawn as a picture: warped (nearest cell) onto another grid,
/// a map's pixels, and written as a PNG with a colour per class. What a map draws a classed
/// raster with, under its vectors.
///
/// The same inputs give the same bytes (GDAL's PNG driver writes no timestamp; PAM is off for
/// the write, so no `.aux.xml`).
///
/// - Note: Thread-safe.
public enum PaletteImage {
    /// The class that is drawn transparent: cells with no class, and pixels no cell covers.
    public static let transparent: UInt8 = 255

    /// The PNG of `classes` (one per cell of `grid`, row-major from the top row) on `target`'s
    /// pixels, class `k` in `colours[k]` (red, green, blue, alpha), ``transparent`` clear.
    ///
    /// - Throws: ``RasterError/badGrid(_:)`` when the classes do not fit the grid or a class has no
    ///   colour; ``RasterError/badCRS(definition:message:)``; ``RasterError/writeFailed(path:message:)``
    ///   when GDAL fails to warp or encode.
    public static func png(
        classes: [UInt8], grid: RasterGrid, colours: [(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)], target: RasterGrid
    ) throws(RasterError) -> [UInt8] {
        guard classes.count == grid.cellCount else { throw .badGrid("\(classes.count) classes for \(grid.columns) × \(grid.rows) cells") }
        guard colours.count < Int(transparent), classes.allSatisfy({ $0 == transparent || Int($0) < colours.count }) else {
            throw .badGrid("a class has no colour (\(colours.count) colours)")
        }
        // Longitude first for a geographic CRS, as in the geotransforms.
        let sourceReference = try grid.crs.spatialReference()
        let targetReference = try target.crs.spatialReference()
        for reference in [sourceReference, targetReference] { OSRSetAxisMappingStrategy(reference.handle, OAMS_TRADITIONAL_GIS_ORDER) }
        let path = MemoryFile.uniquePath(name: "image.png")
        defer { _ = GDALCall.run { _ in VSIUnlink(path) } }
        var cells = classes
        let failure: String? = cells.withUnsafeMutableBufferPointer { buffer in
            GDALCall.run { messages -> String? in
                guard let source = Dataset.memoryRaster(over: buffer, type: GDT_Byte, grid: grid), let sourceHandle = source.handle,
                    sourceReference.assign(to: sourceHandle), let sourceBand = GDALGetRasterBand(sourceHandle, 1),
                    GDALSetRasterNoDataValue(sourceBand, Double(transparent)) == CE_None
                else { return messages.summary(or: "GDAL could not make an in-memory raster") }
                defer { _ = source.close() }
                guard let memory = GDALGetDriverByName("MEM"),
                    let created = GDALCreate(memory, "", Int32(target.columns), Int32(target.rows), 1, GDT_Byte, nil)
                else { return messages.summary(or: "GDAL could not make the picture") }
                let picture = Dataset(owning: created, displayPath: "the picture")
                defer { _ = picture.close() }
                var coefficients = target.geoTransform.gdalCoefficients
                guard GDALSetGeoTransform(created, &coefficients) == CE_None, targetReference.assign(to: created),
                    let band = GDALGetRasterBand(created, 1), GDALFillRaster(band, Double(transparent), 0) == CE_None,
                    GDALSetRasterNoDataValue(band, Double(transparent)) == CE_None
                else { return messages.summary(or: "GDAL refused the picture's grid") }
                // Nearest cell, at most an eighth of a pixel off where GDAL interpolates the transform.
                guard GDALReprojectImage(sourceHandle, nil, created, nil, GRA_NearestNeighbour, 0, 0.125, nil, nil, nil) == CE_None
                else { return messages.summary(or: "GDAL could not warp the classes onto the picture") }
                guard let table = GDALCreateColorTable(GPI_RGB) else { return "GDAL could not make a colour table" }
                defer { GDALDestroyColorTable(table) }
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
                guard let written = withCStringList(["WORLDFILE=NO"], { GDALCreateCopy(png, path, created, 0, $0.csl, nil, nil) }) else {
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
