import Foundation
import GeoIO
import TestSupport
import Testing

/// Paths for the `coverage layers` tests.
enum LayersPaths {
    /// The corpus of bad layer sets (written by Fixtures/layers-bad/make_layers_bad.py).
    static let bad = CoverageProcess.fixtures.appendingPathComponent("layers-bad")
    /// The good hand-made layer set of the CoverageCore tests (one copy for both targets).
    static let good = CoverageProcess.coreFixtures.appendingPathComponent("layers")
    /// `good` as seen from `bad`, the folder the corpus runs in.
    static let goodFromBad = "../../../CoverageCoreTests/Fixtures/layers"
    /// The shipped data.
    static let geoData = Fixtures.shippedData

    /// `text` with the absolute and relative paths of the good set written `GOOD`, and the
    /// corpus folder's absolute path removed, so that expected output reads as in the table.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: good.standardizedFileURL.path, with: "GOOD")
            .replacingOccurrences(of: goodFromBad, with: "GOOD")
            .replacingOccurrences(of: bad.standardizedFileURL.path + "/", with: "")
    }
}

/// One bad layer set of the corpus and what `coverage layers validate` says about it, run in
/// Fixtures/layers-bad over the good fixture set (`--data GOOD`), with `arguments` added.
struct BadLayerSet: Sendable, CustomTestStringConvertible {
    let name: String
    /// Added after `layers validate --data GOOD`; `GOOD/…` names a file of the good set.
    let arguments: [String]
    let status: Int32
    /// Every line `validate` prints (the findings, errors first, and the count), or none when
    /// the input is refused before validation.
    let stdout: [String]
    /// The whole of standard error.
    let stderr: String

    var testDescription: String { name }

    /// The error lines of `stdout` and the checks not run, which `layers summary` prints on
    /// standard error instead.
    var errorLines: [String] { stdout.filter { $0.hasPrefix("error: ") } + stdout.filter { $0.hasPrefix("Not checked: ") } }

    /// Validation found errors: the findings on standard output, exit 65.
    static func findings(_ name: String, _ arguments: [String], _ lines: [String]) -> BadLayerSet {
        BadLayerSet(name: name, arguments: arguments, status: 65, stdout: lines, stderr: "")
    }

    /// The input is refused before validation: one message on standard error.
    static func refused(_ name: String, _ arguments: [String], _ message: String, status: Int32 = 65) -> BadLayerSet {
        BadLayerSet(name: name, arguments: arguments, status: status, stdout: [], stderr: "error: \(message)\n")
    }

    private static let tiers = "health_centre, district_hospital, provincial_hospital, central_hospital"
    private static let services = "epi, cold_chain, delivery, surgery, rehabilitation, maintenance_workshop"
    private static let range = "is not a longitude/latitude (longitude within ±180°, latitude within ±90°)"
    private static let projected = "(the values look projected (metres); pass the layer's CRS, e.g. EPSG:32648 for UTM zone 48N)"
    /// What a broken districts or provinces layer holds back.
    private static func notChecked(districts file: String) -> String {
        "Not checked: the villages and facilities against the districts (their codes and where their points lie), since \(file) "
            + "has errors: fix them first."
    }
    private static func notChecked(provinces file: String) -> String {
        "Not checked: the other layers against the provinces (the districts' and regions' provinces, the villages' and facilities' "
            + "codes and where their points lie), since \(file) has errors: fix them first."
    }

