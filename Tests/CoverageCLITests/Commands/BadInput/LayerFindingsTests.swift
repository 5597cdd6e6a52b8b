import Foundation
import GeoIO
import TestSupport
import Testing

/// Issue 15's findings as a user hit them, each run through the commands that met it: layers
/// that gave silent wrong numbers (facilities in the wrong UTM zone, a village at (0, 0), a
/// central hospital without a location, an empty layer, villages that do not add up to the
/// districts' figures) and mistakes that gave one error per record (a mapping naming no column, a
/// CSV without its id column, names where P-codes belong, an empty districts file).
///
/// The files are in Fixtures/layers-bad (make_layers_bad.py), over the good fixture set. Expected
/// distances: pyproj 3.7.2, the minimum of `Geod(ellps="WGS84").inv` from the point to 20,001
/// points along each edge of each fixture district (a square in lon/lat), in metres:
/// CH-01 (108.6, 17.96667) 381,305.6; PH-LA11 (109.6, 18.4) 486,000.6; DH-LA1102 (110.5, 18.6)
/// 580,384.7; HC-LA1201-01 (110.2, 17.3) 552,770.5; HC-LA1101-01 (109.3, 18.7) 453,517.0; and the
/// village 1101002 at (0, 0) 11,287,051.6. The messages take GEOS's nearest point in the plane
/// of the degrees, a little farther: within 0.1 % here.
@Suite("issue 15: layer findings")
struct LayerFindingsTests {
    /// The files of Fixtures/layers-bad these tests use.
    static let files = [
        "facilities-wrong-zone.geojson", "villages-null-island.geojson", "facilities-central-no-location.geojson", "no-features.geojson",
        "villages-scaled.geojson", "villages-twelve.csv", "villages-twelve-no-id.csv", "villages-thakhek-names.csv",
    ]

    private static let standards = LayersPaths.geoData.appendingPathComponent("standards.yaml").path

    /// `coverage ARGUMENTS --data GOOD`, run in Fixtures/layers-bad.
    private func run(_ arguments: [String]) throws -> CoverageRun {
        try CoverageProcess.run(arguments + ["--data", LayersPaths.goodFromBad], in: LayersPaths.bad)
    }

    /// `coverage COMMAND … --standards (shipped) --out (a new folder)`, and the folder.
    private func analysis(_ arguments: [String], in folder: URL) throws -> (CoverageRun, URL) {
        let out = folder.appendingPathComponent(arguments[0])
        return (try run(arguments + ["--standards", Self.standards, "--out", out.path]), out)
    }

    private func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

    /// The distance a message gives, in metres (`381.3 km`, `11,294.3 km`).
    private func distance(in line: String) throws -> Double {
        let match = try #require(line.firstMatch(of: /: ([0-9,]+\.[0-9]) km from the nearest/), "\(line)")
        return try #require(Double(match.1.replacingOccurrences(of: ",", with: ""))) * 1_000
    }

    private static let suggestion =
        "(if the point is right, raise --tolerance-m to place it in the nearest district; if the layer's coordinates are in another "
        + "system, name it with --crs facilities=EPSG:…)"

    // MARK: - Silent wrong numbers

    @Test func facilitiesInTheWrongUTMZoneAreErrorsNamingTheDistanceAndTheOptions() throws {
        let validate = try run(["layers", "validate", "--facilities", "facilities-wrong-zone.geojson"])
        #expect(validate.status == 65, "\(validate)")  // 0 until issue 15: five warnings
        let found = lines(validate.stdout)
        #expect(found.count == 6)
        #expect(found.last == "5 errors, 0 warnings (beyond_tolerance 5)")
        let expected: [(id: String, nearest: String, meters: Double)] = [
            ("CH-01", "LA1102 East Eleven", 381_305.6), ("PH-LA11", "LA1102 East Eleven", 486_000.6),
            ("DH-LA1102", "LA1102 East Eleven", 580_384.7), ("HC-LA1201-01", "LA1201 All Twelve", 552_770.5),
            ("HC-LA1101-01", "LA1102 East Eleven", 453_517.0),
        ]
        for (feature, (line, facility)) in zip(found, expected).enumerated() {
            #expect(
                line.hasPrefix("error: facilities-wrong-zone.geojson: feature \(feature) (\(facility.id)): field geometry: the facility lies in no district: "))
            // The nearest may be a corner two districts share: the distance decides, not the name.
            #expect(
                line.hasSuffix(", beyond the tolerance of 1,000 m \(Self.suggestion)") && line.contains(" km from the nearest, LA1"), "\(line)")
            #expect(abs(try distance(in: line) - facility.meters) <= 0.001 * facility.meters, "\(line)")
            if facility.id != "CH-01" { #expect(line.contains("from the nearest, \(facility.nearest),"), "\(line)") }
        }

