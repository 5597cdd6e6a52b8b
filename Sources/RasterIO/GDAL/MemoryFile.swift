internal import CGDAL
import Synchronization

/// The bytes of a file given in memory, seen by GDAL as a /vsimem/ file of its own folder (so that
/// GDAL finds no sibling files beside it) for as long as this value lives. GDAL reads the
/// caller's bytes in place: they must outlive it.
final class MemoryFile {
    /// Each file gets its own folder, whichever thread makes it.
    private static let count = Atomic<Int>(0)
    /// The caller's bytes when there are none: GDAL takes a buffer, even of length 0.
    private nonisolated(unsafe) static let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    /// The /vsimem/ path GDAL opens.
    let path: String

    init(bytes: UnsafeBufferPointer<UInt8>, name: String) {
        path = Self.uniquePath(name: name)
        let start = bytes.baseAddress.map { UnsafeMutablePointer(mutating: $0) } ?? Self.empty
        let file = GDALCall.run { _ in VSIFileFromMemBuffer(path, start, vsi_l_offset(bytes.count), 0) }
        // A memory file lives until unlinked; the handle is only needed to create it.
        if let file { VSIFCloseL(file) }
    }

    deinit { _ = VSIUnlink(path) }

    /// A /vsimem/ path in a folder of its own, ending in the last component of `name` (so that a
    /// name cannot leave its folder, and GDAL sees the extension).
    static func uniquePath(name: String) -> String {
        let number = count.add(1, ordering: .relaxed).newValue
        let base = name.split(separator: "/").last.map(String.init) ?? ""
        return "/vsimem/healthcoverage-rasterio/\(number)/\(base.isEmpty ? "raster" : base)"
    }

    /// A copy of the bytes of the /vsimem/ file at `path` that GDAL wrote, named `name` in errors.
    static func contents(of path: String, name: String) throws(RasterError) -> [UInt8] {
        var length: vsi_l_offset = 0
        guard let buffer = VSIGetMemFileBuffer(path, &length, 0) else { throw .writeFailed(path: name, message: "GDAL left no file in memory") }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(length)))
    }
}
