internal import CGDAL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An owned `GDALDatasetH`, closed in `deinit` (or by ``close()``, which says whether GDAL
/// could flush it), with the name its errors give it.
final class Dataset {
    private(set) var handle: GDALDatasetH?
    /// The path or name errors give (the path given, never a /vsimem/ name).
    let displayPath: String

    init(owning handle: GDALDatasetH, displayPath: String) {
        self.handle = handle
        self.displayPath = displayPath
    }

    deinit { _ = close() }

    /// Closes the dataset: a written one is flushed to its file then.
    /// - Returns: GDAL's failure messages, empty when it closed cleanly.
    func close() -> [String] {
        guard let handle else { return [] }
        self.handle = nil
        return GDALCall.run { messages in
            GDALClose(handle)  // returns void before GDAL 3.7: failures come as messages
            return messages.failures
        }
    }

    /// Opens a raster read-only with GDAL's raster drivers (or only `drivers`, GDAL's short
    /// names), after checking that `path` is a file this process can read: a name GDAL would
    /// take for something else ("MEM:::…", "/vsicurl/…") is refused as missing.
    static func open(path: String, drivers: [String]?) throws(RasterError) -> Dataset {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            throw errno == ENOENT || errno == ENOTDIR ? .fileMissing(path: path) : .unreadable(path: path, reason: reason)
        }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw .unreadable(path: path, reason: "a folder, not a file") }
        guard access(path, R_OK) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        return try open(gdalPath: path, displayPath: path, drivers: drivers)
    }

    /// Opens `gdalPath` (a checked path or a /vsimem/ file) read-only as a raster; errors name
    /// `displayPath`.
    static func open(gdalPath: String, displayPath: String, drivers: [String]?) throws(RasterError) -> Dataset {
        let flags = UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)
        let opened: GDALDatasetH?
        let message: String
        (opened, message) = GDALCall.run { messages in
            let handle =
                if let drivers {
                    withCStringList(drivers) { GDALOpenEx(gdalPath, flags, $0.const, nil, nil) }
                } else {
                    GDALOpenEx(gdalPath, flags, nil, nil, nil)
                }
            return (handle, messages.summary(or: "no raster driver recognises it"))
        }
        guard let opened else {
            throw .notARaster(path: displayPath, message: message.replacing(gdalPath, with: displayPath))
        }
        return Dataset(owning: opened, displayPath: displayPath)
    }
}
