import Foundation

/// The memory the kernel says a new allocation can have without swapping (`MemAvailable` in
/// /proc/meminfo), so that a raster too large is refused before its cells are read.
enum AvailableMemory {
    /// Bytes, or nil where /proc/meminfo does not say.
    static func bytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let kibibytes = Int(fields[1]) else { return nil }
            return kibibytes * 1024
        }
        return nil
    }
}
