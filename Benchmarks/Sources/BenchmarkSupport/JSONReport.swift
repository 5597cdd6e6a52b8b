import Foundation

/// Prints `report` on stdout as one line of JSON with sorted keys: the one object per run that
/// the Python scripts parse (their keys come from each report's `CodingKeys`).
public func printReport(_ report: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(report), as: UTF8.self))
}
