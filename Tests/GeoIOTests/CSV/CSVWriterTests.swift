import GeoIO
import TestSupport
import Testing

@Suite("CSVWriter")
struct CSVWriterTests {
    @Test func quotesOnlyWhatMustBeQuoted() {
        let text = CSVWriter.text(header: ["a", "b,c", "d"], rows: [["plain", "has \"quotes\"", nil], ["line\nbreak", "", "ລາວ"]])
        #expect(text == "a,\"b,c\",d\nplain,\"has \"\"quotes\"\"\",\n\"line\nbreak\",,ລາວ\n")
    }

    @Test func jsonRowsBecomeCells() {
        let rows = [
            JSONObject([
                ("id", .string("HC-1")), ("n", .number(12)), ("x", .number(0.5)), ("ok", .bool(true)),
                ("services", .array([.string("epi"), .string("delivery")])), ("none", .null),
            ])
        ]
        #expect(CSVWriter.text(rows: rows) == "id,n,x,ok,services,none\nHC-1,12,0.5,true,epi;delivery,\n")
        #expect(CSVWriter.text(rows: []) == "\n")
    }

    @Test func rowsWithTheirKeysInAnotherOrderOrMissingAreLookedUp() {
        let rows = [
            JSONObject([("a", .number(1)), ("b", .string("x"))]),
            JSONObject([("b", .string("y")), ("a", .number(2.5))]),
            JSONObject([("a", .number(3))]),
            JSONObject([("c", .number(4)), ("a", .number(5)), ("b", .array([.string("p,q"), .null, .number(1)]))]),
        ]
        #expect(CSVWriter.text(rows: rows) == "a,b\n1,x\n2.5,y\n3,\n5,\"p,q;1\"\n")
    }

    @Test func aKeyTwiceInTheHeaderGivesTheFirstValueTwice() {
        let rows = [JSONObject([("a", .number(1)), ("a", .number(2))]), JSONObject([("a", .number(3)), ("a", .number(4))])]
        #expect(CSVWriter.text(rows: rows) == "a,a\n1,1\n3,3\n")
    }
}
