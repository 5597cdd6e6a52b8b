import Foundation
import GeoIO

/// Number formatting for tables, independent of the machine's locale.
public enum TextFormatting {
    /// `230412.345` with 1 place → `230,412.3`.
    public static func grouped(_ value: Double, places: Int) -> String {
        let fixed = String(format: "%.\(places)f", value)
        let parts = fixed.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Int(parts[0]) ?? 0
        let sign = value < 0 && whole == 0 ? "-" : ""
        return sign + whole.grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// `1 feature`, `2 features`, `1,060 facilities`: a grouped count and the noun, plural when not 1.
    public static func counted(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        "\(value.grouped) \(value == 1 ? noun : plural ?? noun + "s")"
    }

    /// Coordinates of one kind, formatted alike: 4 decimals for degrees, 1 for projected metres,
    /// exponent form for values beyond any plausible coordinate.
    public static func coordinates(_ values: [Double]) -> [String] {
        let largest = values.map(abs).max() ?? 0
        if largest <= 360 { return values.map { fixed($0, places: 4) } }
        if largest < 1e8 { return values.map { fixed($0, places: 1) } }
        return values.map { String(format: "%.6g", $0) }
    }

    /// A fixed-point number without grouping, for coordinates.
    public static func fixed(_ value: Double, places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    /// A table of cells padded into columns (display width counted in characters), with a rule
    /// under the header and optionally before the last row (a total).
    public static func columns(_ rows: [[String]], rightAligned: Set<Int> = [], ruleBeforeLast: Bool = false) -> String {
        guard let header = rows.first else { return "" }
        let widths = header.indices.map { column in rows.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        var lines = [line(header), rule]
        for (position, row) in rows.dropFirst().enumerated() {
            if ruleBeforeLast && position == rows.count - 2 { lines.append(rule) }
            lines.append(line(row))
        }
        return lines.joined(separator: "\n")
    }

    /// Rows of label/value pairs, labels padded to one column.
    public static func table(_ rows: [(String, String)], indent: String = "  ") -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            indent + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
        }.joined(separator: "\n")
    }

    /// The data's caveats ("Note: …", one a line) and its sources ("Sources: …"), for the head of a
    /// summary; nothing for a caveat-free run without credits.
    /// The notes on the data, then those on how the minutes were measured, then the sources.
    public static func notes(_ notes: DataNotes, travel: TravelNotes? = nil) -> [String] {
        (notes.caveats + (travel?.lines ?? [])).map { "Note: " + $0 } + (notes.credits.isEmpty ? [] : ["Sources: " + notes.credits])
    }
}
