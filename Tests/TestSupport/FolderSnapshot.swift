import Foundation
import GeoIO

/// Every entry under `folder`, hidden ones included, relative to it (`a/b.csv`): a file's bytes,
/// or nil for a folder. Files are read with `InputFile` (`Data(contentsOf:)` leaks on an empty
/// file under the address sanitizer).
public func folderSnapshot(_ folder: URL) throws -> [String: Data?] {
    var entries: [String: Data?] = [:]
    func walk(_ url: URL, _ prefix: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            let child = url.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: child.path, isDirectory: &isFolder)
            if isFolder.boolValue {
                entries[prefix + name] = .some(nil)
                try walk(child, prefix + name + "/")
            } else {
                entries[prefix + name] = Data(try InputFile.read(path: child.path).bytes)
            }
        }
    }
    try walk(folder, "")
    return entries
}
