internal import CGDAL

/// Reads a whole band into one `[Float]`, a strip of rows at a time through a small `Double`
/// buffer, so that nodata is compared in the file's own type before the narrowing to `Float`.
struct BandReader {
    let band: GDALRasterBandH
    let facts: BandFacts
    let path: String

    /// About 2 MiB of `Double`s a strip.
    private static let stripCells = 1 << 18

    func read(columns: Int, rows: Int) throws(RasterError) -> [Float] {
        var blockColumns: Int32 = 0
        var blockRows: Int32 = 0
        GDALGetBlockSize(band, &blockColumns, &blockRows)
        // Whole blocks a strip, so that no block is decoded twice.
        let blockHeight = max(1, Int(blockRows))
        let stripRows = min(rows, blockHeight * max(1, Self.stripCells / max(1, columns) / blockHeight))
        let strip = UnsafeMutableBufferPointer<Double>.allocate(capacity: stripRows * columns)
        defer { strip.deallocate() }
        let nodata = facts.nodataCell
        var failure: String?
        let values = [Float](unsafeUninitializedCapacity: columns * rows) { output, initialized in
            var row = 0
            while row < rows {
                let count = min(stripRows, rows - row)
                failure = GDALCall.run { messages in
                    let status = GDALRasterIO(
                        band, GF_Read, 0, Int32(row), Int32(columns), Int32(count), strip.baseAddress, Int32(columns), Int32(count), GDT_Float64, 0, 0)
                    // A failure GDAL reports while returning CE_None still means the cells are not the file's.
                    return status == CE_None && messages.failures.isEmpty ? nil : messages.summary(or: "GDALRasterIO failed")
                }
                if failure != nil { break }
                let base = row * columns
                for index in 0..<(count * columns) {
                    let value = strip[index]
                    let isNodata = value.isNaN || (nodata.map { value == $0 } ?? false)
                    (output.baseAddress! + base + index).initialize(to: isNodata ? .nan : Float(value))
                }
                row += count
                initialized = row * columns
            }
        }
        if let failure { throw .readFailed(path: path, message: failure) }
        return values
    }
}
