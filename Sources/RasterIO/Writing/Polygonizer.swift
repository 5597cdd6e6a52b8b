internal import CGDAL

/// A polygon of connected cells of one value: its rings in the grid's CRS, the exterior first,
/// each closed (the first point repeated last).
public struct RasterPolygon: Sendable, Equatable {
    public let value: Int32
    public let rings: [[Point]]

    public struct Point: Sendable, Equatable {
        public let x: Double
        public let y: Double
    }
}

/// Regions of equal cells traced into polygons (GDAL's `GDALPolygonize`): the outlines follow
/// the cells' edges exactly, so a region's polygon covers exactly its cells.
///
/// - Note: Thread-safe.
public enum Polygonizer {
    /// One polygon per region of 4-connected cells of equal value (cells sharing a side; cells
    /// touching at a corner only are two polygons), cells of `nodata` left out; in GDAL's order
    /// (the regions by their first cell, scanning rows from the top), the same for the same cells.
    /// - Throws: ``RasterError/badGrid(_:)`` when the values do not fit the grid,
    ///   ``RasterError/polygonizeFailed(message:)`` when GDAL fails.
    /// The values are consumed: GDAL reads them in place, so pass the last copy (`consume`) and
    /// they are not copied.
    public static func polygons(values: consuming [Int32], grid: RasterGrid, nodata: Int32) throws(RasterError) -> [RasterPolygon] {
        guard values.count == grid.cellCount else { throw .badGrid("\(values.count) values for \(grid.columns) × \(grid.rows) cells") }
        var cells = consume values
        let outcome: Result<[RasterPolygon], RasterError> = cells.withUnsafeMutableBufferPointer { buffer in
            GDALCall.run { messages in
                let failed = { (what: String) in Result<[RasterPolygon], RasterError>.failure(.polygonizeFailed(message: messages.summary(or: what))) }
                // A MEM band over the values themselves, and an OGR layer in memory for the polygons.
                guard let raster = Dataset.memoryRaster(over: buffer, type: GDT_Int32, grid: grid), let source = GDALGetRasterBand(raster.handle, 1),
                    GDALSetRasterNoDataValue(source, Double(nodata)) == CE_None
                else { return failed("GDAL could not make an in-memory raster") }
                defer { _ = raster.close() }
                guard let vectorDriver = GDALGetDriverByName("Memory"),
                    let vectors = GDALCreate(vectorDriver, "polygons", 0, 0, 0, GDT_Unknown, nil)
                else { return failed("GDAL could not make an in-memory layer") }
                let layers = Dataset(owning: vectors, displayPath: "the polygons")
                defer { _ = layers.close() }
                guard let layer = GDALDatasetCreateLayer(vectors, "polygons", nil, wkbPolygon, nil), let field = OGR_Fld_Create("value", OFTInteger)
                else { return failed("GDAL could not make an in-memory layer") }
                defer { OGR_Fld_Destroy(field) }
                guard OGR_L_CreateField(layer, field, 1) == OGRERR_NONE,
                    GDALPolygonize(source, GDALGetMaskBand(source), layer, 0, nil, nil, nil) == CE_None, messages.failures.isEmpty
                else { return failed("GDALPolygonize failed") }
                return .success(read(layer))
            }
        }
        return try outcome.get()
    }

    private static func read(_ layer: OGRLayerH) -> [RasterPolygon] {
        var polygons: [RasterPolygon] = []
        OGR_L_ResetReading(layer)
        while let feature = OGR_L_GetNextFeature(layer) {
            defer { OGR_F_Destroy(feature) }
            guard let geometry = OGR_F_GetGeometryRef(feature) else { continue }
            let rings = (0..<OGR_G_GetGeometryCount(geometry)).compactMap { index -> [RasterPolygon.Point]? in
                guard let ring = OGR_G_GetGeometryRef(geometry, index) else { return nil }
                return (0..<OGR_G_GetPointCount(ring)).map { RasterPolygon.Point(x: OGR_G_GetX(ring, $0), y: OGR_G_GetY(ring, $0)) }
            }
            polygons.append(RasterPolygon(value: Int32(OGR_F_GetFieldAsInteger(feature, 0)), rings: rings))
        }
        return polygons
    }
}
