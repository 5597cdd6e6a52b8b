import CoverageCore
import Testing

@Suite("CSVWriter")
struct CSVWriterTests {
    @Test func quotesOnlyWhatMustBeQuoted() {
        let text = CSVWriter.text(header: ["a", "b,c", "d"], rows: [["plain", "has \"quotes\"", nil], ["line\nbreak", "", "ລາວ"]])
        #expect(text == "a,\"b,c\",d\nplain,\"has \"\"quotes\"\"\",\n\"line\nbreak\",,ລາວ\n")
    }

    @Test func jsonRowsBecomeCells() {
        let rows = [JSONObject([("id", .string("HC-1")), ("n", .number(12)), ("x", .number(0.5)), ("ok", .bool(true)),
                                ("services", .array([.string("epi"), .string("delivery")])), ("none", .null)])]
        #expect(CSVWriter.text(rows: rows) == "id,n,x,ok,services,none\nHC-1,12,0.5,true,epi;delivery,\n")
        #expect(CSVWriter.text(rows: []) == "\n")
    }
}
