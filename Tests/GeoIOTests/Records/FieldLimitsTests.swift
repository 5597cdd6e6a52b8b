import Foundation
import GeoIO
import Testing

/// A record of `villages.geojson`, feature 4, with `fields`.
private func record(_ fields: [(key: String, value: JSONValue)]) -> LayerRecord {
    LayerRecord(file: "villages.geojson", location: .feature(4), fields: JSONObject(fields), geometry: nil)
}

/// The error `body` throws about the record, or nil (with an issue) when it throws none.
private func refusal<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> InputError? {
    do {
        _ = try body()
        Issue.record("the value was accepted", sourceLocation: sourceLocation)
        return nil
    } catch let error as InputError {
        return error
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

@Suite("FieldLimits: record fields")
struct RecordFieldLimitTests {
    // "ລ" (U+0EA5) is one character of 3 UTF-8 bytes: the limit counts characters, not bytes.
    static let lao1000 = String(repeating: "ລ", count: 1_000)

    @Test func limitsAreAsDocumented() {
        #expect(FieldLimits.maximumTextCharacters == 1_000)
        #expect(FieldLimits.maximumListEntries == 100)
    }

    @Test func textAtTheLimitIsRead() throws {
        #expect(Self.lao1000.utf8.count == 3_000)
        #expect(try record([("name", .string(Self.lao1000))]).text("name") == Self.lao1000)
        // Blanks around a value count: the limit holds the text as written.
        #expect(try record([("name", .string(" " + String(repeating: "a", count: 998) + " "))]).text("name")?.count == 998)
    }

    @Test func textPastTheLimitIsALocatedError() {
        let error = refusal { try record([("name", .string(Self.lao1000 + "ລ"))]).text("name") }
        #expect(
            error
                == InputError(
                    file: "villages.geojson", location: .feature(4), field: "name",
                    reason: "a text of 1,001 characters, more than the limit of 1,000"))
    }

    @Test func aMegabyteNameIsRefusedQuickly() {
        let clock = ContinuousClock()
        let start = clock.now
        let error = refusal { try record([("name", .string(String(repeating: "N", count: 1 << 20)))]).text("name") }
        #expect(error?.reason == "a text of 1,048,576 characters, more than the limit of 1,000")
        #expect(clock.now - start < .seconds(2))
    }

    @Test func numbersAndFlagsWrittenAsLongTextAreRefusedBeforeParsing() {
        let digits = JSONValue.string(String(repeating: "9", count: 1_000_000))
        let reason = "a text of 1,000,000 characters, more than the limit of 1,000"
        #expect(refusal { try record([("population", digits)]).integer("population") }?.reason == reason)
        #expect(refusal { try record([("capacity", digits)]).number("capacity") }?.reason == reason)
        #expect(refusal { try record([("estimated", digits)]).boolean("estimated") }?.reason == reason)
        #expect(refusal { try record([("population", digits)]).integer("population") }?.field == "population")
    }

    @Test func listsAtTheLimitAreRead() throws {
        let array = JSONValue.array(Array(repeating: .string("epi"), count: 100))
        #expect(try record([("services", array)]).textList("services").count == 100)
        let text = JSONValue.string(Array(repeating: "epi", count: 100).joined(separator: ";"))
        #expect(try record([("services", text)]).textList("services").count == 100)
    }

    @Test func listsPastTheLimitAreRefusedWithTheirLength() {
        let array = JSONValue.array(Array(repeating: .string("epi"), count: 1_000_000))
        #expect(
            refusal { try record([("services", array)]).textList("services") }
                == InputError(
                    file: "villages.geojson", location: .feature(4), field: "services",
                    reason: "a list of 1,000,000 entries, more than the limit of 100"))
        let text = JSONValue.string(Array(repeating: "epi", count: 101).joined(separator: "|"))
        #expect(refusal { try record([("services", text)]).textList("services") }?.reason == "a list of 101 entries, more than the limit of 100")
    }

    @Test func aLongEntryOfAListIsLocatedAtItsIndex() {
        let long = String(repeating: "x", count: 1_001)
        let array = JSONValue.array([.string("epi"), .string("surgery"), .string(long)])
        #expect(refusal { try record([("services", array)]).textList("services") }?.field == "services[2]")
        let text = JSONValue.string("epi;" + long)
        #expect(
            refusal { try record([("services", text)]).textList("services") }
                == InputError(
                    file: "villages.geojson", location: .feature(4), field: "services[1]",
                    reason: "a text of 1,001 characters, more than the limit of 1,000"))
    }
}

@Suite("FieldLimits: YAML files")
struct YAMLFieldLimitTests {
    /// The root mapping's `key` node of the YAML `text`.
    static func node(_ text: String, _ key: String) throws -> YAMLNode {
        let root = try #require(try YAMLDocument.read(InputFile(path: "scenario.yaml", bytes: Array(text.utf8))))
        return try #require(root.mapping?[key])
    }

    @Test func aLongNameIsLocatedAtItsLine() throws {
        let reader = YAMLFieldReader(file: "scenario.yaml")
        let fine = try Self.node("kind: x\nname: \(String(repeating: "ລ", count: 1_000))\n", "name")
        #expect(try reader.text(fine, "name").count == 1_000)
        let long = try Self.node("kind: x\nname: \(String(repeating: "n", count: 100_000))\n", "name")
        #expect(
            refusal { try reader.text(long, "name") }
                == InputError(
                    file: "scenario.yaml", location: .position(line: 2, column: 7),
                    reason: "name is a text of 100,000 characters, more than the limit of 1,000"))
    }

    @Test func aLongListIsLocatedAtItsLine() throws {
        let reader = YAMLFieldReader(file: "scenario.yaml")
        let items = (0..<101).map { "\($0 + 1)" }.joined(separator: ", ")
        let list = try Self.node("kind: x\nmax_km: [\(items)]\n", "max_km")
        #expect(
            refusal { try reader.list(list) { try reader.positive($0, "max_km") } }
                == InputError(
                    file: "scenario.yaml", location: .position(line: 2, column: 9),
                    reason: "a list of 101 entries, more than the limit of 100"))
        let hundred = try Self.node("kind: x\nmax_km: [\((0..<100).map { "\($0 + 1)" }.joined(separator: ", "))]\n", "max_km")
        #expect(try reader.list(hundred) { try reader.positive($0, "max_km") }.count == 100)
    }
}
