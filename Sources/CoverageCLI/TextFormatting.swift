import Foundation

/// Number formatting for tables, independent of the machine's locale.
enum TextFormatting {
    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result += "," }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    /// `230412.345` with 1 place → `230,412.3`.
    static func grouped(_ value: Double, places: Int) -> String {
        let fixed = String(format: "%.\(places)f", value)
        let parts = fixed.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Int(parts[0]) ?? 0
        let sign = value < 0 && whole == 0 ? "-" : ""
        return sign + grouped(whole) + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A fixed-point number without grouping, for coordinates.
    static func fixed(_ value: Double, places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    /// Rows of label/value pairs, labels padded to one column.
    static func table(_ rows: [(String, String)], indent: String = "  ") -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            indent + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
        }.joined(separator: "\n")
    }
}
