import Foundation
import TestSupport
import Testing

@testable import GeoIO

/// The parse error for `bytes`, or nil when they parse.
private func syntaxError(_ bytes: [UInt8]) -> JSONSyntaxError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

private func syntaxError(_ text: String) -> JSONSyntaxError? {
    syntaxError(Array(text.utf8))
}

@Suite("JSONParser: values")
struct JSONParserValueTests {
    @Test func literals() throws {
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
        #expect(try JSONParser.parse(" \t\r\n true \n") == .bool(true))
    }

    @Test func strings() throws {
        #expect(try JSONParser.parse(#""""#) == .string(""))
        #expect(try JSONParser.parse(#""Pakxan""#) == .string("Pakxan"))
        // Raw UTF-8 (Lao script, 3 bytes per character) passes through unchanged.
        #expect(try JSONParser.parse("\"ບໍລິຄຳໄຊ\"") == .string("ບໍລິຄຳໄຊ"))
    }

    @Test func simpleEscapes() throws {
        #expect(try JSONParser.parse(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{08} \u{0C} \n \r \t"))
    }

    @Test func unicodeEscapes() throws {
        #expect(try JSONParser.parse(#""\u0041\u00e9\u00E9""#) == .string("Aéé"))
        #expect(try JSONParser.parse(#""\u0ea5\u0eB2\u0ea7""#) == .string("ລາວ"))  // Lao, mixed-case hex
        #expect(try JSONParser.parse(#""a\u0000b""#) == .string("a\u{0}b"))
    }

    @Test func surrogatePairs() throws {
        // U+1F3E5 HOSPITAL = D83C DFE5; U+1D11E MUSICAL SYMBOL G CLEF = D834 DD1E.
        #expect(try JSONParser.parse(#""\uD83C\uDFE5""#) == .string("\u{1F3E5}"))
        #expect(try JSONParser.parse(#""x\ud834\udd1ey""#) == .string("x\u{1D11E}y"))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8)) == .object(JSONObject([("a", .number(1))])))
        // A BOM anywhere else is not whitespace.
        let error = try #require(syntaxError([0x20, 0xEF, 0xBB, 0xBF] + Array("1".utf8)))
        #expect(error.column == 2)
        #expect(error.reason == "unexpected byte 0xEF (expected a value)")
    }

    @Test(arguments: [
        ("0", 0.0), ("-0", 0.0), ("7", 7.0), ("-12", -12.0), ("0.1", 0.1), ("-0.5", -0.5),
        ("102.82311001100004", 102.82311001100004), ("1e3", 1000.0), ("1E+3", 1000.0), ("25e-1", 2.5),
        ("-1.5e-3", -0.0015), ("1e-400", 0.0),
        ("999999999999999", 999_999_999_999_999.0),  // 15 digits: the fast integer path
        ("-99999999999999", -99_999_999_999_999.0),  // 15 characters with the sign
        ("1234567890123456", 1_234_567_890_123_456.0),  // 16 digits: the general path
        ("12345678901234567890", 12_345_678_901_234_567_890.0),
        ("9007199254740993", 9_007_199_254_740_992.0),  // 2^53 + 1 rounds to even
        ("1.7976931348623157e308", Double.greatestFiniteMagnitude),
    ])
    func numbers(text: String, expected: Double) throws {
        // Exact comparison on purpose: a decimal literal has one correctly rounded double.
        let value = try #require(try JSONParser.parse(text).numberValue)
        #expect(value == expected, "\(text)")
    }

    @Test func arraysKeepOrderAndNest() throws {
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("[ ]") == .array([]))
        #expect(
            try JSONParser.parse(#"[1, "two", [3, [null]], {}, false]"#)
                == .array([.number(1), .string("two"), .array([.number(3), .array([.null])]), .object(JSONObject()), .bool(false)]))
    }

    @Test func objectsKeepMemberOrder() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": {"b": [true]}, "m": null}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["z", "a", "m"])
        #expect(object["z"] == .number(1))
        #expect(object["a"] == .object(JSONObject([("b", .array([.bool(true)]))])))
        #expect(object["m"] == .null)
        #expect(object["absent"] == nil)
        #expect(try JSONParser.parse("{ }") == .object(JSONObject()))
    }

    @Test func escapedMemberNamesAreComparedDecoded() throws {
        // "\u0061" is "a": the same member name twice.
        let error = try #require(syntaxError(#"{"a": 1, "\u0061": 2}"#))
        #expect(error.reason == "duplicate member name \"a\"")
        #expect(error.column == 10)
    }

    @Test func nestingAtTheLimitIsAccepted() throws {
        let depth = JSONParser.maximumDepth
        #expect(depth == 512)
        var value = try JSONParser.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        var levels = 0
        while let inner = value.arrayValue {
            levels += 1
            value = inner.first ?? .null
        }
        #expect(levels == 512)
    }
}

