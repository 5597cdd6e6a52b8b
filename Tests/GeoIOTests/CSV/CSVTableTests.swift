import Foundation
import TestSupport
import Testing

@testable import GeoIO

private func fixturePath(_ name: String) throws -> String {
    try Fixtures.url("import/\(name)", of: "CoverageCoreTests").path
}

private func parse(_ text: String, delimiter: CSVDelimiter = .comma) throws -> CSVTable {
    try CSVTable.parse(Array(text.utf8), file: "t.csv", delimiter: delimiter)
}

/// The InputError a parse throws, or nil when it does not throw.
private func parseError(_ bytes: [UInt8], delimiter: CSVDelimiter = .comma) -> InputError? {
    do {
        _ = try CSVTable.parse(bytes, file: "t.csv", delimiter: delimiter)
        return nil
    } catch let error as InputError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

@Suite struct CSVTableTests {
    @Test func readsQuotedFieldsAndLineNumbers() throws {
        let table = try CSVTable.read(path: try fixturePath("villages.csv"))
        #expect(
            table.header == [
                "village_code", "name", "district_pcode", "province_pcode", "population", "under5",
                "births_live", "women_15_49", "lon", "lat", "notes",
            ])
        // The quoted line break in the row of line 4 makes the next row start on line 6.
        #expect(table.rows.map(\.line) == [2, 3, 4, 6, 7])
        #expect(table.rows[1].fields[1] == "B. Phonhxai, upper")
        #expect(table.rows[1].fields[10] == "said \"big\" village")
        #expect(table.rows[2].fields[3] == "")
        #expect(table.rows[2].fields[10] == "two\nlines")
        #expect(table.rows[4].fields[1] == "ບ້ານປາກຊັນເໜືອ")
        #expect(table.rows.allSatisfy { $0.fields.count == 11 })
    }

    @Test func byteOrderMarkAndCRLFGiveTheSameRows() throws {
        let plain = try CSVTable.read(path: try fixturePath("villages.csv"))
        let windows = try CSVTable.read(path: try fixturePath("villages_bom_crlf.csv"))
        #expect(windows.header.first == "village_code")  // the BOM is not part of the first name
        #expect(windows.header[8] == "Longitude")
        #expect(windows.rows.map(\.line) == plain.rows.map(\.line))
        // The quoted line break keeps its CRLF; every other field is identical.
        #expect(windows.rows[2].fields[10] == "two\r\nlines")
        for (a, b) in zip(plain.rows, windows.rows) {
            #expect(Array(a.fields.prefix(10)) == Array(b.fields.prefix(10)))
        }
    }

    @Test func otherDelimitersAndLineEndings() throws {
        let semicolons = try parse("a;b\n\"1;5\";2\n", delimiter: .semicolon)
        #expect(semicolons.rows == [CSVTable.Row(line: 2, fields: ["1;5", "2"])])
        let tabs = try parse("a\tb\r\n1,5\t2", delimiter: .tab)
        #expect(tabs.rows == [CSVTable.Row(line: 2, fields: ["1,5", "2"])])
        let carriageReturns = try parse("a,b\r1,2\r3,4\r")
        #expect(carriageReturns.rows.map(\.line) == [2, 3])
        #expect(carriageReturns.rows[1].fields == ["3", "4"])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let table = try parse("\na,b\n\n1,2\n\r\n3,4")
        #expect(table.header == ["a", "b"])
        #expect(table.rows == [CSVTable.Row(line: 4, fields: ["1", "2"]), CSVTable.Row(line: 6, fields: ["3", "4"])])
    }

    @Test func emptyAndQuotedEmptyFields() throws {
        let table = try parse("a,b,c\n,\"\",\n\"\"\"\",x,\"y\"\"\"\n")
        #expect(table.rows[0].fields == ["", "", ""])
        #expect(table.rows[1].fields == ["\"", "x", "y\""])
    }

    @Test func headerNamesAreTrimmed() throws {
        let table = try parse(" lon , lat\n1,2\n")
        #expect(table.header == ["lon", "lat"])
    }

    @Test func columnIndexMatchesExactlyThenIgnoringCase() throws {
        let table = try parse("Lat,LON,lon,x\n1,2,3,4\n")
        #expect(table.columnIndex("lon") == 2)
        #expect(table.columnIndex("LON") == 1)
        #expect(table.columnIndex("lat") == 0)
        #expect(table.columnIndex("Lon") == nil)  // two columns match ignoring case
        #expect(table.columnIndex("X") == 3)
        #expect(table.columnIndex("y") == nil)
    }

    @Test func acceptsEveryUTF8Length() throws {
        // 2-byte (é), 3-byte (Lao), 4-byte (emoji) sequences.
        let table = try parse("name\nBan Nông\nບ້ານ\n🏥\n")
        #expect(table.rows.map { $0.fields[0] } == ["Ban Nông", "ບ້ານ", "🏥"])
    }

    @Test func delimiterArguments() {
        #expect(CSVDelimiter(argument: ",") == .comma)
        #expect(CSVDelimiter(argument: "Semicolon") == .semicolon)
        #expect(CSVDelimiter(argument: "tab") == .tab)
        #expect(CSVDelimiter(argument: "\t") == .tab)
        #expect(CSVDelimiter(argument: "|") == nil)
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let location: InputError.Location
        let reason: String
        var testDescription: String { name }
    }

    static let header = Array("a,b,c\n".utf8)

    static let badCases: [BadCase] = [
        BadCase(name: "empty", bytes: [], location: .file, reason: "the file is empty (expected a header row)"),
        BadCase(name: "BOM only", bytes: [0xEF, 0xBB, 0xBF], location: .file, reason: "empty apart from a UTF-8 byte-order mark"),
        BadCase(name: "blank lines only", bytes: Array("\n\r\n\n".utf8), location: .file, reason: "no header row"),
        BadCase(name: "too few fields", bytes: header + Array("1,2,3\n4,5\n".utf8), location: .line(3), reason: "expected 3 fields as in the header, found 2"),
        BadCase(name: "too many fields", bytes: header + Array("1,2,3,4\n".utf8), location: .line(2), reason: "expected 3 fields as in the header, found 4"),
        BadCase(name: "ragged after a quoted line break", bytes: header + Array("\"x\ny\",2,3\n4,5\n".utf8), location: .line(4), reason: "found 2"),
        BadCase(
            name: "unterminated quote", bytes: header + Array("1,2,3\n4,\"5,6\n7,8,9\n".utf8), location: .line(3),
            reason: "unterminated quoted field: the quote that opens field 2 never closes"),
        BadCase(
            name: "text after closing quote", bytes: header + Array("1,\"2\"x,3\n".utf8), location: .line(2),
            reason: "unexpected text after the closing quote of field 2"),
        BadCase(name: "duplicate column", bytes: Array("a,b,a\n1,2,3\n".utf8), location: .line(1), reason: "duplicate column name \"a\" (columns 1 and 3)"),
        BadCase(name: "unnamed column", bytes: Array("a, ,c\n1,2,3\n".utf8), location: .line(1), reason: "column 2 of the header has no name"),
        BadCase(
            name: "Latin-1", bytes: header + Array("1,2,3\n4,".utf8) + [0x42, 0x61, 0x6E, 0x20, 0x4E, 0xF4, 0x6E, 0x67] + Array(",6\n".utf8),
            location: .line(3), reason: "the file is not UTF-8: byte 0xF4 at column 8 is not valid UTF-8 (the file may be Latin-1 or Windows-1252)"),
        BadCase(name: "lone continuation byte", bytes: header + [0x80] + Array(",2,3\n".utf8), location: .line(2), reason: "byte 0x80 at column 1"),
        BadCase(name: "overlong encoding", bytes: header + [0x31, 0x2C, 0xC0, 0xAF, 0x2C, 0x33, 0x0A], location: .line(2), reason: "byte 0xC0 at column 3"),
        BadCase(
            name: "UTF-16 surrogate encoded in UTF-8", bytes: header + [0xED, 0xA0, 0x80] + Array(",2,3\n".utf8), location: .line(2),
            reason: "byte 0xED at column 1"),
        BadCase(name: "beyond U+10FFFF", bytes: header + [0xF4, 0x90, 0x80, 0x80] + Array(",2,3\n".utf8), location: .line(2), reason: "byte 0xF4 at column 1"),
        BadCase(
            name: "sequence cut by the end of file", bytes: header + Array("1,2,".utf8) + [0xE0, 0xBA], location: .line(2), reason: "byte 0xE0 at column 5"),
        BadCase(name: "UTF-16 text", bytes: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00], location: .file, reason: "the file is UTF-16 text, not UTF-8"),
        BadCase(name: "NUL byte", bytes: header + Array("1,2,3\n\n".utf8) + [0x34, 0x00], location: .line(4), reason: "NUL byte (0x00) at column 2"),
    ]

    @Test(arguments: badCases) func badInputIsALocatedError(_ bad: BadCase) throws {
        let error = try #require(parseError(bad.bytes))
        #expect(error.file == "t.csv")
        #expect(error.location == bad.location)
        #expect(error.reason.contains(bad.reason), "\(error.reason)")
    }

    @Test func encodingErrorsSuggestResavingAsUTF8() throws {
        let latin1 = try #require(parseError(Self.header + [0xE9, 0x0A]))
        #expect(latin1.suggestion?.contains("re-save it as UTF-8") == true)
        #expect(latin1.description.hasPrefix("t.csv: line 2: the file is not UTF-8"))
    }

    @Test func missingFileIsUnreadable() throws {
        do {
            _ = try CSVTable.read(path: "/nonexistent/villages.csv")
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.reason == "cannot be read: no such file")
        }
    }
}
