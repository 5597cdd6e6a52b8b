internal import CGDAL

extension Dataset {
    /// A one-band MEM dataset over `cells` themselves (no copy: GDAL reads and writes the caller's
    /// memory), placed on `grid`; nil when GDAL refuses it. Call inside `GDALCall.run`, and close
    /// the dataset before the buffer goes.
    static func memoryRaster<Cell>(over cells: UnsafeMutableBufferPointer<Cell>, type: GDALDataType, grid: RasterGrid) -> Dataset? {
        guard let driver = GDALGetDriverByName("MEM"), let created = GDALCreate(driver, "", Int32(grid.columns), Int32(grid.rows), 0, type, nil)
        else { return nil }
        let dataset = Dataset(owning: created, displayPath: "the grid")
        let address = UInt(bitPattern: cells.baseAddress)
        let band = [
            "DATAPOINTER=0x\(String(address, radix: 16))", "PIXELOFFSET=\(MemoryLayout<Cell>.stride)",
            "LINEOFFSET=\(MemoryLayout<Cell>.stride * grid.columns)",
        ]
        var coefficients = grid.geoTransform.gdalCoefficients
        guard withCStringList(band, { GDALAddBand(created, type, $0.csl) }) == CE_None, GDALSetGeoTransform(created, &coefficients) == CE_None
        else { return nil }
        return dataset
    }
}
