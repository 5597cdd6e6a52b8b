import Foundation

/// Writes answers as raw little-endian values, the layout numpy's `fromfile(dtype="<i4")` or
/// `"<f8"` reads back in the Python scripts that compare them with the peers'.
public enum AnswerFile {
    /// Writes `values` (e.g. `Int32` indices or counts) to `path`, replacing it atomically.
    public static func write<Element: FixedWidthInteger>(_ values: [Element], to path: String) throws {
        let data = values.map(\.littleEndian).withUnsafeBytes { Data($0) }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Writes `values` as float64 (e.g. distances in metres) to `path`, replacing it atomically.
    public static func write(_ values: [Double], to path: String) throws {
        try write(values.map(\.bitPattern), to: path)
    }
}
