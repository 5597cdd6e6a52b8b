import Foundation

/// The field separator of a CSV file.
public enum CSVDelimiter: String, Sendable, CaseIterable {
    /// `,`, the RFC 4180 separator.
    case comma = ","
    /// `;`, written by spreadsheet programs where the comma is the decimal separator.
    case semicolon = ";"
    /// A tab character (TSV files).
    case tab = "\t"

    /// The delimiter named on a command line: `,` or `comma`, `;` or `semicolon`, `tab` or a tab character.
    public init?(argument: String) {
        switch argument.lowercased() {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "\t", "tab", "\\t": self = .tab
        default: return nil
        }
    }

    package var byte: UInt8 {
        switch self {
        case .comma: UInt8(ascii: ",")
        case .semicolon: UInt8(ascii: ";")
        case .tab: 0x09
        }
    }

    /// A name for messages: "comma", "semicolon", "tab".
    public var name: String {
        switch self {
        case .comma: "comma"
        case .semicolon: "semicolon"
        case .tab: "tab"
        }
    }
}

/// A CSV file (RFC 4180) read into memory: its header and its rows, each row with the line of
/// the file it starts on.
///
/// Reading is strict, because a planner's table with a stray quote or a Latin-1 export should
/// stop with a message that says where, not load shifted columns or mojibake:
/// - the text must be UTF-8 (a byte-order mark is skipped); any other encoding is an error
///   naming the line and the first offending byte;
/// - fields may be quoted, with `""` for a quote and with delimiters and line breaks inside;
///   text after a closing quote, and a quote that never closes, are errors;
/// - lines end with LF or CRLF (a lone CR counts as a line break too);
/// - the first record is the header: every column needs a name, and names must be distinct;
/// - every row has as many fields as the header; blank lines are skipped.
///
/// Hand-written rather than taken from a package: we need line-located errors and a strict
/// encoding check, which the CSV readers we could use do not give.
///
/// A value type, `Sendable`. Errors are ``InputError``s located by line (1-based, the header
/// being line 1).
public struct CSVTable: Sendable {
    /// A data row: the fields in header order and the line the row starts on (1-based).
    public struct Row: Sendable, Equatable {
        /// The line of the file the row starts on; a quoted line break inside an earlier row
        /// makes the next row start on a later line.
        public let line: Int
        /// The fields, in header order.
        public let fields: [String]

        /// A row that starts on `line` with `fields`.
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The path as given, for messages.
    public let file: String
    /// The column names, trimmed of surrounding white space.
    public let header: [String]
    /// The data rows, in file order.
    public let rows: [Row]
    /// The field separator the table was read with.
    public let delimiter: CSVDelimiter
    /// The size and SHA-256 of the bytes parsed.
    public let checksum: FileChecksum

    /// Reads the CSV file at `path`.
    /// - Throws: ``InputError`` when the file cannot be read or is not a well-formed UTF-8 CSV.
    public static func read(path: String, delimiter: CSVDelimiter = .comma) throws -> CSVTable {
        try parse(InputFile.read(path: path), delimiter: delimiter)
    }

    /// Reads the CSV document of `input`.
    /// - Throws: ``InputError`` located by line.
    public static func parse(_ input: InputFile, delimiter: CSVDelimiter = .comma) throws -> CSVTable {
        let (header, rows) = try input.bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer, file: input.path, delimiter: delimiter.byte)
            return try scanner.table()
        }
        return CSVTable(file: input.path, header: header, rows: rows, delimiter: delimiter, checksum: input.checksum)
    }

    /// Reads a CSV document held in memory; `file` names it in messages.
    /// - Throws: ``InputError`` located by line.
    public static func parse(_ bytes: [UInt8], file: String, delimiter: CSVDelimiter = .comma) throws -> CSVTable {
        try parse(InputFile(path: file, bytes: bytes), delimiter: delimiter)
    }

    /// The index of the column named `name`: an exact match, else the only match ignoring case.
    public func columnIndex(_ name: String) -> Int? {
        if let exact = header.firstIndex(of: name) { return exact }
        let lowered = name.lowercased()
        let matches = header.indices.filter { header[$0].lowercased() == lowered }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The advice for a file in another encoding.
    package static let resaveAsUTF8 = "re-save it as UTF-8, e.g. as \"CSV UTF-8\" from a spreadsheet program"
}

