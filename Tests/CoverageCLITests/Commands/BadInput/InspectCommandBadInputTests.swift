import Foundation
import GeoIO
import TestSupport
import Testing

/// One file of the bad-input corpus (Fixtures/bad, written by Fixtures/make_fixtures.py) and what
/// `coverage inspect --strict` must say about it.
struct BadInput: Sendable, CustomTestStringConvertible {
    let file: String
    let status: Int32
    /// The whole of standard error.
    let stderr: String
    /// A line the table on standard output must hold (geometry findings), if any.
    let stdoutLine: String?

    var testDescription: String { file }

    /// A document `coverage` refuses: nothing on standard output, one message on standard error.
    static func refused(_ file: String, _ message: String, status: Int32 = 65) -> BadInput {
        BadInput(file: file, status: status, stderr: "error: bad/\(file)\(message)\n", stdoutLine: nil)
    }

    /// A document that is read but has a finding: the table lists it, and --strict exits 65.
    static func finding(_ file: String, _ line: String) -> BadInput {
        BadInput(file: file, status: 65, stderr: "error: bad/\(file) has findings (--strict)\n", stdoutLine: line)
    }

    /// A document with a malformed geometry: the table lists it, and the exit is 65 with or
    /// without --strict.
    static func malformed(_ file: String, _ line: String) -> BadInput {
        BadInput(file: file, status: 65, stderr: "error: bad/\(file): 1 malformed geometry\n", stdoutLine: line)
    }

    static let geometryTypes = "Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection"

