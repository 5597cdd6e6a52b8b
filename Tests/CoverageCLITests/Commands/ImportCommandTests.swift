import CoverageCore
import Foundation
import GeoIO
import TestSupport
import Testing

/// Tests of `coverage import dhis2|csv`, run on the built `coverage` executable: exact output
/// for good input, and for each file of a corpus of bad input its message, a non-zero exit, no
/// crash, and no output written.
private enum ImportTestPaths {
    /// This target's fixtures (the target declares no resources: found from this file's path).
    static let fixtures = CoverageProcess.fixtures.appendingPathComponent("import")
    static let bad = fixtures.appendingPathComponent("bad")
    /// The checkout holding this file (its GeoData/laos is the default districts layer).
    static let repository = Fixtures.repository
    /// The reader fixtures of CoverageCoreTests, reused for the golden runs.
    static let coreFixtures = CoverageProcess.coreFixtures.appendingPathComponent("import")

    /// The `coverage` executable of the build that holds this test runner.
    static let executable: URL? = {
        var folders: [URL] = []
        if let runner = Bundle.main.executableURL { folders.append(runner.resolvingSymlinksInPath().deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        return folders.map { $0.appendingPathComponent("coverage") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}

/// What one run of the executable did.
private struct ImportRun {
    let status: Int32
    let exitedNormally: Bool
    let stdout: String
    let stderr: String
}

/// A fresh temporary directory for one test's output.
private struct ImportScratch {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("import-cli-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `coverage` with `arguments` in `directory`, output captured through files (no pipe can fill up).
private func runCoverage(_ arguments: [String], in directory: URL) throws -> ImportRun {
    let executable = try #require(ImportTestPaths.executable, "the coverage executable was not found beside the test runner; build with --build-tests")
    let capture = FileManager.default.temporaryDirectory.appendingPathComponent("import-cli-capture-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: capture) }
    let outURL = capture.appendingPathComponent("stdout"), errURL = capture.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return ImportRun(
        status: process.terminationStatus, exitedNormally: process.terminationReason == .exit,
        stdout: String(decoding: try InputFile.read(path: outURL.path).bytes, as: UTF8.self),
        stderr: String(decoding: try InputFile.read(path: errURL.path).bytes, as: UTF8.self))
}

/// One bad input: the command line (`OUT` stands for the output path), the exit status and the
/// messages standard error must hold.
struct BadImportCase: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let status: Int32
    let messages: [String]
    var testDescription: String { arguments.joined(separator: " ") }

    init(_ arguments: String, _ status: Int32 = 65, _ messages: String...) {
        self.arguments = arguments.split(separator: " ").map(String.init)
        self.status = status
        self.messages = messages
    }

    static func csv(_ file: String, _ messages: String..., layer: String = "villages", extra: String = "") -> BadImportCase {
        var arguments = "import csv \(file) --layer \(layer) --out OUT"
        if !extra.isEmpty { arguments += " " + extra }
        return BadImportCase(arguments: arguments.split(separator: " ").map(String.init), status: 65, messages: messages)
    }

    static func dhis2(_ file: String, _ messages: String..., extra: String = "") -> BadImportCase {
        BadImportCase(
            arguments: "import dhis2 \(file) --out OUT\(extra.isEmpty ? "" : " " + extra)".split(separator: " ").map(String.init),
            status: 65, messages: messages)
    }

    init(arguments: [String], status: Int32, messages: [String]) {
        self.arguments = arguments
        self.status = status
        self.messages = messages
    }
}

private let nothingWritten = "nothing was written to OUT"

/// The corpus of bad input in Fixtures/import/bad, each with what the user must be told.
let badImportCases: [BadImportCase] = [
    // CSV: encoding and structure
    .csv("empty.csv", "error: empty.csv: the file is empty (expected a header row)"),
    .csv("bom_only.csv", "error: bom_only.csv: the file is empty apart from a UTF-8 byte-order mark (expected a header row)"),
    .csv("blank_lines_only.csv", "error: blank_lines_only.csv: the file has no header row (it holds only blank lines)"),
    .csv(
        "latin1.csv", "error: latin1.csv: line 3: the file is not UTF-8: byte 0xF4 at column 13 is not valid UTF-8 (the file may be Latin-1 or Windows-1252)",
        "re-save it as UTF-8"),
    .csv("windows1252_quotes.csv", "error: windows1252_quotes.csv: line 3: the file is not UTF-8: byte 0x93 at column 9"),
    .csv("utf16.csv", "error: utf16.csv: the file is UTF-16 text, not UTF-8"),
    .csv("overlong_utf8.csv", "error: overlong_utf8.csv: line 3: the file is not UTF-8: byte 0xC0 at column 12"),
    .csv("truncated_utf8.csv", "error: truncated_utf8.csv: line 3: the file is not UTF-8: byte 0xE0 at column 12"),
    .csv("binary_nul.csv", "error: binary_nul.csv: line 2: the file is not UTF-8 text: it holds a NUL byte (0x00) at column 9"),
    .csv("ragged_short.csv", "error: ragged_short.csv: line 3: expected 10 fields as in the header, found 9"),
    .csv("ragged_long.csv", "error: ragged_long.csv: line 4: expected 10 fields as in the header, found 11"),
    .csv("unterminated_quote.csv", "error: unterminated_quote.csv: line 3: unterminated quoted field: the quote that opens field 2 never closes"),
    .csv("text_after_quote.csv", "error: text_after_quote.csv: line 2: unexpected text after the closing quote of field 2"),
    .csv("duplicate_header.csv", "error: duplicate_header.csv: line 1: duplicate column name \"population\" (columns 5 and 6)"),
    .csv("empty_header_name.csv", "error: empty_header_name.csv: line 1: column 3 of the header has no name"),
    .csv(
        "semicolons_as_comma.csv", "error: semicolons_as_comma.csv: line 1: no longitude column",
        "the header is one column: is the file separated by semicolons? pass the delimiter"),
    // CSV: coordinates
    .csv(
        "no_coordinate_columns.csv",
        "error: no_coordinate_columns.csv: line 1: no longitude column: expected one named lon, longitude, x (any case); the header has: village_code, name, district_pcode, province_pcode, population, under5, births_live, women_15_49, east, north"
    ),
    .csv(
        "lon_column_missing.csv", "error: lon_column_missing.csv: line 1: field easting: no column named \"easting\" for the longitude",
        extra: "--lon-column easting"),
    .csv("nan_coordinate.csv", "error: nan_coordinate.csv: line 2 (1101001): field lat: expected a finite number, found NaN", nothingWritten),
    .csv("infinite_coordinate.csv", "error: infinite_coordinate.csv: line 2 (1101001): field lon: expected a finite number, found -inf"),
    .csv("text_coordinate.csv", "error: text_coordinate.csv: line 2 (1101001): field lat: expected a number, found \"18.37N\""),
    .csv(
        "decimal_comma.csv",
        "error: decimal_comma.csv: line 2 (1101001): field lon: expected a number, found \"103,6655073\" (use a point as the decimal separator)"),
    .csv("blank_coordinates.csv", "error: blank_coordinates.csv: line 3 (1101002): no coordinates (columns lon and lat are blank)"),
    .csv("half_blank_coordinates.csv", "error: half_blank_coordinates.csv: line 2 (1101001): field lat: expected a number, found a blank"),
    .csv(
        "swapped_axes.csv", "error: swapped_axes.csv: line 2 (1101001): field geometry: (18.3737543, 103.6655073) is not a longitude/latitude", "look swapped"),
    .csv("out_of_range.csv", "error: out_of_range.csv: line 2 (1101001): field geometry: (203.6655073, 18.3737543) is not a longitude/latitude"),
    .csv(
        "projected_without_crs.csv",
        "error: projected_without_crs.csv: line 2 (1101001): field geometry: (359017.431, 2032054.663) is not a longitude/latitude",
        "pass the layer's CRS, e.g. EPSG:32648"),
    .csv("../good_villages.csv", "error: ../good_villages.csv: unknown coordinate reference system EPSG:999999", extra: "--crs EPSG:999999"),
    // CSV: record values
    .csv(
        "negative_population.csv", "error: negative_population.csv: line 2 (1101001): field population: expected a whole number ≥ 0, found -5", nothingWritten),
    .csv("fractional_population.csv", "error: fractional_population.csv: line 2 (1101001): field population: expected a whole number, found \"12.5\""),
    .csv("text_population.csv", "error: text_population.csv: line 2 (1101001): field population: expected a whole number, found \"n/a\""),
    .csv("missing_population.csv", "error: missing_population.csv: line 2 (1101001): field population: a village needs a population (a whole number ≥ 0)"),
    .csv("negative_under5.csv", "error: negative_under5.csv: line 2 (1101001): field under5: expected a whole number ≥ 0, found -97"),
    .csv("duplicate_ids.csv", "error: duplicate_ids.csv: line 4 (1101001): field village_code: duplicate village identifier 1101001 (first at line 2)"),
    .csv("missing_id.csv", "error: missing_id.csv: line 3: field village_code: every village needs an identifier"),
    .csv("missing_id_column.csv", "error: missing_id_column.csv: line 1: field village_code: no column for village_code", "--map id=COLUMN"),
    .csv(
        "many_errors.csv",
        "error: many_errors.csv: line 2 (1101001): field population: expected a whole number ≥ 0, found -1\n"
            + "error: many_errors.csv: line 3 (1101002): field lat: expected a number, found \"abc\"\n"
            + "error: many_errors.csv: line 4 (1101001): field village_code: duplicate village identifier 1101001 (first at line 2)\n"
            + "error: many_errors.csv: line 4 (1101001): field population: a village needs a population (a whole number ≥ 0)\n"
            + "error: many_errors.csv: 4 errors; nothing was written to OUT"),
    .csv(
        "unknown_tier.csv", "error: unknown_tier.csv: line 2 (HC-1): field tier: unknown tier \"helth centre\"", "(did you mean health_centre?)",
        layer: "facilities"),
    .csv(
        "unknown_service.csv", "error: unknown_service.csv: line 2 (PH-LA11): field services: unknown service \"surgry\"", "(did you mean surgery?)",
        layer: "facilities"),
    .csv(
        "unknown_subtype.csv", "error: unknown_subtype.csv: line 2 (DH-LA1201): field subtype: unknown district hospital subtype \"C\" (expected A or B)",
        layer: "facilities"),
    .csv(
        "negative_capacity.csv", "error: negative_capacity.csv: line 2 (DH-LA1201): field capacity: expected a whole number ≥ 0, found -100",
        layer: "facilities"),
    .csv("missing_tier.csv", "error: missing_tier.csv: line 2 (DH-LA1201): field tier: a facility needs a tier", layer: "facilities"),
    // DHIS2 exports
    .dhis2("dhis2_empty.json", "error: dhis2_empty.json:1:1: not valid JSON: the document is empty"),
    .dhis2("dhis2_bom_only.json", "error: dhis2_bom_only.json:1:1: not valid JSON: the document is empty"),
    .dhis2("dhis2_truncated.json", "error: dhis2_truncated.json:1:111: not valid JSON: unterminated string"),
    .dhis2("dhis2_not_json.json", "error: dhis2_not_json.json:1:1: not valid JSON: unexpected 'i' (expected a value)"),
    .dhis2("dhis2_latin1.json", "error: dhis2_latin1.json:1:56: not valid JSON: invalid UTF-8 byte 0xF4 in a string (the file must be UTF-8)"),
    .dhis2("dhis2_duplicate_member.json", "error: dhis2_duplicate_member.json:1:84: not valid JSON: duplicate member name \"level\""),
    .dhis2("dhis2_deep_nesting.json", "error: dhis2_deep_nesting.json:1:533: not valid JSON: nesting deeper than 512 levels"),
    .dhis2(
        "dhis2_pager_only.json",
        "error: dhis2_pager_only.json: expected a DHIS2 organisation-unit export, an object with an \"organisationUnits\" array, found an object with members pager"
    ),
    .dhis2("dhis2_geojson.json", "error: dhis2_geojson.json: this is a GeoJSON layer, not a DHIS2 organisation-unit export"),
    .dhis2(
        "dhis2_units_not_array.json", "error: dhis2_units_not_array.json: field organisationUnits: expected an array of organisation units, found an object"),
    .dhis2("dhis2_no_units.json", "error: dhis2_no_units.json: field organisationUnits: the export has no organisation units"),
    .dhis2("dhis2_unit_not_object.json", "error: dhis2_unit_not_object.json: feature 1: expected an organisation unit object, found a string"),
    .dhis2("dhis2_name_wrong_type.json", "error: dhis2_name_wrong_type.json: feature 0: field name: expected text, found a number 42", nothingWritten),
    .dhis2(
        "dhis2_level_wrong_type.json",
        "error: dhis2_level_wrong_type.json: feature 0 (hDn5Kk1Vb8S): field level: expected a whole number, found a string \"four\""),
    .dhis2("dhis2_missing_id.json", "error: dhis2_missing_id.json: feature 0: field id: every organisation unit needs an id"),
    .dhis2(
        "dhis2_duplicate_ids.json",
        "error: dhis2_duplicate_ids.json: feature 1 (hDn5Kk1Vb8S): field id: duplicate id \"hDn5Kk1Vb8S\" (also organisation unit 0)"),
    .dhis2(
        "dhis2_nan_old_format.json",
        "error: dhis2_nan_old_format.json: feature 0 (hDn5Kk1Vb8S): field coordinates: the coordinates string is not valid JSON: NaN and Infinity are not valid JSON numbers"
    ),
    .dhis2(
        "dhis2_swapped_axes.json",
        "error: dhis2_swapped_axes.json: feature 0 (hDn5Kk1Vb8S): field geometry: (18.3019276, 103.8874433) is not a longitude/latitude", "look swapped"),
    .dhis2(
        "dhis2_coordinate_text.json",
        "error: dhis2_coordinate_text.json: feature 0 (hDn5Kk1Vb8S): field geometry.coordinates[0]: expected a number, found a string \"103.8874433\""),
    .dhis2("dhis2_unclosed_ring.json", "error: dhis2_unclosed_ring.json: feature 0 (hDn5Kk1Vb8S): field geometry.coordinates[0]: the ring is not closed"),
    .dhis2(
        "dhis2_collapsed_polygon.json",
        "error: dhis2_collapsed_polygon.json: feature 0 (hDn5Kk1Vb8S): field geometry: the Polygon has no area to place a point in"),
    .dhis2(
        "dhis2_linestring.json",
        "error: dhis2_linestring.json: feature 0 (hDn5Kk1Vb8S): field geometry: expected a Point, Polygon or MultiPolygon for a facility, found a LineString"),
    .dhis2(
        "dhis2_no_facilities.json",
        "error: dhis2_no_facilities.json: none of the 2 organisation units is in a group that maps to a facility tier (groups in the export: Province, District)"
    ),
    .dhis2("dhis2_all_without_coordinates.json", "error: dhis2_all_without_coordinates.json: none of the 1 facility units has coordinates"),
    // Tier-mapping files
    .dhis2(
        "../dhis2_good.json", "error: tier_mapping_unknown_tier.json:3:3: field \"Private Pharmacy\": unknown tier \"helth_centre\"",
        "(did you mean health_centre?)",
        extra: "--tier-mapping tier_mapping_unknown_tier.json"),
    .dhis2("../dhis2_good.json", "error: tier_mapping_not_json.json:1:19: not valid JSON", extra: "--tier-mapping tier_mapping_not_json.json"),
    .dhis2(
        "../dhis2_good.json", "error: tier_mapping_array.json: expected a JSON object from DHIS2 group names to tiers",
        extra: "--tier-mapping tier_mapping_array.json"),
    .dhis2(
        "../dhis2_good.json",
        "error: tier_mapping_bad_subtype.json:1:2: field \"Province Hospitals\".subtype: a subtype (A/B) applies to district_hospital only",
        extra: "--tier-mapping tier_mapping_bad_subtype.json"),
    .dhis2(
        "../dhis2_good.json", "error: tier_mapping_unknown_service.json:1:2: field \"Health Center\".services[1]: unknown service \"rehab\"",
        extra: "--tier-mapping tier_mapping_unknown_service.json"),
    .dhis2(
        "../dhis2_good.json", "error: tier_mapping_unknown_member.json:1:2: field \"Health Center\".service: unknown member \"service\"",
        "(did you mean services?)",
        extra: "--tier-mapping tier_mapping_unknown_member.json"),
    // Missing files and unwritable output
    BadImportCase("import csv no_such_file.csv --layer villages --out OUT", 66, "error: no_such_file.csv: cannot be read: no such file"),
    BadImportCase("import dhis2 no_such_export.json --out OUT", 66, "error: no_such_export.json: cannot be read: no such file"),
    BadImportCase(
        "import dhis2 ../dhis2_good.json --tier-mapping no_such_mapping.json --out OUT", 66, "error: no_such_mapping.json: cannot be read: no such file"),
    BadImportCase("import csv . --layer villages --out OUT", 66, "error: .: cannot be read: it is a directory"),
    BadImportCase(
        "import dhis2 ../dhis2_good.json --out OUTDIR/missing/facilities.geojson", 73, "facilities.geojson: cannot be written: the directory", "does not exist"),
    BadImportCase("import csv ../good_villages.csv --layer villages --out OUTDIR", 73, "cannot be written: it is a directory"),
    // Command-line mistakes
    BadImportCase("import csv ../good_villages.csv --layer districts --out OUT", 64, "districts"),
    BadImportCase("import csv ../good_villages.csv --layer villages --map bogus=x --out OUT", 64, "--map bogus=x: unknown role \"bogus\" for villages"),
    BadImportCase("import csv ../good_villages.csv --layer villages --map population --out OUT", 64, "--map population: expected role=column"),
    BadImportCase("import csv ../good_villages.csv --layer villages --map tier=type --out OUT", 64, "--map tier=type: unknown role \"tier\" for villages"),
    BadImportCase("import csv ../good_villages.csv --layer villages --delimiter pipe --out OUT", 64, "unknown delimiter \"pipe\""),
    BadImportCase("import csv ../good_villages.csv --layer villages --out ../good_villages.csv", 64, "is the input file"),
    BadImportCase("import dhis2 ../dhis2_good.json", 64, "Missing expected argument '--out <out>'"),
]

@Suite struct ImportCommandTests {
    @Test(arguments: badImportCases)
    func badInputIsReportedAndWritesNothing(_ bad: BadImportCase) throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let out = scratch.path("out.geojson")
        let sentinel = "the previous layer\n"
        try Data(sentinel.utf8).write(to: URL(fileURLWithPath: out))
        let arguments = bad.arguments.map {
            $0 == "OUT" ? out : $0 == "OUTDIR" ? scratch.url.path : $0.replacingOccurrences(of: "OUTDIR/", with: scratch.url.path + "/")
        }
        let run = try runCoverage(arguments, in: ImportTestPaths.bad)
        #expect(run.exitedNormally, "the command crashed: \(run.stderr)")
        #expect(run.status == bad.status, "\(run.stderr)")
        for message in bad.messages {
            #expect(run.stderr.contains(message.replacingOccurrences(of: "OUT", with: out)), "stderr was:\n\(run.stderr)")
        }
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"))
        #expect(try String(decoding: Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self) == sentinel)
        #expect(try scratch.contents() == ["out.geojson"], "a temporary or partial file was left behind")
    }

    @Test func theCorpusIsLargeAndEveryBadFileIsUsed() throws {
        #expect(badImportCases.count >= 30)
        let files = try FileManager.default.contentsOfDirectory(atPath: ImportTestPaths.bad.path)
        let named = Set(badImportCases.flatMap(\.arguments))
        #expect(files.filter { !named.contains($0) }.isEmpty)
    }

    @Test func aHundredMegabytesOfGarbageIsRefusedQuickly() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        // 1 MiB of seeded pseudo-random bytes, repeated: 100 MiB that is neither UTF-8 text nor JSON.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var block = [UInt8](repeating: 0, count: 1 << 20)
        for index in stride(from: 0, to: block.count, by: 8) {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            withUnsafeBytes(of: state.littleEndian) { block.replaceSubrange(index..<index + 8, with: $0) }
        }
        let garbage = scratch.path("garbage.bin")
        _ = FileManager.default.createFile(atPath: garbage, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: garbage))
        for _ in 0..<100 { try handle.write(contentsOf: block) }
        try handle.close()
        #expect(try FileManager.default.attributesOfItem(atPath: garbage)[.size] as? Int == 100 << 20)

        let csv = try runCoverage(["import", "csv", garbage, "--layer", "villages", "--out", scratch.path("v.geojson")], in: scratch.url)
        #expect(csv.exitedNormally && csv.status == 65)
        #expect(csv.stderr.contains("the file is not UTF-8"), "\(csv.stderr)")
        let dhis2 = try runCoverage(["import", "dhis2", garbage, "--out", scratch.path("f.geojson")], in: scratch.url)
        #expect(dhis2.exitedNormally && dhis2.status == 65)
        #expect(dhis2.stderr.contains("not valid JSON"), "\(dhis2.stderr)")
        #expect(try scratch.contents() == ["garbage.bin"])
    }

    @Test func importsADHIS2Export() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let out = scratch.path("facilities.geojson")
        let run = try runCoverage(["import", "dhis2", "dhis2_organisation_units.json", "--out", out], in: ImportTestPaths.coreFixtures)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let expected = try Data(contentsOf: ImportTestPaths.fixtures.appendingPathComponent("expected_dhis2_facilities.geojson"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == expected)
        #expect(
            run.stdout == """
                Read 12 organisation units from dhis2_organisation_units.json; wrote 7 facilities to \(out).
                  central hospital     1
                  provincial hospital  2
                  district hospital    2
                  health centre        2
                Not written, no coordinates (1):
                  unit 9: hNk8Jj2Cc6T Ban Nakhan Health Center (level 4; groups: Health Center)
                Skipped, not facilities: no group maps to a tier (4):
                  unit 0: IWp9dQGM0bS Lao PDR (level 1; no groups)
                  unit 1: kVJ2Xw8fBq1 11 Bolikhamxay (level 2; groups: Province)
                  unit 2: dPk1101aZx7 1101 Pakxan (level 3; groups: District)
                  unit 11: xPh6Nn4Ee2V Pakxan Private Pharmacy (level 4; groups: Private Pharmacy)
                In groups of several tiers, the highest taken (1):
                  unit 7: tKh2Ww7Yp4R Thakhek Provincial Hospital → provincial_hospital (groups: Province Hospitals, District hospital type A)
                Polygon geometry, written as a point on its surface (1):
                  unit 10: hPx3Mm9Dd1U Ban Phonxay Health Center: Polygon → 103.7050000 18.3050000
                In no district of \(ImportTestPaths.repository.appendingPathComponent("GeoData/laos/districts.geojson").path), codes left null (1):
                  hPx3Mm9Dd1U Ban Phonxay Health Center, 4,113 m from LA1101

                """)
    }

    @Test func aTierMappingFileChangesWhatIsWritten() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let out = scratch.path("facilities.geojson")
        let run = try runCoverage(
            ["import", "dhis2", "dhis2_organisation_units.json", "--tier-mapping", "tier_mapping.json", "--out", out],
            in: ImportTestPaths.coreFixtures)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Read 12 organisation units from dhis2_organisation_units.json; wrote 6 facilities to \(out).\n"))
        #expect(run.stdout.contains("  unit 3: cHm7Tt2Wq9L Mittaphab Hospital (level 4; groups: Central Hospital)"))
        let layer = try GeoJSONLayer.read(path: out)
        let hospital = try #require(layer.features.first { $0.properties["facility_id"] == .string("dHa9Pq3Rt5N") })
        #expect(hospital.properties["services"] == .array(["epi", "cold_chain", "surgery"].map(JSONValue.string)))
    }

    @Test func importsACSVOfVillages() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let expected = try Data(contentsOf: ImportTestPaths.fixtures.appendingPathComponent("expected_villages.geojson"))
        for file in ["villages.csv", "villages_bom_crlf.csv"] {
            let out = scratch.path("\(file).geojson")
            let run = try runCoverage(["import", "csv", file, "--layer", "villages", "--out", out], in: ImportTestPaths.coreFixtures)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == expected, "\(file)")
            let coordinates = file == "villages.csv" ? "lon, lat" : "Longitude, Latitude"
            #expect(
                run.stdout == """
                    Read \(file); wrote 5 villages to \(out).
                      coordinates       columns \(coordinates), WGS 84 longitude/latitude
                      written as null   population_year, population_estimated (no such column)
                      columns left out  notes (not in the villages schema)

                    """)
        }
    }

    @Test func importsAProjectedCSV() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let out = scratch.path("villages.geojson")
        let run = try runCoverage(
            ["import", "csv", "villages_utm48n.csv", "--layer", "villages", "--crs", "EPSG:32648", "--out", out],
            in: ImportTestPaths.coreFixtures)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  coordinates      columns x, y, transformed from EPSG:32648 to WGS 84\n"))
        let written = try GeoJSONLayer.read(path: out)
        let expected = try GeoJSONLayer.read(path: ImportTestPaths.fixtures.appendingPathComponent("expected_villages.geojson").path)
        #expect(written.features.count == 5)
        for (a, b) in zip(written.features, expected.features) {
            let p = try #require(a.geometry?.allCoordinates.first), q = try #require(b.geometry?.allCoordinates.first)
            #expect(abs(p.x - q.x) < 2e-7 && abs(p.y - q.y) < 2e-7)
        }
    }

    @Test func columnsCanBeMapped() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let out = scratch.path("villages.geojson")
        let run = try runCoverage(
            [
                "import", "csv", "mapped_villages.csv", "--layer", "villages", "--delimiter", "semicolon",
                "--map", "id=vcode", "--map", "name=vname", "--map", "population=pop",
                "--lon-column", "east", "--lat-column", "north", "--out", out,
            ], in: ImportTestPaths.fixtures)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self) == """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"village_code":"1101001","name":"B. Paksanhtai","district_pcode":null,"province_pcode":null,"population":974,"under5":null,"births_live":null,"women_15_49":null,"population_year":null,"population_estimated":null},"geometry":{"type":"Point","coordinates":[103.6655073,18.3737543]}},
                {"type":"Feature","properties":{"village_code":"1101002","name":"B. Phonhxai","district_pcode":null,"province_pcode":null,"population":974,"under5":null,"births_live":null,"women_15_49":null,"population_year":null,"population_estimated":null},"geometry":{"type":"Point","coordinates":[103.6507407,18.3954184]}}
                ]}

                """)
    }

    /// The shipped villages written out as a CSV table (every field quoted) and imported again
    /// give GeoData/laos/villages.geojson byte for byte: the import writes the shipped schema and layout.
    @Test func theShippedVillagesSurviveACSVRoundTrip() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let shipped = ImportTestPaths.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("GeoData/laos/villages.geojson")
        let layer = try GeoJSONLayer.read(path: shipped.path)
        #expect(layer.features.count == 8_499)
        let keys = layer.features[0].properties.keys
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var csv = (keys + ["lon", "lat"]).map(quoted).joined(separator: ",") + "\r\n"
        for feature in layer.features {
            let values = keys.map { key -> String in
                switch feature.properties[key] {
                case .string(let text)?: text
                case .number(let value)?: String(Int(value))
                case .bool(let value)?: String(value)
                default: ""
                }
            }
            let point = try #require(feature.geometry?.allCoordinates.first)
            csv += (values + ["\(point.x)", "\(point.y)"]).map(quoted).joined(separator: ",") + "\r\n"
        }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: scratch.path("villages.csv")))
        let run = try runCoverage(["import", "csv", "villages.csv", "--layer", "villages", "--out", "villages.geojson"], in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Read villages.csv; wrote 8,499 villages to villages.geojson.\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path("villages.geojson"))) == (try Data(contentsOf: shipped)))
    }

    @Test func replacesAnExistingOutput() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let out = scratch.path("villages.geojson")
        try Data("old".utf8).write(to: URL(fileURLWithPath: out))
        let run = try runCoverage(["import", "csv", "good_villages.csv", "--layer", "villages", "--out", out], in: ImportTestPaths.fixtures)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try GeoJSONLayer.read(path: out).features.count == 2)
        #expect(try scratch.contents() == ["villages.geojson"])
    }
}
