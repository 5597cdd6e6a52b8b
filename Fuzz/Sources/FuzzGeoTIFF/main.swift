import FuzzSupport
import RasterIO

/// A raster file as RasterIO reads one: its header, then its first band as `Float`, from the bytes
/// through GDAL's /vsimem/ (the same code as a path after the open). GDAL is not instrumented:
/// ASan sees RasterIO's memory and GDAL's calls into it, not GDAL's own reads.
///
/// A million cells at most, so that a header claiming a huge raster (its tiles missing, read as
/// zeros) is refused as too large instead of filling memory: the limit callers set from the header.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoTIFF(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(start, count)
    FuzzInput.expectValueOrDataError {
        _ = try RasterFile.header(bytes: bytes, name: "fuzz.tif")
        let raster = try RasterFile.readFloat(bytes: bytes, name: "fuzz.tif", maximumCells: 1 << 20)
        precondition(raster.values.count == raster.columns * raster.rows, "\(raster.values.count) values for \(raster.columns) × \(raster.rows) cells")
    }
    return 0
}