    static let corpus: [BadInput] = [
        // Not JSON: located by line and column (in bytes).
        refused("truncated.geojson", ":2:90: not valid JSON: unexpected end of file (expected ',' or ']' in an array)"),
        refused("empty.geojson", ":1:1: not valid JSON: the document is empty (expected a JSON value)"),
        refused("bom-only.geojson", ":1:1: not valid JSON: the document is empty (expected a JSON value)"),
        refused("whitespace-only.geojson", ":4:1: not valid JSON: the document is empty (expected a JSON value)"),
        refused("trailing-comma.geojson", ":3:1: not valid JSON: unexpected ']' (expected a value)"),
        refused("nan.geojson", ":2:85: not valid JSON: NaN and Infinity are not valid JSON numbers"),
        refused("invalid-utf8.geojson", ":2:48: not valid JSON: invalid UTF-8 byte 0xFF in a string (the file must be UTF-8)"),
        refused("latin1.geojson", ":2:48: not valid JSON: invalid UTF-8 byte 0xE9 in a string (the file must be UTF-8)"),
        refused("utf16.geojson", ":1:1: not valid JSON: unexpected byte 0xFF (expected a value)"),
        refused("duplicate-keys.geojson", #":2:55: not valid JSON: duplicate member name "pcode""#),
        refused("control-character.geojson", ":2:48: not valid JSON: control character byte 0x09 inside a string (escape it)"),
        refused("deep-nesting.geojson", ":1:513: not valid JSON: nesting deeper than 512 levels"),
        refused("two-documents.geojson", ":4:1: not valid JSON: unexpected '{' after the end of the JSON value"),
        refused("single-quotes.geojson", ":1:2: not valid JSON: unexpected ''' (expected a quoted member name)"),
        // JSON, but not GeoJSON.
        refused("not-an-object.geojson", ": expected a GeoJSON FeatureCollection object, found an array"),
        refused("wrong-type.geojson", #": field type: expected "FeatureCollection", "Feature" or a geometry type ("# + geometryTypes + #"), found "Topology""#),
        refused(
            "no-type.geojson", #": field type: expected "FeatureCollection", "Feature" or a geometry type ("# + geometryTypes + #"), found no type member"#),
        refused("features-not-array.geojson", ": field features: expected an array of features, found an object"),
        refused("feature-without-type.geojson", #": feature 1: field type: expected a Feature object, found an object without a "type" member"#),
        refused("feature-not-object.geojson", ": feature 1: field type: expected a Feature object, found a string"),
        refused("properties-array.geojson", ": feature 0: field properties: expected an object or null, found an array"),
        refused("crs-without-name.geojson", #": field crs.properties.name: expected a named CRS such as "urn:ogc:def:crs:EPSG::32648""#),
        refused(
            "unknown-crs.geojson",
            ": field crs: unknown coordinate reference system EPSG:99999: "
                + "PROJ error in proj_create_crs_to_crs(EPSG:99999 → EPSG:4326): proj_create: crs not found"),
        // Read, with a malformed or invalid geometry listed in the table.
        malformed(
            "unclosed-ring.geojson",
            "    feature 0, field geometry.coordinates[0]: the ring is not closed: it starts at (103.0, 18.0) and ends at (103.0, 19.0)"),
        malformed(
            "three-position-ring.geojson",
            "    feature 0, field geometry.coordinates[0]: a polygon ring needs at least 4 positions, found 3"),
        malformed(
            "string-coordinates.geojson",
            #"    feature 0, field geometry.coordinates[0]: expected a number, found a string "103.66""#),
        malformed(
            "point-one-number.geojson",
            "    feature 0, field geometry.coordinates: expected a position [longitude, latitude], found 1 number"),
        malformed(
            "null-coordinate.geojson",
            "    feature 0, field geometry.coordinates[1][0]: expected a number, found null"),
        malformed(
            "missing-geometry.geojson",
            "    feature 0, field geometry: missing (a Feature must have a geometry member, null if it has none)"),
        finding(
            "bow-tie.geojson",
            "    feature 0 (LA1101): Self-intersection at 103.500000 18.500000"),
        finding(
            "swapped-lat-lon.geojson",
            "    feature 0 (HC-1101-01): first bad coordinate 18.39 103.66"),
        malformed(
            "coordinates-object.geojson",
            "    feature 0, field geometry.coordinates: expected an array, found an object"),
        malformed(
            "lower-case-type.geojson",
            #"    feature 0, field geometry.type: unknown geometry type "point": GeoJSON type names are case-sensitive (did you mean "Point"?)"#),
        malformed(
            "ring-not-array.geojson",
            "    feature 0, field geometry.coordinates[0]: expected an array, found a number"),
        malformed(
            "unknown-type.geojson",
            #"    feature 0, field geometry.type: unknown geometry type "Circle" (expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)"#
        ),
    ]
}

@Suite("coverage inspect: bad input corpus")
struct InspectCommandBadInputTests {
    @Test(arguments: BadInput.corpus)
    func badInput(_ input: BadInput) throws {
        let run = try CoverageProcess.run(["inspect", "--strict", "bad/\(input.file)"])
        #expect(!run.crashed, "crashed: \(run)")
        #expect(run.status == input.status, "\(run)")
        #expect(run.stderr == input.stderr)
        if let line = input.stdoutLine {
            #expect(run.stdout.hasPrefix("bad/\(input.file)\n"), "\(run)")
            #expect(run.stdout.split(separator: "\n").contains { $0 == line }, "\(run)")
        } else {
            #expect(run.stdout == "", "\(run)")
        }
    }

    @Test func theCorpusIsComplete() throws {
        // Every file in Fixtures/bad has an entry, and every entry a file.
        let files = try FileManager.default.contentsOfDirectory(atPath: CoverageProcess.fixtures.appendingPathComponent("bad").path)
        #expect(Set(files) == Set(BadInput.corpus.map(\.file)))
        #expect(files.count >= 15)
    }

    /// Each kind of malformed geometry is malformed input: exit 65 without --strict too (the help
    /// promises it), the table still printed; an invalid geometry (GEOS) or coordinates out of
    /// range are findings that only --strict turns into 65.
    @Test(arguments: BadInput.corpus.filter { $0.stderr.hasSuffix(": 1 malformed geometry\n") })
    func malformedGeometryExits65WithoutStrict(_ input: BadInput) throws {
        let run = try CoverageProcess.run(["inspect", "bad/\(input.file)"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr == input.stderr)
        #expect(run.stdout.contains("\n  malformed           1\n"), "\(run)")
        #expect(run.stdout.split(separator: "\n").contains { $0 == input.stdoutLine! }, "\(run)")
    }

    @Test func everyMalformedKindIsInTheCorpus() {
        let malformed = Set(BadInput.corpus.filter { $0.stderr.hasSuffix(": 1 malformed geometry\n") }.map(\.file))
        #expect(
            malformed.isSuperset(of: [
                "coordinates-object.geojson", "lower-case-type.geojson", "point-one-number.geojson", "string-coordinates.geojson",
                "ring-not-array.geojson", "unknown-type.geojson",
            ]))
    }

    @Test func invalidAndOutOfRangeWithoutStrictExitZero() throws {
        for file in ["bad/bow-tie.geojson", "bad/swapped-lat-lon.geojson"] {
            let run = try CoverageProcess.run(["inspect", file])
            #expect(run.status == 0, "\(run)")
            #expect(run.stderr == "")
        }
    }

    @Test func wholeCorpusInOneRun() throws {
        // All at once: each refused file named on standard error, in argument order; the rest in the table.
        let run = try CoverageProcess.run(["inspect"] + BadInput.corpus.map { "bad/\($0.file)" })
        #expect(!run.crashed)
        #expect(run.status == 65, "\(run)")
        // The files refused first, then those with a malformed geometry.
        let refused = BadInput.corpus.filter { $0.stdoutLine == nil }
        let malformed = BadInput.corpus.filter { $0.stderr.hasSuffix(": 1 malformed geometry\n") }
        #expect(run.stderr == (refused + malformed).map(\.stderr).joined())
        let reported = run.stdout.split(separator: "\n").filter { $0.hasPrefix("bad/") }.map(String.init)
        #expect(reported == BadInput.corpus.filter { $0.stdoutLine != nil }.map { "bad/\($0.file)" })
    }
}
