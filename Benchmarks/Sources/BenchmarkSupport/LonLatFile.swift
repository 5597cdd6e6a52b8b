import Foundation

/// The points of a binary lon/lat file — 2 × N little-endian float64 values: lon0, lat0, lon1,
/// lat1, … — split into the separate longitude and latitude arrays the kernel takes.
///
/// The Python scripts write these files with numpy; the runners read them before any clock
/// starts, so neither the reading nor the split is ever timed.
public struct LonLatFile: Sendable {
    /// The x values, in file order.
    public let longitudes: [Double]
    /// The y values, in file order.
    public let latitudes: [Double]

    /// The number of points.
    public var count: Int { longitudes.count }

    /// Reads the file at `path`.
    /// - Throws: ``InputFileError`` when its size is not a whole number of 16-byte pairs, or the
    ///   error of reading it.
    public init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard data.count % 16 == 0 else {
            throw InputFileError(path: path, reason: "\(data.count) bytes is not a whole number of lon/lat float64 pairs")
        }
        let count = data.count / 16
        var longitudes = [Double](repeating: 0, count: count)
        var latitudes = [Double](repeating: 0, count: count)
        // Unaligned loads: `Data` promises no alignment.
        data.withUnsafeBytes { raw in
            for index in 0..<count {
                longitudes[index] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 * index, as: UInt64.self)))
                latitudes[index] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 * index + 8, as: UInt64.self)))
            }
        }
        self.longitudes = longitudes
        self.latitudes = latitudes
    }
}