        // `report` used to print nothing and 0.0 % coverage: now it stops, writing nothing.
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (report, out) = try analysis(["report", "--facilities", "facilities-wrong-zone.geojson"], in: folder)
        #expect(report.status == 65, "\(report)")
        #expect(report.stdout == "")
        #expect(lines(report.stderr) == ["error: the input layers have 5 errors:"] + found.dropLast().map { "  " + $0 })
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))

        // The option the message names accepts the points (as warnings, every command counting them).
        let tolerant = try run(["layers", "validate", "--facilities", "facilities-wrong-zone.geojson", "--tolerance-m", "600000"])
        #expect(tolerant.status == 0, "\(tolerant)")
        // CH-01, PH-LA11 and HC-LA1101-01 are then nearest another district than their stated one.
        #expect(lines(tolerant.stdout).last == "0 errors, 5 warnings (outside_all_districts 2, outside_stated_district 3)")
    }

    @Test func aVillageAtZeroZeroIsAnError() throws {
        let validate = try run(["layers", "validate", "--villages", "villages-null-island.geojson"])
        #expect(validate.status == 65, "\(validate)")
        let found = lines(validate.stdout)
        #expect(found.count == 2)
        #expect(found[0].hasPrefix("error: villages-null-island.geojson: feature 1 (1101002): field geometry: the village lies in no district: "))
        #expect(found[0].contains(" km from the nearest, LA1201 All Twelve, beyond the tolerance of 1,000 m (if the point is right, raise --tolerance-m"))
        #expect(found[0].contains("--crs villages=EPSG:…"))
        #expect(abs(try distance(in: found[0]) - 11_287_051.6) <= 0.001 * 11_287_051.6, "\(found[0])")
        #expect(found[1] == "1 error, 0 warnings (beyond_tolerance 1)")

        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (gaps, _) = try analysis(["gaps", "--villages", "villages-null-island.geojson"], in: folder)
        #expect(gaps.status == 65, "\(gaps)")
        #expect(lines(gaps.stderr) == ["error: the input layers have 1 error:", "  " + found[0]])
    }

    @Test func aCentralHospitalWithoutALocationIsAnError() throws {
        // It used to be left out, and central hospital care was 0 % everywhere.
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (report, _) = try analysis(["report", "--facilities", "facilities-central-no-location.geojson"], in: folder)
        #expect(report.status == 65, "\(report)")
        #expect(report.stdout == "")
        #expect(
            lines(report.stderr) == [
                "error: the input layers have 1 error:",
                "  error: facilities-central-no-location.geojson: feature 0 (CH-01): field geometry: a facility needs a geometry, found none",
            ])
    }

    @Test(arguments: [("villages", "village", false), ("facilities", "facility", false), ("districts", "district", true), ("provinces", "province", true)])
    func anEmptyLayerIsOneErrorNamingItsFile(_ layer: String, _ noun: String, _ holdsChecksBack: Bool) throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (report, _) = try analysis(["report", "--\(layer)", "no-features.geojson"], in: folder)
        #expect(report.status == 65, "\(report)")
        #expect(report.stdout == "")
        let found = lines(report.stderr)
        #expect(
            found.prefix(2) == [
                "error: the input layers have 1 error:",
                "  error: no-features.geojson: the \(layer) layer has no \(layer): every analysis needs at least one \(noun)",
            ])
        // An admin layer without features holds back the checks of the other layers against it.
        #expect(found.count == (holdsChecksBack ? 3 : 2))
        if holdsChecksBack { #expect(found.last?.hasPrefix("  Not checked: ") == true && found.last?.contains("since no-features.geojson has errors") == true) }
    }

    @Test func anEmptyDistrictsFileNamesItselfAndBlamesNoOtherLayer() throws {
        let validate = try run(["layers", "validate", "--districts", "no-features.geojson"])
        #expect(validate.status == 65, "\(validate)")
        #expect(
            lines(validate.stdout) == [
                "error: no-features.geojson: the districts layer has no districts: every analysis needs at least one district",
                "Not checked: the villages and facilities against the districts (their codes and where their points lie), since "
                    + "no-features.geojson has errors: fix them first.",
                "1 error, 0 warnings (empty_layer 1)",
            ])
    }

    /// The warning for villages-scaled.geojson: LA1101's villages at 9 % (90 + 45 = 135 of 1,500),
    /// LA1102's at 75 times (60,000 of 800); 135 + 60,000 + 1,200 + 300 = 61,635 against 3,800 (×16.2).
    private static let scaledWarning =
        "villages-scaled.geojson: field population: the villages' populations differ from the districts' own figures (population) "
        + "by more than 1 % in 2 of 3 districts; LA1102 East Eleven 60,000 against 800 (×75); LA1101 West Eleven 135 against "
        + "1,500 (×0.09); in all 61,635 against 3,800 (×16.2) (every count of people rests on the villages' figures: check the "
        + "field and year they come from)"

    private static let scaledStderr =
        "Layers: 1 warning (population_mismatch 1); coverage layers validate lists them.\n  worst: \(scaledWarning)\n"

    @Test func villagesThatDoNotAddUpToTheDistrictsAreAWarningInEveryCommand() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scaled = ["--villages", "villages-scaled.geojson"]
        var written: [URL] = []
        for command in [["assign"], ["gaps"], ["catchments"], ["capacity"], ["suggest", "--tier", "health_centre"], ["report"]] {
            let (run, out) = try analysis(command + scaled, in: folder)
            #expect(run.status == 0, "\(run)")
            #expect(run.stderr == Self.scaledStderr, "\(command)")
            written.append(out)
        }
        for command in [["layers", "summary"], ["query", "village", "1101001", "--standards", Self.standards]] {
            let run = try run(command + scaled)
            #expect(run.status == 0, "\(run)")
            #expect(run.stderr == Self.scaledStderr, "\(command)")
        }
        // A scenario: its layers go through the same load.
        let scenario = folder.appendingPathComponent("scaled.yaml")
        try """
        name: scaled
        data: \(LayersPaths.good.path)
        layers: {villages: \(LayersPaths.bad.appendingPathComponent("villages-scaled.geojson").path)}
        standards: \(Self.standards)
        region: national
        targets: [health_centre]
        outputs: [gaps]
        """.write(to: scenario, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("run")
        let scenarioRun = try CoverageProcess.run(["run", scenario.path, "--out", out.path])
        #expect(scenarioRun.status == 0, "\(scenarioRun)")
        #expect(
            scenarioRun.stderr == Self.scaledStderr.replacingOccurrences(of: "worst: villages-scaled", with: "worst: \(LayersPaths.bad.path)/villages-scaled"))
        written.append(out)

        // Every manifest records them.
        for folder in written {
            let manifest = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any])
            let warnings = try #require(manifest["layer_warnings"] as? [String: Any], "\(folder.lastPathComponent)")
            #expect(warnings["count"] as? Int == 1)
            #expect(warnings["by_code"] as? [String: Int] == ["population_mismatch": 1])
            #expect((warnings["worst"] as? String)?.hasPrefix("warning: ") == true)
            #expect((warnings["worst"] as? String)?.hasSuffix(Self.scaledWarning.replacingOccurrences(of: "villages-scaled.geojson: ", with: "")) == true)
        }
        // `layers validate` lists it with the rest.
        let validate = try run(["layers", "validate"] + scaled)
        #expect(validate.status == 0, "\(validate)")
        #expect(lines(validate.stdout) == ["warning: " + Self.scaledWarning, "0 errors, 1 warning (population_mismatch 1)"])
    }

    @Test func layersWithoutWarningsSayNothing() throws {
        let run = try run(["layers", "summary"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (gaps, out) = try analysis(["gaps"], in: folder)
        #expect(gaps.status == 0 && gaps.stderr == "", "\(gaps)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        let warnings = try #require(manifest["layer_warnings"] as? [String: Any])
        #expect(warnings["count"] as? Int == 0)
        #expect(warnings["by_code"] as? [String: Int] == [:])
        #expect(warnings["worst"] == nil)
    }

    // MARK: - One error per cause

    @Test func aMappingNamingNoColumnIsOneError() throws {
        let error =
            #"error: villages-twelve.csv: line 1: field nosuchcol: no column named "nosuchcol" for the villages' population, which "#
            + "--map villages.population=nosuchcol asks for; the header has: village_code, name, district_pcode, province_pcode, "
            + "population, lon, lat (the closest field name is population; --map villages.population=FIELD names the layer's own)"
        let validate = try run(["layers", "validate", "--villages", "villages-twelve.csv", "--map", "villages.population=nosuchcol"])
        #expect(validate.status == 65, "\(validate)")
        #expect(lines(validate.stdout) == [error, "1 error, 0 warnings (missing_field 1)"])  // 12 errors, one per row, until issue 15

        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (report, _) = try analysis(["report", "--villages", "villages-twelve.csv", "--map", "villages.population=nosuchcol"], in: folder)
        #expect(report.status == 65, "\(report)")
        #expect(lines(report.stderr) == ["error: the input layers have 1 error:", "  " + error])
    }

    @Test func aCSVWithoutItsIdColumnIsOneError() throws {
        let validate = try run(["layers", "validate", "--villages", "villages-twelve-no-id.csv"])
        #expect(validate.status == 65, "\(validate)")
        #expect(
            lines(validate.stdout) == [
                #"error: villages-twelve-no-id.csv: line 1: field village_code: no column named "village_code" for the villages' identifier, "#
                    + "which the shipped schema (GeoData/README.md) asks for; the header has: code, name, district_pcode, province_pcode, "
                    + "population, lon, lat (the closest field name is code; --map villages.id=FIELD names the layer's own)",
                "1 error, 0 warnings (missing_field 1)",
            ])
        // The mapping it suggests reads the file.
        let mapped = try run(["layers", "validate", "--villages", "villages-twelve-no-id.csv", "--map", "villages.id=code"])
        #expect(mapped.status == 0, "\(mapped)")
        #expect(mapped.stdout == "0 errors, 0 warnings\n")
    }

    @Test func namesWherePCodesBelongAreAnsweredWithTheCode() throws {
        // 25 villages of Thakhek (LA1201) from the shipped data, writing "Thakhek" and "Khammouan".
        let data = LayersPaths.geoData.path
        let validate = try CoverageProcess.run(
            ["layers", "validate", "--data", data, "--villages", "villages-thakhek-names.csv"], in: LayersPaths.bad)
        #expect(validate.status == 65, "\(validate)")
        let found = lines(validate.stdout)
        #expect(
            found[0]
                == #"error: villages-thakhek-names.csv: line 2 (1201001): field district_pcode: expected a P-code; "Thakhek" is the name of LA1201 (Thakhek)"#)
        #expect(
            found[1]
                == #"error: villages-thakhek-names.csv: line 2 (1201001): field province_pcode: expected a P-code; "Khammouan" is the name of LA12 (Khammouan)"#
        )
        // Twenty of each field, then one line for the other five of each: 42 lines, not 50 (or 14,040
        // for a whole layer of names).
        let errors = found.filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 40)
        #expect(errors.filter { $0.contains(#"field district_pcode: expected a P-code; "Thakhek" is the name of LA1201 (Thakhek)"#) }.count == 20)
        #expect(errors.filter { $0.contains(#"field province_pcode: expected a P-code; "Khammouan" is the name of LA12 (Khammouan)"#) }.count == 20)
        #expect(
            found.filter { $0.hasPrefix("…") } == [
                "… and 5 more like it (name_for_pcode in villages-thakhek-names.csv, field district_pcode)",
                "… and 5 more like it (name_for_pcode in villages-thakhek-names.csv, field province_pcode)",
            ])
        // Then the shipped facilities' three warnings and the count.
        #expect(found.count == 42 + 3 + 1)
        #expect(found.last == "50 errors, 3 warnings (name_for_pcode 50, outside_stated_district 2, services_assumed 1)")
    }
}