    static let corpus: [BadLayerSet] = [
        findings(
            "duplicate village id", ["--villages", "villages-duplicate-id.geojson"],
            [
                "error: villages-duplicate-id.geojson: feature 5 (1101002): field village_code: duplicate village identifier 1101002 (first at feature 1)",
                "1 error, 0 warnings (duplicate_id 1)",
            ]),
        findings(
            "bad populations", ["--villages", "villages-bad-population.geojson"],
            [
                #"error: villages-bad-population.geojson: feature 5 (1101009): field population: expected a whole number, found "n/a""#,
                "error: villages-bad-population.geojson: feature 6 (1101010): field population: a village needs a population (a whole number ≥ 0)",
                "error: villages-bad-population.geojson: feature 7 (1101011): field population: expected a whole number ≥ 0, found -5",
                "error: villages-bad-population.geojson: feature 8 (1101012): field population: expected a whole number, found 12.5",
                "4 errors, 0 warnings (invalid_population 2, missing_population 1, negative_population 1)",
            ]),
        findings(
            "a whole layer written [lat, lon]", ["--villages", "villages-swapped.geojson"],
            [
                "error: villages-swapped.geojson: field geometry: 5 of 5 villages lie outside the admin layers, but 5 lie inside with longitude "
                    + "and latitude swapped: the coordinates look like [latitude, longitude] "
                    + "(GeoJSON positions are [longitude, latitude]; for a CSV, name the columns the other way round)",
                "1 error, 0 warnings (swapped_axes 1)",
            ]),
        findings(
            "wrong, empty, missing and malformed geometries", ["--villages", "villages-wrong-geometry.geojson"],
            [
                "error: villages-wrong-geometry.geojson: feature 5 (1101009): field geometry: expected a Point for a village, found a Polygon",
                "error: villages-wrong-geometry.geojson: feature 6 (1101010): field geometry: expected one point for a village, found a MultiPoint of 2",
                "error: villages-wrong-geometry.geojson: feature 7 (1101011): field geometry: the geometry is empty",
                "error: villages-wrong-geometry.geojson: feature 8 (1101012): field geometry: a village needs a geometry, found none",
                #"error: villages-wrong-geometry.geojson: feature 9 (1101013): field geometry.coordinates[0]: expected a number, found a string "103.7""#,
                "5 errors, 0 warnings (empty_geometry 1, malformed_geometry 1, missing_geometry 1, wrong_geometry_type 2)",
            ]),
        findings(
            "projected and swapped points", ["--villages", "villages-out-of-range.geojson"],
            [
                "error: villages-out-of-range.geojson: feature 5 (1101009): field geometry: (500000, 2000000) \(range) \(projected)",
                "error: villages-out-of-range.geojson: feature 6 (1101010): field geometry: (18.75, 103.75) \(range) "
                    + "(longitude and latitude look swapped)",
                "2 errors, 0 warnings (coordinate_out_of_range 2)",
            ]),
        findings(
            "codes that do not exist or disagree", ["--villages", "villages-codes.geojson"],
            [
                "error: villages-codes.geojson: feature 5 (1101009): field district_pcode: district LA1103 is not in the districts layer (did you mean LA1101?)",
                "error: villages-codes.geojson: feature 6 (1101010): field province_pcode: province LA19 is not in the provinces layer (did you mean LA11?)",
                "error: villages-codes.geojson: feature 7 (1101011): field geometry: the village lies in no district: 10.6 km from the nearest, "
                    + "LA1102 East Eleven, beyond the tolerance of 1,000 m (if the point is right, raise --tolerance-m to place it in the "
                    + "nearest district; if the layer's coordinates are in another system, name it with --crs villages=EPSG:…)",
                "warning: villages-codes.geojson: feature 8 (1101012): field province_pcode: states province LA12, but its district LA1101 belongs to LA11",
                "warning: villages-codes.geojson: feature 9 (1101013): field geometry: the village lies in LA1102 East Eleven, 10.6 km from its stated district LA1101",
                "3 errors, 2 warnings (beyond_tolerance 1, outside_stated_district 1, province_mismatch 1, "
                    + "unknown_district_code 1, unknown_province_code 1)",
            ]),
        findings(
            "a projected CSV without --crs", ["--villages", "villages-utm48n.csv"],
            [
                "error: villages-utm48n.csv: line 2 (1101001): field geometry: (341645.065, 2046162.872) \(range) \(projected)",
                "error: villages-utm48n.csv: line 3 (1101002): field geometry: (314979.943, 2018729.987) \(range) \(projected)",
                "error: villages-utm48n.csv: line 4 (1102001): field geometry: (447219.331, 2045578.114) \(range) \(projected)",
                "error: villages-utm48n.csv: line 5 (1201001): field geometry: (393838.601, 1935147.502) \(range) \(projected)",
                "error: villages-utm48n.csv: line 6 (1201002): field geometry: (234177.254, 1908932.154) \(range) \(projected)",
                "5 errors, 0 warnings (coordinate_out_of_range 5)",
            ]),
        findings(
            "blank, NaN and decimal-comma coordinates in a CRLF CSV", ["--villages", "villages-bad-coordinates.csv"],
            [
                "error: villages-bad-coordinates.csv: line 3 (1101002): no coordinates (columns lon and lat are blank)",
                "error: villages-bad-coordinates.csv: line 4 (1102001): field lon: expected a finite number, found NaN",
                #"error: villages-bad-coordinates.csv: line 5 (1201001): field lon: expected a number, found "104,0" (use a point as the decimal separator)"#,
                "error: villages-bad-coordinates.csv: line 6 (1201002): field population: expected a whole number ≥ 0, found -300",
                "4 errors, 0 warnings (malformed_geometry 2, missing_geometry 1, negative_population 1)",
            ]),
        refused(
            "a Latin-1 CSV", ["--villages", "villages-latin1.csv"],
            "villages-latin1.csv: line 2: the file is not UTF-8: byte 0xE9 at column 15 is not valid UTF-8 (the file may be Latin-1 or "
                + #"Windows-1252) (re-save it as UTF-8, e.g. as "CSV UTF-8" from a spreadsheet program)"#),
        refused(
            "truncated GeoJSON", ["--villages", "villages-truncated.geojson"],
            "villages-truncated.geojson:2:257: not valid JSON: unexpected end of file (expected a value)"),
        refused(
            "an empty file", ["--villages", "villages-empty.geojson"],
            "villages-empty.geojson:1:1: not valid JSON: the document is empty (expected a JSON value)"),
        refused(
            "not GeoJSON (TopoJSON)", ["--villages", "villages-topojson.geojson"],
            #"villages-topojson.geojson: field type: expected "FeatureCollection", "Feature" or a geometry type "#
                + #"(Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection), found "Topology""#),
        findings(
            "unknown tier, service and subtype", ["--facilities", "facilities-vocabulary.geojson"],
            [
                #"error: facilities-vocabulary.geojson: feature 5 (HC-9): field tier: unknown tier "helth centre" (expected \#(tiers)) (did you mean health_centre?)"#,
                #"error: facilities-vocabulary.geojson: feature 6 (HC-10): field services: unknown service "surgry" (expected \#(services)) (did you mean surgery?)"#,
                #"error: facilities-vocabulary.geojson: feature 7 (DH-9): field subtype: unknown district hospital subtype "C" (expected A or B)"#,
                "error: facilities-vocabulary.geojson: feature 8 (HC-11): field capacity: expected a whole number ≥ 0, found -10",
                "error: facilities-vocabulary.geojson: feature 10 (HC-13): field services: expected a list of names, found a number",
                "warning: facilities-vocabulary.geojson: feature 9 (HC-12): field subtype: a subtype (A/B) applies to district hospitals only; "
                    + "this is a health centre, so it is dropped",
                "5 errors, 1 warning (invalid_services 1, negative_capacity 1, subtype_ignored 1, unknown_service 1, unknown_subtype 1, unknown_tier 1)",
            ]),
        findings(
            "a bow-tie district", ["--districts", "districts-bow-tie.geojson"],
            [
                "error: districts-bow-tie.geojson: feature 3 (LA1202): field geometry: invalid polygon: Self-intersection at 105.5 17.5 "
                    + "(--repair applies GEOS make-valid)",
                notChecked(districts: "districts-bow-tie.geojson"),
                "1 error, 0 warnings (invalid_polygon 1)",
            ]),
        findings(
            "districts that are not polygons or lack a province", ["--districts", "districts-geometry.geojson"],
            [
                "error: districts-geometry.geojson: feature 3 (LA1202): field geometry: expected a Polygon or MultiPolygon for a district, found a Point",
                "error: districts-geometry.geojson: feature 4 (LA1203): field geometry: the geometry is empty",
                "error: districts-geometry.geojson: feature 5 (LA1204): field geometry.coordinates[0]: the ring is not closed: it starts at (105.0, 17.0) "
                    + "and ends at (105.0, 18.0)",
                "error: districts-geometry.geojson: feature 6 (LA1205): field province_pcode: a district needs its province P-code",
                notChecked(districts: "districts-geometry.geojson"),
                "4 errors, 0 warnings (empty_geometry 1, malformed_geometry 1, missing_province 1, wrong_geometry_type 1)",
            ]),
        findings(
            "projected districts without --crs", ["--districts", "GOOD/districts_utm48n.geojson"],
            [
                "error: GOOD/districts_utm48n.geojson: feature 0 (LA1101): field geometry: (288239.73, 1991327.973) \(range) \(projected)",
                "error: GOOD/districts_utm48n.geojson: feature 1 (LA1102): field geometry: (394133.001, 1990471.052) \(range) \(projected)",
                "error: GOOD/districts_utm48n.geojson: feature 2 (LA1201): field geometry: (180548.447, 1882001.809) \(range) \(projected)",
                // The villages and facilities stating these districts are not blamed for them (until
                // issue 15 each got "district … is not in the districts layer", ten in all).
                notChecked(districts: "GOOD/districts_utm48n.geojson"),
                "3 errors, 0 warnings (coordinate_out_of_range 3)",
            ]),
        findings(
            "a province with bad population figures", ["--provinces", "provinces-bad-population.geojson"],
            [
                "error: provinces-bad-population.geojson: feature 2 (LA13): field population: expected a whole number ≥ 0, found -2",
                #"error: provinces-bad-population.geojson: feature 2 (LA13): field population_2020: expected a whole number, found "n/a""#,
                notChecked(provinces: "provinces-bad-population.geojson"),
                "2 errors, 0 warnings (invalid_population 1, negative_population 1)",
            ]),
        findings(
            "a folder with an error in every layer", ["--data", "bad-set"],
            [
                "error: bad-set/provinces.geojson: feature 2 (LA11): field pcode: duplicate province identifier LA11 (first at feature 0)",
                "error: bad-set/districts.geojson: feature 3 (LA1202): field province_pcode: a district needs its province P-code",
                "error: bad-set/villages.geojson: feature 5 (1101009): field population: expected a whole number ≥ 0, found -1",
                #"error: bad-set/facilities.geojson: feature 5 (HC-9): field services: unknown service "xray" (expected \#(services))"#,
                notChecked(provinces: "bad-set/provinces.geojson"),
                "4 errors, 0 warnings (duplicate_id 1, missing_province 1, negative_population 1, unknown_service 1)",
            ]),
        refused(
            "a regions file that is not JSON", ["--regions", "regions-not-json.json"],
            "regions-not-json.json:2:42: not valid JSON: unexpected '}' (expected a quoted member name)"),
        refused(
            "a mapping file with an unknown role", ["--mapping", "mapping-unknown-role.yaml"],
            #"mapping-unknown-role.yaml:3:3: unknown field role "populaton" for villages (expected one of id, name, district, province, "#
                + "population, under5, births_live, women_15_49, population_year, population_estimated, lon, lat) (did you mean population?)"),
        refused(
            "a missing layer file", ["--villages", "no-such-villages.geojson"],
            "no-such-villages.geojson: cannot be read: no such file", status: 66),
        refused("a folder given as a layer", ["--facilities", "bad-set"], "bad-set: cannot be read: it is a directory", status: 66),
        refused(
            "a data folder that does not exist", ["--data", "no-such-folder"],
            "no-such-folder/provinces.geojson: cannot be read: no such file", status: 66),
        refused(
            "an unknown CRS", ["--crs", "villages=EPSG:99999"],
            "GOOD/villages.geojson: unknown coordinate reference system EPSG:99999: "
                + "PROJ error in proj_create_crs_to_crs(EPSG:99999 → EPSG:4326): proj_create: crs not found"),
    ]
}

@Suite("coverage layers: bad layer sets")
struct LayersCommandBadInputTests {
    private func run(_ command: String, _ input: BadLayerSet) throws -> CoverageRun {
        let arguments =
            ["layers", command, "--data", LayersPaths.goodFromBad]
            + input.arguments.map { $0.replacingOccurrences(of: "GOOD/", with: LayersPaths.goodFromBad + "/") }
        return try CoverageProcess.run(arguments, in: LayersPaths.bad)
    }

    @Test(arguments: BadLayerSet.corpus)
    func validate(_ input: BadLayerSet) throws {
        let run = try run("validate", input)
        #expect(!run.crashed, "crashed: \(run)")
        #expect(run.status == input.status, "\(run)")
        let stdout = LayersPaths.normalized(run.stdout)
        #expect(stdout.split(separator: "\n").map(String.init) == input.stdout)
        #expect(stdout.isEmpty || stdout.hasSuffix("\n"))
        #expect(LayersPaths.normalized(run.stderr) == input.stderr)
    }

    /// `summary` loads the same layers: the same refusal, or every error of the validation and
    /// the checks not run on standard error (warnings are not errors), and nothing on standard output.
    @Test(arguments: BadLayerSet.corpus)
    func summary(_ input: BadLayerSet) throws {
        let run = try run("summary", input)
        #expect(!run.crashed, "crashed: \(run)")
        #expect(run.status == input.status, "\(run)")
        #expect(run.stdout.isEmpty)
        if input.stdout.isEmpty {
            #expect(LayersPaths.normalized(run.stderr) == input.stderr)
        } else {
            let errors = input.errorLines
            let count = errors.filter { $0.hasPrefix("error: ") }.count
            let heading = "error: the input layers have \(count) error\(count == 1 ? "" : "s"):"
            #expect(LayersPaths.normalized(run.stderr) == ([heading] + errors.map { "  " + $0 }).joined(separator: "\n") + "\n")
        }
    }

    @Test func theCorpusIsLargeAndEveryFileIsUsed() throws {
        #expect(BadLayerSet.corpus.count >= 15)
        #expect(Set(BadLayerSet.corpus.map(\.name)).count == BadLayerSet.corpus.count)
        // facilities-dhis2.json needs a tier mapping: LayersCommandTests uses it; LayerFindingsTests uses issue 15's.
        let used = Set(BadLayerSet.corpus.flatMap(\.arguments) + ["facilities-dhis2.json"] + LayerFindingsTests.files)
        let files = try FileManager.default.contentsOfDirectory(atPath: LayersPaths.bad.path).filter { !$0.hasSuffix(".py") && !$0.hasSuffix(".md") }
        for file in files {
            #expect(used.contains(file), "\(file) is in Fixtures/layers-bad but no case uses it")
        }
    }
}
