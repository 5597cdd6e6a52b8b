import Foundation

/// Writes tables as RFC 4180 CSV: a header row, fields quoted only when they must be (comma,
/// quote, line break), quotes doubled, CRLF-free (LF line ends), UTF-8 without a byte-order mark.
public enum CSVWriter {
    /// The CSV text of `rows` under `header`; each row has one value per header column, nil
    /// written as an empty field.
    public static func text(header: [String], rows: [[String?]]) -> String {
        var lines = [header.map(field).joined(separator: ",")]
        lines.reserveCapacity(rows.count + 1)
        for row in rows { lines.append(row.map { $0.map(field) ?? "" }.joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The CSV text of JSON rows: the header is the first row's keys; strings as they are,
    /// numbers as JSON writes them, booleans `true`/`false`, arrays joined with `;`, null empty.
    public static func text(rows: [JSONObject]) -> String {
        let header = rows.first?.keys ?? []
        return text(header: header, rows: rows.map { row in header.map { cell(row[$0]) } })
    }

    /// Writes `rows` (see ``text(rows:)``) atomically to `path`.
    public static func write(rows: [JSONObject], to path: String) throws {
        try AtomicFile.write(text(rows: rows), to: path)
    }

    static func cell(_ value: JSONValue?) -> String? {
        switch value {
        case nil, .null?: nil
        case .string(let text)?: text
        case .bool(let flag)?: flag ? "true" : "false"
        case .number?: value!.brief
        case .array(let values)?: values.compactMap { cell($0) }.joined(separator: ";")
        case .object?: (try? value!.jsonText()) ?? ""
        }
    }

    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
