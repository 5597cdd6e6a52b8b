import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One absurd value planted in the good fixture layers (Tests/CoverageCoreTests/Fixtures/layers)
/// and what `coverage report` must say of it: refused (exit 65) at once, naming the file, the
/// place, the field, the size found and the limit, without writing anything.
struct AbsurdInput: Sendable, CustomTestStringConvertible {
    let name: String
    /// The file of the fixture folder changed.
    let file: String
    /// The text replaced, once, and what replaces it.
    let original: String
    let replacement: @Sendable () -> String
    /// What standard error must hold, given the changed file's text.
    let expected: @Sendable (String) -> [String]

    var testDescription: String { name }

    /// The 1-based line and column (in characters, as an editor counts them) of the first
    /// occurrence of `marker` in `text`.
    static func position(of marker: String, in text: String) -> String {
        let before = text[..<text.range(of: marker)!.lowerBound]
        let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
        return "\(lines.count):\(lines.last!.count + 1)"
    }

    static let all: [AbsurdInput] = [
        AbsurdInput(
            name: "a facility name of 1 MB", file: "facilities.geojson", original: #""name": "Eleven Provincial Hospital""#,
            replacement: { #""name": ""# + String(repeating: "N", count: 1 << 20) + #"""# },
            expected: { _ in
                ["facilities.geojson: feature 1 (PH-LA11): field name: a text of 1,048,576 characters, more than the limit of 1,000"]
            }),
        AbsurdInput(
            name: "a village name of 100,000 Lao characters", file: "villages.geojson", original: #""name": "B. One""#,
            replacement: { #""name": ""# + String(repeating: "ລ", count: 100_000) + #"""# },
            expected: { _ in ["villages.geojson: feature 0 (1101001): field name: a text of 100,000 characters, more than the limit of 1,000"] }),
        AbsurdInput(
            name: "a village code of 1,001 characters", file: "villages.geojson", original: #""village_code": "1101001""#,
            replacement: { #""village_code": ""# + String(repeating: "7", count: 1_001) + #"""# },
            expected: { _ in ["villages.geojson: feature 0: field village_code: a text of 1,001 characters, more than the limit of 1,000"] }),
        AbsurdInput(
            name: "a list of 1,000,000 services", file: "facilities.geojson", original: #""services": ["epi", "surgery"]"#,
            replacement: { #""services": ["# + Array(repeating: #""epi""#, count: 1_000_000).joined(separator: ",") + "]" },
            expected: { _ in ["facilities.geojson: feature 0 (CH-01): field services: a list of 1,000,000 entries, more than the limit of 100"] }),
        AbsurdInput(
            name: "a population of 1,000,001 digits", file: "villages.geojson", original: #""population": 1000,"#,
            replacement: { #""population": 1"# + String(repeating: "0", count: 1_000_000) + "," },
            expected: { text in
                ["villages.geojson:\(position(of: "10000000000", in: text)): not valid JSON: a number of 1,000,001 characters, more than the limit of 100"]
            }),
        AbsurdInput(
            name: "properties nested 100,000 deep", file: "villages.geojson", original: #""population_estimated": true}"#,
            replacement: { #""population_estimated": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}" },
            expected: { text in
                // The value sits 4 levels deep (the collection, the features, the feature, its
                // properties): its 509th bracket opens level 513, the one refused.
                let start = position(of: "[[[", in: text).split(separator: ":").map { Int($0)! }
                return ["villages.geojson:\(start[0]):\(start[1] + 508): not valid JSON: nesting deeper than 512 levels"]
            }),
        AbsurdInput(
            name: "a village point of 1,000,000 positions", file: "villages.geojson", original: #"{"type": "Point", "coordinates": [103.5, 18.5]}"#,
            replacement: { #"{"type": "MultiPoint", "coordinates": ["# + Array(repeating: "[103.5,18.5]", count: 1_000_000).joined(separator: ",") + "]}" },
            expected: { _ in ["villages.geojson: feature 0 (1101001): field geometry: expected one point for a village, found a MultiPoint of 1000000"] }),
        AbsurdInput(
            name: "a region name of 1 MB", file: "regions.json", original: #""name": "Eleven only""#,
            replacement: { #""name": ""# + String(repeating: "R", count: 1 << 20) + #"""# },
            expected: { _ in ["regions.json: field regions[1].name: a text of 1,048,576 characters, more than the limit of 1,000"] }),
    ]
}

/// Absurd inputs (finding 7 of issue 15): each is refused where it is read, fast and in little
/// memory, instead of being copied into every row of every output.
@Suite("absurd inputs")
struct AbsurdInputTests {
    /// A copy of the good fixture layers with the shipped standards, in a new temporary folder.
    static func fixtureCopy() throws -> URL {
        let folder = try temporaryDirectory()
        let data = folder.appendingPathComponent("data")
        try FileManager.default.copyItem(at: CoverageProcess.coreFixtures.appendingPathComponent("layers"), to: data)
        try FileManager.default.copyItem(
            at: Fixtures.shippedData.appendingPathComponent("standards.yaml"), to: data.appendingPathComponent("standards.yaml"))
        return folder
    }

    /// The largest peak resident memory of any child process this test process has waited for.
    static func largestChildPeakBytes() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(RUSAGE_CHILDREN.rawValue, &usage)
            return usage.ru_maxrss * 1024  // kilobytes on Linux
        #else
            getrusage(RUSAGE_CHILDREN, &usage)
            return usage.ru_maxrss  // bytes on macOS
        #endif
    }

    @Test(arguments: AbsurdInput.all)
    func isRefusedAtOnceWithALocatedError(_ sample: AbsurdInput) throws {
        let folder = try Self.fixtureCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data"), out = folder.appendingPathComponent("out")
        let path = data.appendingPathComponent(sample.file)
        let original = try String(contentsOf: path, encoding: .utf8)
        let range = try #require(original.range(of: sample.original), "the fixture no longer holds \(sample.original)")
        let changed = original.replacingCharacters(in: range, with: sample.replacement())
        try changed.write(to: path, atomically: false, encoding: .utf8)

        let run = try CoverageProcess.run(["report", "--data", data.path, "--out", out.path, "--travel", "straight"])
        #expect(!run.crashed, "\(run)")
        #expect(run.status == 65, "\(run.status)")
        for line in sample.expected(changed) {
            #expect(run.stderr.contains(line), "\(run.stderr.prefix(2_000))")
        }
        // The message quotes no part of the absurd value.
        #expect(run.stderr.utf8.count < 2_000, "\(run.stderr.utf8.count) bytes on standard error")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("villages_assigned.csv").path))
        // Before the limits, a facility name of 1 MB in the shipped data ran for minutes, filling
        // gigabytes. Generous: the debug binary, on a machine busy with the rest of the suite
        // (the 13 MB of the million positions take 4 s alone, 15 s in the whole suite).
        #expect(run.elapsed < .seconds(30), "\(run.elapsed)")
        #expect(Self.largestChildPeakBytes() < 1 << 30, "\(Self.largestChildPeakBytes()) bytes")
    }

    @Test func aNameAtTheLimitIsWrittenWhole() throws {
        let folder = try Self.fixtureCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data"), out = folder.appendingPathComponent("out")
        let path = data.appendingPathComponent("facilities.geojson")
        let name = String(repeating: "ລ", count: 1_000)
        let text = try String(contentsOf: path, encoding: .utf8)
            .replacingOccurrences(of: #""name": "Eleven Provincial Hospital""#, with: #""name": "\#(name)""#)
        try text.write(to: path, atomically: false, encoding: .utf8)

        let run = try CoverageProcess.run(["report", "--data", data.path, "--out", out.path, "--travel", "straight"])
        #expect(run.status == 0, "\(run)")
        let table = try String(contentsOf: out.appendingPathComponent("villages_assigned.csv"), encoding: .utf8)
        #expect(table.contains("," + name + ","))
    }
}