/// The byte-level reader behind ``CSVTable``.
private struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let delimiter: UInt8
    var position = 0
    var line = 1

    static let quote = UInt8(ascii: "\"")
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A

    init(_ bytes: UnsafeBufferPointer<UInt8>, file: String, delimiter: UInt8) {
        self.bytes = bytes
        self.file = file
        self.delimiter = delimiter
    }

    mutating func table() throws -> (header: [String], rows: [CSVTable.Row]) {
        try checkEncoding()
        var header: [String]?
        var headerColumnCount = 0
        var rows: [CSVTable.Row] = []
        while let (startLine, fields) = try record() {
            if fields.count == 1 && fields[0].isEmpty { continue }  // a blank line
            guard header != nil else {
                header = try checkedHeader(fields, line: startLine)
                headerColumnCount = fields.count
                continue
            }
            guard fields.count == headerColumnCount else {
                throw InputError(
                    file: file, location: .line(startLine),
                    reason: "expected \(headerColumnCount) fields as in the header, found \(fields.count)",
                    suggestion: fields.count == 1 && headerColumnCount > 1 && delimiter == UInt8(ascii: ",")
                        ? "is the file separated by semicolons or tabs? pass the delimiter" : nil)
            }
            rows.append(CSVTable.Row(line: startLine, fields: fields))
        }
        guard let header else {
            if bytes.count == 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                throw InputError(file: file, reason: "the file is empty apart from a UTF-8 byte-order mark (expected a header row)")
            }
            throw InputError(file: file, reason: "the file has no header row (it holds only blank lines)")
        }
        return (header, rows)
    }

    // MARK: encoding

    /// Skips a UTF-8 byte-order mark and refuses anything that is not UTF-8 text.
    mutating func checkEncoding() throws {
        if bytes.isEmpty { throw InputError(file: file, reason: "the file is empty (expected a header row)") }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw InputError(file: file, reason: "the file is UTF-16 text, not UTF-8", suggestion: CSVTable.resaveAsUTF8)
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        guard let bad = Self.firstNonTextByte(bytes, from: position) else { return }
        var badLine = 1
        var lineStart = 0
        for index in 0..<bad where bytes[index] == Self.lf {
            badLine += 1
            lineStart = index + 1
        }
        let column = bad - lineStart + 1
        let byte = String(format: "0x%02X", bytes[bad])
        if bytes[bad] == 0 {
            throw InputError(
                file: file, location: .line(badLine),
                reason: "the file is not UTF-8 text: it holds a NUL byte (0x00) at column \(column), so it is binary data, not a CSV table")
        }
        throw InputError(
            file: file, location: .line(badLine),
            reason: "the file is not UTF-8: byte \(byte) at column \(column) is not valid UTF-8 (the file may be Latin-1 or Windows-1252)",
            suggestion: CSVTable.resaveAsUTF8)
    }

    /// The offset of the first byte that makes the text invalid UTF-8 (or a NUL), if any.
    static func firstNonTextByte(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                if lead == 0 { return index }
                index += 1
                continue
            }
            let length: Int
            var secondLow: UInt8 = 0x80, secondHigh: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                secondLow = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                secondHigh = 0x9F
            case 0xF0:
                length = 4
                secondLow = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                secondHigh = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            guard (secondLow...secondHigh).contains(bytes[index + 1]) else { return index }
            for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return index }
            index += length
        }
        return nil
    }

    // MARK: records

    /// The next record and the line it starts on, or nil at the end of the file.
    mutating func record() throws -> (Int, [String])? {
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        while true {
            fields.append(try field(index: fields.count + 1))
            guard position < bytes.count else { return (startLine, fields) }
            let byte = bytes[position]
            if byte == delimiter {
                position += 1
                continue
            }
            // A line break ends the record.
            consumeLineBreak()
            return (startLine, fields)
        }
    }

    /// Reads one field, leaving the position on the delimiter, the line break or the end.
    mutating func field(index: Int) throws -> String {
        guard position < bytes.count, bytes[position] == Self.quote else {
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == delimiter || byte == Self.lf || byte == Self.cr { break }
                position += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }
        let openingLine = line
        position += 1
        var text: [UInt8] = []
        var segmentStart = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                text.append(contentsOf: bytes[segmentStart..<position])
                if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                    text.append(Self.quote)
                    position += 2
                    segmentStart = position
                    continue
                }
                position += 1  // closing quote
                if position < bytes.count {
                    let next = bytes[position]
                    guard next == delimiter || next == Self.lf || next == Self.cr else {
                        throw InputError(
                            file: file, location: .line(line),
                            reason: "unexpected text after the closing quote of field \(index)",
                            suggestion: "inside a quoted field, write each quote as \"\"")
                    }
                }
                return String(decoding: text, as: UTF8.self)
            }
            if byte == Self.lf || (byte == Self.cr && (position + 1 >= bytes.count || bytes[position + 1] != Self.lf)) {
                line += 1
            }
            position += 1
        }
        throw InputError(
            file: file, location: .line(openingLine),
            reason: "unterminated quoted field: the quote that opens field \(index) never closes",
            suggestion: "close the quote; inside a quoted field, write each quote as \"\"")
    }

    /// Moves past one LF, CRLF or CR and counts the line.
    mutating func consumeLineBreak() {
        if bytes[position] == Self.cr, position + 1 < bytes.count, bytes[position + 1] == Self.lf { position += 1 }
        position += 1
        line += 1
    }

    // MARK: header

    func checkedHeader(_ fields: [String], line headerLine: Int) throws -> [String] {
        let names = fields.map { $0.trimmingBlanks }
        var seen: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            guard !name.isEmpty else {
                throw InputError(
                    file: file, location: .line(headerLine), reason: "column \(index + 1) of the header has no name",
                    suggestion: "every column needs a name in the first row")
            }
            if let earlier = seen[name] {
                throw InputError(
                    file: file, location: .line(headerLine),
                    reason: "duplicate column name \"\(name)\" (columns \(earlier + 1) and \(index + 1))",
                    suggestion: "give each column a distinct name")
            }
            seen[name] = index
        }
        return names
    }
}
