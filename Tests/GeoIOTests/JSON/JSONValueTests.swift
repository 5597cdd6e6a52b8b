import GeoIO
import TestSupport
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test func typeNamesReadAsEnglish() {
        #expect(JSONValue.null.typeName == "null")
        #expect(JSONValue.bool(true).typeName == "a boolean")
        #expect(JSONValue.number(1).typeName == "a number")
        #expect(JSONValue.string("x").typeName == "a string")
        #expect(JSONValue.array([]).typeName == "an array")
        #expect(JSONValue.object(JSONObject()).typeName == "an object")
    }

    @Test func accessorsAnswerOnlyForTheirKind() {
        #expect(JSONValue.string("LA11").stringValue == "LA11")
        #expect(JSONValue.number(3).stringValue == nil)
        #expect(JSONValue.number(2.5).numberValue == 2.5)
        #expect(JSONValue.string("2.5").numberValue == nil)
        #expect(JSONValue.bool(false).boolValue == false)
        #expect(JSONValue.null.boolValue == nil)
        #expect(JSONValue.array([.null]).arrayValue == [.null])
        #expect(JSONValue.object(JSONObject()).arrayValue == nil)
        #expect(JSONValue.object(JSONObject([("a", .null)])).objectValue?.keys == ["a"])
        #expect(JSONValue.null.isNull)
        #expect(!JSONValue.string("null").isNull)
    }

    @Test func briefRendering() {
        #expect(JSONValue.number(1101).brief == "1101")
        #expect(JSONValue.number(-3).brief == "-3")
        #expect(JSONValue.number(1.5).brief == "1.5")
        #expect(JSONValue.number(1e16).brief == "1e+16")
        #expect(JSONValue.number(12_345_678.5).brief == "12345678.5")
        #expect(JSONValue.string("LA1101").brief == "\"LA1101\"")
        #expect(JSONValue.bool(true).brief == "true")
        #expect(JSONValue.null.brief == "null")
        #expect(JSONValue.array([.null, .null, .null]).brief == "[3 items]")
        #expect(JSONValue.object(JSONObject([("a", .null)])).brief == "{1 members}")
    }

    @Test func objectEqualityDependsOnMemberOrder() {
        let ab = JSONObject([("a", .number(1)), ("b", .number(2))])
        let ba = JSONObject([("b", .number(2)), ("a", .number(1))])
        #expect(ab == JSONObject([("a", .number(1)), ("b", .number(2))]))
        #expect(ab != ba)
        #expect(ab != JSONObject([("a", .number(1)), ("b", .number(3))]))
        #expect(ab.count == 2)
        #expect(ab["b"] == .number(2))
    }
}
