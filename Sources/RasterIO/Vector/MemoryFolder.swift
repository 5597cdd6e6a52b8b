internal import CGDAL

/// Copies of files, seen by GDAL as the files of one /vsimem/ folder of their own (a Shapefile and
/// its `.shx`, `.dbf`, `.prj` and `.cpg` beside it) for as long as this value lives: GDAL reads
/// exactly the bytes the caller read and checksummed, never the files again.
final class MemoryFolder {
    /// The /vsimem/ path of the folder, ending in `/`.
    let path: String
    private let names: [String]

    /// The folder of `files`, each under the last component of its name.
    init(_ files: [(name: String, bytes: [UInt8])]) {
        let folder = String(MemoryFile.uniquePath(name: "folder").dropLast("folder".count))
        path = folder
        names = files.map { folder + ($0.name.split(separator: "/").last.map(String.init) ?? "file") }
        for (file, name) in zip(files, names) {
            // GDAL owns the copy and frees it when the file is unlinked.
            let copy = VSIMalloc(max(1, file.bytes.count))!.assumingMemoryBound(to: UInt8.self)
            file.bytes.withUnsafeBufferPointer { if let start = $0.baseAddress { copy.update(from: start, count: $0.count) } }
            let handle = GDALCall.run { _ in VSIFileFromMemBuffer(name, copy, vsi_l_offset(file.bytes.count), 1) }
            if let handle { VSIFCloseL(handle) }
        }
    }

    deinit {
        for name in names { _ = VSIUnlink(name) }
    }
}
