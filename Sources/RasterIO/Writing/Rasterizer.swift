internal import CGDAL

/// Vector shapes burnt into a grid: the cells a line, polygon or point covers take its value.
///
/// - Note: Thread-safe.
public enum Rasterizer {
    /// The grid's cells, row-major from the top row, with each geometry's value burnt in where it
    /// lies; `initial` elsewhere.
    ///
    /// **The last geometry wins**: where geometries overlap, a cell takes the value of the one that
    /// comes last in `wkt` (GDAL's `MERGE_ALG=REPLACE`, geometries burnt in order). To let the
    /// fastest road win, pass the roads sorted from slowest to fastest.
    ///
    /// A cell is burnt when its centre lies in a polygon, or on the line GDAL's scan-line
    /// algorithm draws (Bresenham-like, one cell a step) for a line; with `allTouched`, every
    /// cell that the line or polygon touches at all.
    ///
    /// - Parameters:
    ///   - wkt: geometries as WKT (points, lines, polygons, their multi- and collection forms),
    ///     their coordinates already in the grid's CRS.
    ///   - values: one value per geometry, in the same order.
    ///   - allTouched: burn every cell a geometry touches, not only those whose centre it covers.
    ///   - initial: the value of a cell no geometry touches.
    /// - Throws: ``RasterError/badGrid(_:)`` when the counts differ, ``RasterError/badGeometry(index:message:)``
    ///   naming the first WKT OGR cannot read, ``RasterError/rasterizeFailed(message:)``.
    public static func burn(wkt: [String], values: [Double], grid: RasterGrid, allTouched: Bool, initial: Float = .nan) throws(RasterError) -> [Float] {
        guard wkt.count == values.count else { throw .badGrid("\(wkt.count) geometries but \(values.count) values to burn") }
        var cells = [Float](repeating: initial, count: grid.cellCount)
        guard !wkt.isEmpty else { return cells }
        let geometries = try OGRGeometries(wkt: wkt)
        let options = allTouched ? ["ALL_TOUCHED=TRUE"] : []
        let failure: String? = cells.withUnsafeMutableBufferPointer { buffer in
            GDALCall.run { messages in
                // A MEM band over the array itself: GDAL burns straight into the cells returned.
                guard let dataset = Dataset.memoryRaster(over: buffer, type: GDT_Float32, grid: grid), let created = dataset.handle
                else { return messages.summary(or: "GDAL could not make an in-memory raster") }
                defer { _ = dataset.close() }
                var bands: [Int32] = [1]
                let status = withCStringList(options) { list in
                    geometries.withHandles { handles in
                        GDALRasterizeGeometries(created, 1, &bands, Int32(handles.count), handles.baseAddress, nil, nil, values, list.csl, nil, nil)
                    }
                }
                return status == CE_None && messages.failures.isEmpty ? nil : messages.summary(or: "GDALRasterizeGeometries failed")
            }
        }
        if let failure { throw .rasterizeFailed(message: failure) }
        return cells
    }
}

/// OGR geometries made from WKT, destroyed in `deinit`.
final class OGRGeometries {
    private var handles: [OGRGeometryH?] = []

    init(wkt: [String]) throws(RasterError) {
        handles.reserveCapacity(wkt.count)
        for (index, text) in wkt.enumerated() {
            let (geometry, failure): (OGRGeometryH?, String?) = GDALCall.run { messages in
                var copy = Array(text.utf8CString)
                var geometry: OGRGeometryH?
                let status = copy.withUnsafeMutableBufferPointer { buffer in
                    var cursor: UnsafeMutablePointer<CChar>? = buffer.baseAddress
                    return OGR_G_CreateFromWkt(&cursor, nil, &geometry)
                }
                guard status == OGRERR_NONE, let geometry else {
                    OGR_G_DestroyGeometry(geometry)
                    return (nil, messages.summary(or: Self.reason(status)))
                }
                return (geometry, nil)
            }
            guard let geometry else { throw .badGeometry(index: index, message: failure ?? "") }
            handles.append(geometry)
        }
    }

    deinit { for handle in handles { OGR_G_DestroyGeometry(handle) } }

    /// OGR's error codes in words: OGR_G_CreateFromWkt reports most of them without a message.
    private static func reason(_ status: OGRErr) -> String {
        switch status {
        case OGRERR_NOT_ENOUGH_DATA: "the text ends too soon"
        case OGRERR_UNSUPPORTED_GEOMETRY_TYPE: "an unknown geometry type"
        case OGRERR_CORRUPT_DATA: "malformed WKT"
        default: "OGR error \(status)"
        }
    }

    /// The handles, valid for the call (a method, so that the geometries outlive it).
    func withHandles<Result>(_ body: (UnsafeBufferPointer<OGRGeometryH?>) -> Result) -> Result {
        handles.withUnsafeBufferPointer(body)
    }
}