/// One malformed document and where and why it must fail.
struct MalformedJSON: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let line: Int
    let column: Int
    let reason: String

    init(_ name: String, _ text: String, _ line: Int, _ column: Int, _ reason: String) {
        self.init(name, Array(text.utf8), line, column, reason)
    }

    init(_ name: String, _ bytes: [UInt8], _ line: Int, _ column: Int, _ reason: String) {
        self.name = name
        self.bytes = bytes
        self.line = line
        self.column = column
        self.reason = reason
    }

    var testDescription: String { name }

    static let all: [MalformedJSON] = [
        MalformedJSON("truncated object", #"{"a": [1, 2"#, 1, 12, "unexpected end of file (expected ',' or ']' in an array)"),
        MalformedJSON("truncated after a member name", "{\n  \"type\"", 2, 9, "unexpected end of file (expected ':' after member name)"),
        MalformedJSON("truncated on a later line", "{\n  \"features\": [\n", 3, 1, "unexpected end of file (expected a value)"),
        MalformedJSON("truncated literal", "[nul", 1, 2, "unexpected 'n' (expected null)"),
        MalformedJSON("empty file", "", 1, 1, "the document is empty (expected a JSON value)"),
        MalformedJSON("whitespace only", "  \n\t", 2, 2, "the document is empty (expected a JSON value)"),
        MalformedJSON("BOM only", [0xEF, 0xBB, 0xBF], 1, 1, "the document is empty (expected a JSON value)"),
        MalformedJSON("trailing comma in an array", "[1, 2,]", 1, 7, "unexpected ']' (expected a value)"),
        MalformedJSON("trailing comma in an object", "{\"a\": 1,\n}", 2, 1, "unexpected '}' (expected a quoted member name)"),
        MalformedJSON("missing colon", #"{"a" 1}"#, 1, 6, "unexpected '1' (expected ':' after member name)"),
        MalformedJSON("missing comma", "[1 2]", 1, 4, "unexpected '2' (expected ',' or ']' in an array)"),
        MalformedJSON("unquoted member name", "{a: 1}", 1, 2, "unexpected 'a' (expected a quoted member name)"),
        MalformedJSON("single quotes", "['a']", 1, 2, "unexpected ''' (expected a value)"),
        MalformedJSON("unterminated string", "[\"abc", 1, 2, "unterminated string"),
        MalformedJSON("newline in a string", "{\"name\": \"Pak\nxan\"}", 1, 14, "control character byte 0x0A inside a string (escape it)"),
        MalformedJSON("tab in a string", "[\"a\tb\"]", 1, 4, "control character byte 0x09 inside a string (escape it)"),
        MalformedJSON("invalid escape", #"["a\x"]"#, 1, 5, #"invalid escape sequence \x"#),
        MalformedJSON("escape at end of file", #"["\"#, 1, 4, "unexpected end of file in an escape sequence"),
        MalformedJSON("short unicode escape", #"["\u12"]"#, 1, 7, #"\u escape needs four hexadecimal digits"#),
        MalformedJSON("unicode escape at end of file", #"["\u12"#, 1, 5, #"unexpected end of file in a \u escape"#),
        MalformedJSON("lone high surrogate", #"["ab\uD83C"]"#, 1, 5, #"a high surrogate \u escape must be followed by a low surrogate"#),
        MalformedJSON("high surrogate then a letter escape", #"["\uD83C\n"]"#, 1, 3, #"a high surrogate \u escape must be followed by a low surrogate"#),
        MalformedJSON("high surrogate then a non-surrogate", #"["\uD83C\u0041"]"#, 1, 9, #"invalid low surrogate in \u escape"#),
        MalformedJSON("lone low surrogate", #"["\uDFE5"]"#, 1, 3, #"a lone low surrogate in a \u escape"#),
        MalformedJSON("leading zero", "[01]", 1, 2, "leading zeros are not allowed in JSON numbers"),
        MalformedJSON("negative leading zero", "{\"x\": -007}", 1, 7, "leading zeros are not allowed in JSON numbers"),
        MalformedJSON("NaN", "[1, NaN]", 1, 5, "NaN and Infinity are not valid JSON numbers"),
        MalformedJSON("Infinity", "[Infinity]", 1, 2, "NaN and Infinity are not valid JSON numbers"),
        MalformedJSON("negative Infinity", "[1,\n -Infinity]", 2, 2, "NaN and Infinity are not valid JSON numbers"),
        MalformedJSON("minus without digits", "[-]", 1, 2, "a number needs digits"),
        MalformedJSON("decimal point without digits", "[1.]", 1, 4, "a digit must follow the decimal point"),
        MalformedJSON("exponent without digits", "[1e+]", 1, 5, "an exponent needs digits"),
        MalformedJSON("leading decimal point", "[.5]", 1, 2, "unexpected '.' (expected a value)"),
        MalformedJSON("plus sign", "[+1]", 1, 2, "unexpected '+' (expected a value)"),
        MalformedJSON("number too large", "[1, 1e400]", 1, 5, "the number 1e400 is too large for a double"),
        MalformedJSON("negative number too large", "[-2e308]", 1, 2, "the number -2e308 is too large for a double"),
        MalformedJSON("duplicate member name", "{\"a\": 1,\n \"b\": 2,\n \"a\": 3}", 3, 2, "duplicate member name \"a\""),
        MalformedJSON(
            "nesting deeper than 512", String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
            1, 513, "nesting deeper than 512 levels"),
        MalformedJSON(
            "nested objects deeper than 512", String(repeating: #"{"a":"#, count: 513) + "1" + String(repeating: "}", count: 513),
            1, 2561, "nesting deeper than 512 levels"),
        MalformedJSON("garbage after the value", "{}\n x", 2, 2, "unexpected 'x' after the end of the JSON value"),
        MalformedJSON("second value", "[1] [2]", 1, 5, "unexpected '[' after the end of the JSON value"),
        MalformedJSON("NUL after the value", [0x31, 0x00], 1, 2, "unexpected byte 0x00 after the end of the JSON value"),
        // Invalid UTF-8 is located at the first bad byte of the string.
        MalformedJSON(
            "invalid UTF-8 in a string", Array(#"{"name": "Pak"#.utf8) + [0xFF] + Array(#"san"}"#.utf8),
            1, 14, "invalid UTF-8 byte 0xFF in a string (the file must be UTF-8)"),
        MalformedJSON(
            "Latin-1 é in a string", Array("[\"ok\",\n \"Caf".utf8) + [0xE9] + Array("\"]".utf8),
            2, 6, "invalid UTF-8 byte 0xE9 in a string (the file must be UTF-8)"),
        MalformedJSON(
            "truncated 3-byte sequence", Array(#"["ລ"#.utf8) + [0xE0, 0xBA] + Array(#""]"#.utf8),
            1, 4, "invalid UTF-8 byte 0xE0 in a string (the file must be UTF-8)"),
        MalformedJSON(
            "UTF-16 surrogate encoded in UTF-8", Array(#"[""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""]"#.utf8),
            1, 3, "invalid UTF-8 byte 0xED in a string (the file must be UTF-8)"),
        MalformedJSON(
            "invalid UTF-8 in a member name", Array(#"{"a":1, ""#.utf8) + [0xC0, 0xAF] + Array(#"": 2}"#.utf8),
            1, 10, "invalid UTF-8 byte 0xC0 in a string (the file must be UTF-8)"),
        MalformedJSON("invalid UTF-8 outside a string", [0x5B, 0xE9, 0x5D], 1, 2, "unexpected byte 0xE9 (expected a value)"),
        MalformedJSON("UTF-16 file", [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], 1, 1, "unexpected byte 0xFF (expected a value)"),
        MalformedJSON("capitalised literal", "[True]", 1, 2, "unexpected 'T' (expected a value)"),
        MalformedJSON("comment", "// layer\n{}", 1, 1, "unexpected '/' (expected a value)"),
    ]
}

@Suite("JSONParser: errors")
struct JSONParserErrorTests {
    @Test(arguments: MalformedJSON.all)
    func malformedDocumentFailsAtItsPosition(_ sample: MalformedJSON) throws {
        let error = try #require(syntaxError(sample.bytes), "\(sample.name) parsed")
        #expect(error.reason == sample.reason)
        #expect(error.line == sample.line, "line")
        #expect(error.column == sample.column, "column")
    }

    @Test func byteOffsetCountsEveryByteBeforeTheError() throws {
        // Lao characters are 3 bytes each; the column counts bytes, as documented.
        let text = "{\"n\": \"ລາວ\",\n  \"n\": 1}"
        let error = try #require(syntaxError(text))
        #expect(error.line == 2)
        #expect(error.column == 3)
        #expect(error.byteOffset == 7 + 9 + 2 + 3)  // {"n": " + 3 Lao characters + ", + newline, 2 spaces
    }

    @Test func millionOpeningBracketsDoNotCrash() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        let error = try #require(syntaxError(bytes))
        #expect(error.reason == "nesting deeper than 512 levels")
        #expect(error.line == 1)
        #expect(error.column == 513)
    }

    @Test func hundredMegabytesOfGarbageFailFast() throws {
        // Seeded garbage; the first byte is forced to one that cannot start a JSON value, and a
        // second buffer starts like a FeatureCollection so that the parser has to go inside.
        var generator = SplitMix64(seed: 0x00C0_FFEE)
        var garbage = [UInt8](repeating: 0, count: 100 * 1024 * 1024)
        garbage.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = generator.next() }
        }
        garbage[0] = 0x9C
        let clock = ContinuousClock()
        var error: JSONSyntaxError?
        let elapsed = clock.measure { error = syntaxError(garbage) }
        let first = try #require(error)
        #expect(first == JSONSyntaxError(line: 1, column: 1, byteOffset: 0, reason: "unexpected byte 0x9C (expected a value)"))

        let prefix = Array(#"{"type": "FeatureCollection", "features": ["#.utf8)
        garbage.replaceSubrange(0..<prefix.count, with: prefix)
        garbage[prefix.count] = 0x9C
        var second: JSONSyntaxError?
        let elapsedInside = clock.measure { second = syntaxError(garbage) }
        let inside = try #require(second)
        #expect(inside.line == 1)
        #expect(inside.column == prefix.count + 1)
        #expect(inside.reason == "unexpected byte 0x9C (expected a value)")
        // Informal: printed, not asserted.
        print("JSONParser on 100 MB of garbage: \(elapsed) (at the first byte), \(elapsedInside) (inside a FeatureCollection)")
    }
}

@Suite("JSONParser: limits")
struct JSONParserLimitTests {
    @Test func aNumberOfAHundredCharactersIsRead() throws {
        #expect(JSONParser.maximumNumberCharacters == 100)
        // 1 followed by 99 zeros: 10⁹⁹.
        #expect(try JSONParser.parse("[1" + String(repeating: "0", count: 99) + "]") == .array([.number(1e99)]))
        #expect(try JSONParser.parse("[0." + String(repeating: "0", count: 97) + "1]") == .array([.number(1e-98)]))
    }

    @Test func aLongerNumberIsRefusedAtItsStart() throws {
        let error = try #require(syntaxError("{\"a\":\n  [-1" + String(repeating: "0", count: 100) + "]}"))
        #expect(error.reason == "a number of 102 characters, more than the limit of 100")
        #expect(error.line == 2)
        #expect(error.column == 4)
    }

    @Test func aMillionDigitsAreRefusedQuicklyWithoutQuotingThem() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(syntaxError("[1" + String(repeating: "2", count: 999_999) + "]"))
        #expect(error.reason == "a number of 1,000,000 characters, more than the limit of 100")
        #expect(error.column == 2)
        #expect(clock.now - start < .seconds(2))
    }

    @Test func aHundredThousandLevelsAreRefusedOnAThreadOfItsOwn() throws {
        // Point layers are parsed on a thread of their own (BackgroundTask): 512 levels of the
        // recursive parser must fit a thread's stack, and the 513th is refused.
        let bytes = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        let error = try onNewThread { syntaxError(bytes) }
        #expect(error?.reason == "nesting deeper than 512 levels")
        #expect(error?.column == 513)
    }
}

@Suite("JSONParser: streaming a member")
struct JSONParserStreamingTests {
    @Test func elementsOfTheTopLevelMemberGoToTheClosureInOrder() throws {
        var seen: [(Int, JSONValue)] = []
        let root = try JSONParser.parse(
            Array(#"{"type": "FeatureCollection", "features": [1, {"a": [2]}, "x"], "after": true}"#.utf8), streaming: "features"
        ) { seen.append(($0, $1)) }
        #expect(seen.map(\.0) == [0, 1, 2])
        #expect(seen.map(\.1) == [.number(1), .object(JSONObject([("a", .array([.number(2)]))])), .string("x")])
        #expect(
            root
                == .object(
                    JSONObject([("type", .string("FeatureCollection")), ("features", .array([])), ("after", .bool(true))])))
    }

    @Test func aNestedMemberOfTheNameOrANonArrayIsParsedAsUsual() throws {
        var count = 0
        let nested = try JSONParser.parse(Array(#"{"meta": {"features": [1, 2]}}"#.utf8), streaming: "features") { _, _ in count += 1 }
        #expect(count == 0)
        #expect(nested.objectValue?["meta"]?.objectValue?["features"] == .array([.number(1), .number(2)]))
        let object = try JSONParser.parse(Array(#"{"features": {"a": 1}}"#.utf8), streaming: "features") { _, _ in count += 1 }
        #expect(count == 0)
        #expect(object.objectValue?["features"]?.objectValue?["a"] == .number(1))
    }

    @Test func errorsAreLocatedAsWithoutStreaming() throws {
        let text = "{\"features\": [\n  {\"a\": 1},\n  {\"a\": 1,}\n]}"
        var count = 0
        do {
            _ = try JSONParser.parse(Array(text.utf8), streaming: "features") { _, _ in count += 1 }
            Issue.record("parsed")
        } catch {
            #expect(error == syntaxError(text))
            #expect(error.line == 3)
            #expect(error.column == 11)
        }
        #expect(count == 1)
    }
}
