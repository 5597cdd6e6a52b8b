import Foundation

/// Writes tables as RFC 4180 CSV: a header row, fields quoted only when they must be (comma,
/// quote, line break), quotes doubled, CRLF-free (LF line ends), UTF-8 without a byte-order mark
/// (the files the commands write may start with ``byteOrderMark``: `[OutputFile].write(to:csvByteOrderMark:)`).
///
/// The text is made as bytes in one buffer: the assignment table has hundreds of thousands of
/// fields.
public enum CSVWriter {
    /// The UTF-8 byte-order mark, EF BB BF. Excel takes a CSV file without it for the
    /// computer's legacy code page (Windows-1252 on most), so Lao names open garbled; with it,
    /// as UTF-8. LibreOffice, pandas, GDAL and the toolkit's own CSV reader accept either.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The CSV text of `rows` under `header`; each row has one value per header column, nil
    /// written as an empty field.
    public static func text(header: [String], rows: [[String?]]) -> String {
        var bytes: [UInt8] = []
        appendRecord(header, to: &bytes)
        for row in rows {
            for (column, value) in row.enumerated() {
                if column > 0 { bytes.append(UInt8(ascii: ",")) }
                if let value { appendField(value, to: &bytes) }
            }
            bytes.append(0x0A)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The CSV text of JSON rows: the header is the first row's keys; strings as they are,
    /// numbers as JSON writes them, booleans `true`/`false`, arrays joined with `;`, null empty.
    public static func text(rows: [JSONObject]) -> String {
        String(decoding: bytes(rows: rows), as: UTF8.self)
    }

    /// Writes `rows` (see ``text(rows:)``) atomically to `path`.
    public static func write(rows: [JSONObject], to path: String) throws {
        try AtomicFile.write(bytes(rows: rows), to: path)
    }

    /// The UTF-8 bytes of ``text(rows:)``.
    package static func bytes(rows: [JSONObject]) -> [UInt8] {
        var sink = ByteSink()
        sink.bytes.reserveCapacity(rows.count * (rows.first?.count ?? 0) * 8)
        table(count: rows.count, to: &sink) { rows[$0] }
        return sink.bytes
    }

    /// Writes the table of `count` JSON rows (see ``text(rows:)``) into `sink`, each made by
    /// `row(i)` just before it is written, so that the rows of a large table are never all held
    /// at once. The header is `header`, else the first row's keys.
    package static func table(header: [String]? = nil, count: Int, to sink: inout ByteSink, _ row: (Int) -> JSONObject) {
        let first = count > 0 ? row(0) : nil
        let header = header ?? first?.keys ?? []
        // The rows of a table hold the header's keys in its order, so a column's value is the
        // member at the column's position; a row that differs is looked up by key. With a key
        // twice in the header, a lookup finds the first, so every value is looked up.
        let positional = Set(header).count == header.count
        appendRecord(header, to: &sink.bytes)
        for index in 0..<count {
            let values = index == 0 ? first ?? row(0) : row(index)
            let members = values.members
            for (column, key) in header.enumerated() {
                if column > 0 { sink.bytes.append(UInt8(ascii: ",")) }
                if positional, column < members.count, members[column].key == key {
                    appendCell(members[column].value, to: &sink.bytes)
                } else {
                    appendCell(values[key], to: &sink.bytes)
                }
            }
            sink.bytes.append(0x0A)
            sink.flushIfFull()
        }
    }

    /// The field of a JSON value: as ``appendCell(_:to:)`` writes it, nil for an empty field.
    package static func cell(_ value: JSONValue?) -> String? {
        switch value {
        case nil, .null?: nil
        case .string(let text)?: text
        case .bool(let flag)?: flag ? "true" : "false"
        case .number?: value!.brief
        case .array(let values)?: values.compactMap { cell($0) }.joined(separator: ";")
        case .object?: (try? value!.jsonText()) ?? ""
        }
    }

    /// Appends the field of a JSON value (see ``cell(_:)``), quoted when it must be.
    private static func appendCell(_ value: JSONValue?, to bytes: inout [UInt8]) {
        switch value {
        case nil, .null?: break
        case .string(let text)?: appendField(text, to: &bytes)
        case .bool(let flag)?: bytes.append(utf8: flag ? "true" : "false")
        case .number(let number)?: appendNumber(number, to: &bytes)  // never needs quotes
        case .array?, .object?: if let text = cell(value) { appendField(text, to: &bytes) }
        }
    }

    /// A number as ``JSONValue/brief`` writes it: whole numbers below 10¹⁵ without a fraction,
    /// others in their shortest round-trip form.
    package static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        if value == value.rounded(), abs(value) < 1e15 {
            DecimalBytes.appendInteger(Int64(value), to: &bytes)
        } else {
            DecimalBytes.appendShortest(value, to: &bytes)
        }
    }

    private static func appendRecord(_ fields: [String], to bytes: inout [UInt8]) {
        for (column, field) in fields.enumerated() {
            if column > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(field, to: &bytes)
        }
        bytes.append(0x0A)
    }

    /// Appends `text`, quoted when it holds a comma, a quote or a line break. Without such a byte
    /// it holds no such character and goes out as it is; otherwise ``quoted(_:)`` decides, by
    /// characters.
    private static func appendField(_ text: String, to bytes: inout [UInt8]) {
        if !bytes.appendUnlessAny(text, { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            bytes.append(utf8: quoted(text))
        }
    }

    /// `text` quoted with its quotes doubled when one of its characters is a comma, a quote or a
    /// line break; as it is otherwise (a `\r\n` pair is one character, neither `\r` nor `\n`).
    private static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
