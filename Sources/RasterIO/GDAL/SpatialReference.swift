internal import CGDAL

/// An owned `OGRSpatialReferenceH`, released in `deinit`.
final class SpatialReference {
    let handle: OGRSpatialReferenceH

    private init() {
        guard let handle = OSRNewSpatialReference(nil) else { fatalError("OSRNewSpatialReference returned NULL (out of memory)") }
        self.handle = handle
    }

    deinit { OSRRelease(handle) }

    /// Sets this CRS as the dataset's (GDAL copies it).
    func assign(to dataset: GDALDatasetH) -> Bool {
        GDALSetSpatialRef(dataset, handle) == CE_None
    }

    /// The CRS of an EPSG code (`OSRImportFromEPSG`).
    convenience init(epsg code: Int) throws(RasterError) {
        self.init()
        let handle = handle
        let error = GDALCall.run { messages in
            OSRImportFromEPSG(handle, Int32(clamping: code)) == OGRERR_NONE ? nil : messages.summary(or: "unknown EPSG code")
        }
        if let error { throw .badCRS(definition: "EPSG:\(code)", message: error) }
    }

    /// The CRS of a WKT text (`OSRImportFromWkt`: WKT1 or WKT2, never a file name or a URL).
    convenience init(wkt text: String) throws(RasterError) {
        self.init()
        let handle = handle
        let error = GDALCall.run { messages in
            var copy = Array(text.utf8CString)
            let status = copy.withUnsafeMutableBufferPointer { buffer in
                var cursor: UnsafeMutablePointer<CChar>? = buffer.baseAddress
                return OSRImportFromWkt(handle, &cursor)
            }
            return status == OGRERR_NONE ? nil : messages.summary(or: "not a WKT coordinate reference system")
        }
        if let error { throw .badCRS(definition: text, message: error) }
    }
}
