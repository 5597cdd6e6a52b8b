import Foundation
import GeoIO
import TestSupport
import Testing

/// `coverage layers summary|validate` on the shipped data and on the small fixture set, run on
/// the built binary.
///
/// Expected figures: per province from shared/geodata-raw/derived-lao-adm2-pcode-population/
/// PROVENANCE.md (population, districts, villages) and from Python over GeoData/laos (facilities
/// by tier from facilities.geojson's `province_pcode` and `tier`; district names from
/// districts.geojson) — not from the loader.
@Suite("coverage layers")
struct LayersCommandTests {
    private static let shipped = LayersPaths.geoData.path

    /// The cells of the table row that starts with `first` (cells split on runs of spaces).
    private func row(_ stdout: String, _ first: String) -> [String]? {
        stdout.split(separator: "\n").map(String.init).first { $0.hasPrefix(first + " ") }
            .map { $0.split(separator: " ").map(String.init) }
    }

    // MARK: - summary

    @Test func summaryOfTheShippedData() throws {
        let run = try CoverageProcess.run(["layers", "summary", "--data", Self.shipped])
        #expect(run.status == 0, "\(run)")
        // The 10 known flaws and the warning that services are assumed (see validateTheShippedData),
        // counted on standard error with the worst: the farthest from its stated district, 37.5 km
        // (the village 1805019 and the proxy HC-LA1803-01 placed at it; the village comes first).
        #expect(run.stderr == Self.shippedWarnings)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "National (national): 18 provinces")
        #expect(
            lines[1].split(separator: " ") == [
                "province", "name", "districts", "villages", "population", "LSB", "districts", "HC", "DH", "PH",
                "CH", "facilities",
            ])
        // Facilities counted with Python (collections.Counter of facilities.geojson's `province_pcode`
        // and `tier`): LA01 has the 5 central hospitals and NC-01 (tier central_hospital).
        #expect(row(run.stdout, "national") == ["national", "National", "148", "8,499", "7,545,667", "7,545,667", "=", "964", "138", "18", "6", "1,126"])
        #expect(row(run.stdout, "LA01") == ["LA01", "Vientiane", "Capital", "9", "481", "1,009,287", "1,009,287", "=", "51", "9", "0", "6", "66"])
        #expect(row(run.stdout, "LA11") == ["LA11", "Bolikhamxai", "7", "303", "330,744", "330,744", "=", "32", "6", "1", "0", "39"])
        #expect(row(run.stdout, "LA18") == ["LA18", "Xaisomboon", "5", "96", "116,761", "116,761", "=", "12", "4", "1", "0", "17"])
        #expect(lines.filter { $0.hasPrefix("LA") }.count == 18)
        #expect(lines.last == "Village populations are estimates (each district's LSB figure shared among its villages).")
    }

    /// What every command that loads the shipped layers says about their warnings, on standard error.
    static let shippedWarnings = """
        Layers: 11 warnings (outside_stated_district 9, outside_all_districts 1, services_assumed 1); coverage layers validate lists them.
          worst: \(shipped)/villages.geojson: feature 8491 (1805019): field geometry: the village lies in LA1805 Longsane, 37.5 km from its \
        stated district LA1803

        """

    @Test func aBareSummaryReadsTheShippedData() throws {
        // No --data: the data folder is found from the binary's checkout.
        let run = try CoverageProcess.run(["layers", "summary"], in: FileManager.default.temporaryDirectory)
        #expect(run.status == 0, "\(run)")
        #expect(row(run.stdout, "national")?.last == "1,126")
    }

    @Test func summaryOfTheNorth() throws {
        let run = try CoverageProcess.run(["layers", "summary", "--data", Self.shipped, "--region", "north"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "North (north): 8 provinces")
        #expect(lines.filter { $0.hasPrefix("LA") }.map { String($0.prefix(4)) } == ["LA02", "LA03", "LA04", "LA05", "LA06", "LA07", "LA08", "LA09"])
        // Oudomxai's two provincial-tier features: PH-LA04 and the rehabilitation centre RC-LA04.
        #expect(row(run.stdout, "LA04") == ["LA04", "Oudomxai", "7", "473", "360,811", "360,811", "=", "55", "6", "2", "0", "63"])
        // 197,569 + 208,848 + 360,811 + 213,271 + 477,651 + 317,049 + 439,382 + 274,365 = 2,488,946.
        #expect(row(run.stdout, "north") == ["north", "North", "64", "4,006", "2,488,946", "2,488,946", "=", "469", "58", "9", "0", "536"])
    }

    @Test func summaryOfBolikhamxayAndKhammouane() throws {
        let run = try CoverageProcess.run(["layers", "summary", "--data", Self.shipped, "--region", "bolikhamxay-khammouane"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Bolikhamxay and Khammouane (bolikhamxay-khammouane): 2 provinces")
        #expect(row(run.stdout, "LA11") == ["LA11", "Bolikhamxai", "7", "303", "330,744", "330,744", "=", "32", "6", "1", "0", "39"])
        #expect(row(run.stdout, "LA12") == ["LA12", "Khammouan", "10", "582", "451,329", "451,329", "=", "64", "10", "1", "0", "75"])
        #expect(
            row(run.stdout, "bolikhamxay-khammouane") == [
                "bolikhamxay-khammouane", "Bolikhamxay", "and", "Khammouane", "17", "885",
                "782,073", "782,073", "=", "96", "16", "2", "0", "114",
            ])
    }

    @Test func anUnknownRegion() throws {
        let run = try CoverageProcess.run(["layers", "summary", "--data", Self.shipped, "--region", "nort"])
        // A command-line mistake: exit 64, the closest regions, provinces and districts listed.
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        // The layers loaded, with their warnings, before the region was looked up.
        #expect(
            run.stderr.hasPrefix(
                Self.shippedWarnings
                    + #"error: --region: no region, province or district has the code or name "nort"; the closest are:"# + "\n"
                    + "  north   North  (region)\n"), "\(run)")
    }

    @Test func summaryAsJSON() throws {
        let run = try CoverageProcess.run(["layers", "summary", "--data", Self.shipped, "--region", "bolikhamxay-khammouane", "--json"])
        #expect(run.status == 0, "\(run)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["region", "provinces", "total", "population_estimated"])
        #expect(document["population_estimated"] as? Bool == true)
        let region = try #require(document["region"] as? [String: Any])
        #expect(region["id"] as? String == "bolikhamxay-khammouane")
        #expect(region["provinces"] as? [String] == ["LA11", "LA12"])
        let total = try #require(document["total"] as? [String: Any])
        #expect(total["districts"] as? Int == 17)
        #expect(total["villages"] as? Int == 885)
        #expect(total["village_population"] as? Int == 782_073)
        #expect(total["district_population"] as? Int == 782_073)
        #expect(total["facilities"] as? Int == 114)
        #expect(
            total["facilities_by_tier"] as? [String: Int]
                == ["health_centre": 96, "district_hospital": 16, "provincial_hospital": 2, "central_hospital": 0])
        let provinces = try #require(document["provinces"] as? [[String: Any]])
        #expect(provinces.map { $0["pcode"] as? String } == ["LA11", "LA12"])
        #expect(provinces.map { $0["village_population"] as? Int } == [330_744, 451_329])
    }

    @Test func summaryOfTheFixtureSet() throws {
        let run = try CoverageProcess.run(["layers", "summary", "--data", LayersPaths.good.path])
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdout == """
                National (national): 2 provinces
                province  name      districts  villages  population  LSB districts     HC  DH  PH  CH  facilities
                ────────  ────────  ─────────  ────────  ──────────  ─────────────  ─  ──  ──  ──  ──  ──────────
                LA11      Eleven            2         3       2,300          2,300  =   1   1   1   0           3
                LA12      Twelve            1         2       1,500          1,500  =   1   0   0   1           2
                ────────  ────────  ─────────  ────────  ──────────  ─────────────  ─  ──  ──  ──  ──  ──────────
                national  National          3         5       3,800          3,800  =   2   1   1   1           5
                population: the villages' sum; LSB districts: the districts' own figure (= when they agree).
                HC health centres, DH district hospitals, PH provincial hospitals, CH central hospitals.
                Village populations are estimates (each district's LSB figure shared among its villages).

                """)
    }

    // MARK: - validate

    /// The known flaws of the shipped data (GeoData/README.md) but the village outside every
    /// district: feature index, id, the district the point lies in and its name, the stated
    /// district, and the distance: kilometres as the message must show them; metres unrounded,
    /// measured in an azimuthal equidistant projection centred on the point (pyproj, WGS 84). Of
    /// the facilities, only the two proxies placed at misplaced villages (HC-LA1307-04 at 1307048,
    /// HC-LA1803-01 at 1805019) lie outside their stated district since issue 14 (shapely `covers`
    /// over facilities.geojson's 1,126 features).
    private static let flaws: [(file: String, feature: Int, id: String, placed: String, stated: String, distance: String)] = [
        ("villages", 360, "107028", "LA0104 Sisattanak", "LA0107", "28.841"), ("villages", 1052, "301046", "LA0403 Namor", "LA0301", "24.607"),
        ("villages", 1841, "407080", "LA0406 Hoon", "LA0407", "13.539"), ("villages", 5409, "1203039", "LA1311 Xaybuly", "LA1203", "19.788"),
        ("villages", 6262, "1307048", "LA1304 Phine", "LA1307", "25.876"), ("villages", 8489, "1805017", "LA1805 Longsane", "LA1803", "36.5 km"),
        ("villages", 8491, "1805019", "LA1805 Longsane", "LA1803", "37.5 km"),
        ("facilities", 872, "HC-LA1307-04", "LA1304 Phine", "LA1307", "25.876"),
        ("facilities", 1120, "HC-LA1803-01", "LA1805 Longsane", "LA1803", "37.5 km"),
    ]

    @Test func validateTheShippedData() throws {
        let run = try CoverageProcess.run(["layers", "validate", "--data", Self.shipped])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 12)
        #expect(lines.last == "0 errors, 11 warnings (outside_all_districts 1, outside_stated_district 9, services_assumed 1)")
        for flaw in Self.flaws {
            let noun = flaw.file == "villages" ? "village" : "facility"
            let start =
                "warning: \(Self.shipped)/\(flaw.file).geojson: feature \(flaw.feature) (\(flaw.id)): field geometry: the \(noun) lies in \(flaw.placed), "
            let line = try #require(lines.first { $0.hasPrefix(start) }, "no line starts \(start)")
            #expect(line.hasSuffix(" from its stated district \(flaw.stated)"), "\(line)")
            // Kilometres exactly; metres within 0.1 m (the message rounds to 0.1 m, from GEOS's
            // nearest point in the plane of the degrees).
            if flaw.distance.hasSuffix(" km") {
                #expect(line.contains(", \(flaw.distance) from"), "\(line)")
            } else {
                let shown = try #require(line.firstMatch(of: /, ([0-9.]+) m from/).flatMap { Double($0.1) }, "\(line)")
                #expect(abs(shown - Double(flaw.distance)!) <= 0.1 + 1e-9, "\(line)")
            }
        }
        #expect(
            lines.contains(
                "warning: \(Self.shipped)/villages.geojson: feature 3902 (808016): field geometry: "
                    + "the village lies in no district polygon, 7.0 m from LA0808, which is taken as where it lies"))
        // One warning for the layer: 1,122 of its 1,126 features have `services` null (Python's json;
        // NC-01, RC-LA04, PH-LA11 and PH-LA12 list theirs), and get the tiers' `services` of
        // standards.yaml, named as they are there.
        #expect(
            lines.contains(
                "warning: \(Self.shipped)/facilities.geojson: 1122 of 1126 facilities list no services: each is given its tier's default "
                    + "services from the standards (health centre: epi, delivery; district hospital: epi, cold_chain, delivery; "
                    + "provincial hospital: epi, cold_chain, delivery, surgery; central hospital: epi, cold_chain, delivery, surgery)"))
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("warning: ") })
    }

    @Test func validateTheShippedDataAsJSON() throws {
        let run = try CoverageProcess.run(["layers", "validate", "--data", Self.shipped, "--json"])
        #expect(run.status == 0, "\(run)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["errors"] as? Int == 0)
        #expect(document["warnings"] as? Int == 11)
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.count == 11)
        var expected = Set(Self.flaws.map { "outside_stated_district \($0.id) \($0.file).geojson \($0.feature)" })
        expected.insert("outside_all_districts 808016 villages.geojson 3902")
        expected.insert("services_assumed ? facilities.geojson -1")  // about the layer: no record, no feature
        let found = Set(
            findings.map { finding in
                let file = URL(fileURLWithPath: finding["file"] as? String ?? "").lastPathComponent
                return "\(finding["code"] as? String ?? "?") \(finding["record_id"] as? String ?? "?") \(file) \(finding["feature_index"] as? Int ?? -1)"
            })
        #expect(found == expected)
        let assumed = try #require(findings.first { $0["code"] as? String == "services_assumed" })
        #expect(assumed["severity"] as? String == "warning" && assumed["record_id"] is NSNull && assumed["field"] is NSNull)
        #expect((assumed["message"] as? String)?.hasPrefix("1122 of 1126 facilities list no services") == true)
        for finding in findings where finding["code"] as? String != "services_assumed" {
            #expect(finding["severity"] as? String == "warning")
            #expect(finding["field"] as? String == "geometry")
            #expect(finding["line"] is NSNull && finding["column"] is NSNull && finding["suggestion"] is NSNull)
            #expect((finding["message"] as? String)?.hasPrefix("the ") == true)
        }
    }

    @Test func validateTheFixtureSet() throws {
        let run = try CoverageProcess.run(["layers", "validate", "--data", LayersPaths.good.path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "0 errors, 0 warnings\n")
        #expect(run.stderr == "")
    }

    @Test func validateABadSetAsJSONListsEveryError() throws {
        let run = try CoverageProcess.run(["layers", "validate", "--data", "bad-set", "--json"], in: LayersPaths.bad)
        #expect(run.status == 65, "\(run)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["errors"] as? Int == 4)
        #expect(document["warnings"] as? Int == 0)
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.map { $0["code"] as? String } == ["duplicate_id", "missing_province", "negative_population", "unknown_service"])
        #expect(
            findings.map { URL(fileURLWithPath: $0["file"] as? String ?? "").lastPathComponent }
                == ["provinces.geojson", "districts.geojson", "villages.geojson", "facilities.geojson"])
        #expect(findings.map { $0["feature_index"] as? Int } == [2, 3, 5, 5])
        #expect(findings.map { $0["field"] as? String } == ["pcode", "province_pcode", "population", "services"])
        #expect(findings.map { $0["record_id"] as? String } == ["LA11", "LA1202", "1101009", "HC-9"])
        // The provinces have an error: the other layers are not checked against them, and the document says so.
        let skipped = try #require(document["skipped_checks"] as? [String])
        #expect(skipped.count == 1 && skipped[0].hasPrefix("the other layers against the provinces "), "\(skipped)")
        #expect(skipped[0].hasSuffix("bad-set/provinces.geojson has errors: fix them first"), "\(skipped)")
    }

    @Test func validateACSVAsJSONGivesLines() throws {
        let run = try CoverageProcess.run(
            ["layers", "validate", "--data", LayersPaths.goodFromBad, "--villages", "villages-bad-coordinates.csv", "--json"],
            in: LayersPaths.bad)
        #expect(run.status == 65, "\(run)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.map { $0["line"] as? Int } == [3, 4, 5, 6])
        #expect(findings.allSatisfy { $0["feature_index"] is NSNull })
        #expect(findings[2]["suggestion"] as? String == "use a point as the decimal separator")
    }

    // MARK: - Options

    @Test func fieldMapsOnTheCommandLine() throws {
        let good = LayersPaths.good.path
        var arguments = ["layers", "summary", "--data", good, "--villages", "\(good)/villages_other_names.csv", "--csv-delimiter", "semicolon"]
        for map in ["id=vcode", "district=dist", "province=prov", "population=pop_2023", "lon=x_deg", "lat=y_deg"] {
            arguments += ["--map", "villages.\(map)"]
        }
        // Without a name, each village is named by its code, with one warning for the layer.
        let unnamed = try CoverageProcess.run(arguments)
        #expect(unnamed.status == 0, "\(unnamed)")
        #expect(row(unnamed.stdout, "national") == ["national", "National", "3", "5", "3,800", "3,800", "=", "2", "1", "1", "1", "5"])
        #expect(
            unnamed.stderr == """
                Layers: 1 warning (missing_name 1); coverage layers validate lists them.
                  worst: \(good)/villages_other_names.csv: line 1: field name: no village has a name (field name): each is named by its \
                identifier (did you mean vname? --map villages.name=FIELD names the layer's own)

                """)
        let named = try CoverageProcess.run(arguments + ["--map", "villages.name=vname"])
        #expect(named.status == 0, "\(named)")
        #expect(named.stderr == "")
        // The CSV says nothing about estimates.
        #expect(!named.stdout.contains("Village populations are estimates"))
    }

    @Test func aMappingFile() throws {
        let good = LayersPaths.good.path
        let arguments = [
            "layers", "validate", "--data", good, "--villages", "\(good)/villages_other_names.csv", "--csv-delimiter", "semicolon",
            "--facilities", "\(good)/facilities_other_names.geojson", "--mapping", "\(good)/mapping.yaml",
        ]
        let run = try CoverageProcess.run(arguments)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "0 errors, 0 warnings\n")
        // Without the mapping file the villages' coordinate columns are not found.
        let unmapped = try CoverageProcess.run(Array(arguments.dropLast(2)))
        #expect(unmapped.status == 65)
        #expect(unmapped.stdout == "")
        #expect(
            unmapped.stderr.hasPrefix(
                "error: \(good)/villages_other_names.csv: line 1: no longitude column: expected one named lon, longitude, x "
                    + "(any case); the header has: vcode, vname, dist, prov, pop_2023, kids, x_deg, y_deg"))
    }

    @Test func aFieldMapWinsOverTheMappingFile() throws {
        let good = LayersPaths.good.path
        let run = try CoverageProcess.run([
            "layers", "summary", "--data", good, "--villages", "\(good)/villages_other_names.csv",
            "--facilities", "\(good)/facilities_other_names.geojson", "--csv-delimiter", "semicolon",
            "--mapping", "\(good)/mapping.yaml", "--map", "villages.population=kids",
        ])
        #expect(run.status == 0, "\(run)")
        // The `kids` column: 100 + 50 + 80 + 120 + 30 = 380, no longer the districts' 3,800.
        #expect(row(run.stdout, "national")?.prefix(7) == ["national", "National", "3", "5", "380", "3,800", "≠"])
    }

    @Test func projectedLayersWithTheirCRS() throws {
        let good = LayersPaths.good.path
        let districts = try CoverageProcess.run([
            "layers", "summary", "--data", good, "--districts", "\(good)/districts_utm48n.geojson",
            "--crs", "districts=EPSG:32648",
        ])
        #expect(districts.status == 0, "\(districts)")
        #expect(row(districts.stdout, "national") == ["national", "National", "3", "5", "3,800", "3,800", "=", "2", "1", "1", "1", "5"])
        let villages = try CoverageProcess.run(
            [
                "layers", "validate", "--data", LayersPaths.goodFromBad, "--villages", "villages-utm48n.csv",
                "--crs", "villages=EPSG:32648",
            ], in: LayersPaths.bad)
        #expect(villages.status == 0, "\(villages)")
        #expect(villages.stdout == "0 errors, 0 warnings\n")
    }

    @Test func theTolerance() throws {
        // 1101011 lies 10.6 km east of every district and states none: with 20 km it is placed.
        let run = try CoverageProcess.run(
            [
                "layers", "validate", "--data", LayersPaths.goodFromBad, "--villages", "villages-codes.geojson",
                "--tolerance-m", "20000",
            ], in: LayersPaths.bad)
        #expect(run.status == 65, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "warning: villages-codes.geojson: feature 7 (1101011): field geometry: the village lies in no district polygon, "
                    + "10.6 km from LA1102, which is taken as where it lies"))
        #expect(!lines.contains { $0.contains("missing_district") || $0.contains("states no district") })
        #expect(
            lines.last == "2 errors, 3 warnings (outside_all_districts 1, outside_stated_district 1, province_mismatch 1, "
                + "unknown_district_code 1, unknown_province_code 1)")
    }

    @Test func repair() throws {
        let run = try CoverageProcess.run(
            ["layers", "validate", "--data", LayersPaths.goodFromBad, "--districts", "districts-bow-tie.geojson", "--repair"],
            in: LayersPaths.bad)
        #expect(run.status == 0, "\(run)")
        // Areas by pyproj (Geod(ellps="WGS84")): the bow-tie's signed lobes cancel; the two triangles are 2,938.432 km² each.
        // LA1202, repaired, has 10 persons and no village: the villages (3,800) fall short of the
        // districts' figures (3,810).
        #expect(
            run.stdout
                == """
                warning: districts-bow-tie.geojson: feature 3 (LA1202): field geometry: invalid polygon: Self-intersection at 105.5 17.5; \
                repaired with make-valid into 2 polygon(s), area 0.000 → 5876.864 km²
                warning: GOOD/villages.geojson: field population: the villages' populations differ from the districts' own figures \
                (population) by more than 1 % in 1 of 4 districts; LA1202 Extra 0 against 10 (×0); in all 3,800 against 3,810 (×0.997) \
                (every count of people rests on the villages' figures: check the field and year they come from)
                0 errors, 2 warnings (population_mismatch 1, repaired_polygon 1)

                """.replacingOccurrences(of: "GOOD", with: LayersPaths.good.standardizedFileURL.path))
        let summary = try CoverageProcess.run(
            [
                "layers", "summary", "--data", LayersPaths.goodFromBad, "--districts", "districts-bow-tie.geojson",
                "--repair",
            ], in: LayersPaths.bad)
        #expect(summary.status == 0, "\(summary)")
        // LA1202 (10 persons, no villages) joins Twelve.
        #expect(row(summary.stdout, "LA12") == ["LA12", "Twelve", "2", "2", "1,500", "1,510", "≠", "1", "0", "0", "1", "2"])
        #expect(summary.stderr.hasPrefix("Layers: 2 warnings (population_mismatch 1, repaired_polygon 1); coverage layers validate lists them.\n"))
    }

    @Test func aDHIS2ExportWithATierMapping() throws {
        // The tier-mapping file is read; the unit without coordinates is an error since issue 15
        // (a facility left out changes its tier's coverage), naming the import that leaves such units out.
        let mapping = CoverageProcess.coreFixtures.appendingPathComponent("import/tier_mapping.json").path
        let run = try CoverageProcess.run(
            [
                "layers", "validate", "--data", LayersPaths.goodFromBad, "--facilities", "facilities-dhis2.json",
                "--tier-mapping", mapping,
            ], in: LayersPaths.bad)
        #expect(run.status == 65, "\(run)")
        #expect(
            run.stdout.hasPrefix(
                "error: facilities-dhis2.json: feature 1 (hNk8Jj2Cc6T): no coordinates in the DHIS2 export (a facility without a location "
                    + "cannot be counted; coverage import dhis2 writes the units that have coordinates and lists the others)\n"))
        // The two units placed (a health centre and a provincial hospital) are in no service group: their
        // services are their tiers' defaults, none in the fixture folder (it has no standards.yaml).
        #expect(
            run.stdout.contains(
                "warning: facilities-dhis2.json: 2 of 2 facilities list no services: each is given its tier's default services "
                    + "from the standards (health centre: none; provincial hospital: none)\n"))
        #expect(run.stdout.hasSuffix("1 error, 1 warning (missing_geometry 1, services_assumed 1)\n"))
    }

    @Test(arguments: [
        (["--tolerance-m=-1"], "Error: --tolerance-m: expected a number of metres ≥ 0, found -1"),
        (["--tolerance-m", "-1"], "Error: --tolerance-m: expected a number of metres ≥ 0, found -1"),
        (["--tolerance-m", "nan"], "Error: --tolerance-m: expected a number of metres ≥ 0, found nan"),
        (["--tolerance-m", "far"], "Error: --tolerance-m: expected a number of metres ≥ 0, found far"),
        (
            ["--map", "villages.popul=x"],
            "Error: --map villages.popul=x: popul is not a field role of villages (roles: id, name, district, province, "
                + "population, under5, births_live, women_15_49, population_year, population_estimated, lon, lat)"
        ),
        (["--map", "rivers.id=x"], "Error: --map rivers.id=x: unknown layer rivers (expected provinces, districts, villages, facilities)"),
        (["--map", "villages.id"], "Error: --map villages.id: expected LAYER.ROLE=FIELD, e.g. villages.population=pop_2023"),
        (
            ["--map", "villages.tier=level"],
            "Error: --map villages.tier=level: tier is not a field role of villages (roles: id, name, district, "
                + "province, population, under5, births_live, women_15_49, population_year, population_estimated, lon, lat)"
        ),
        (["--crs", "EPSG:32648"], "Error: --crs EPSG:32648: expected LAYER=CRS, e.g. districts=EPSG:32648"),
        (["--crs", "rivers=EPSG:32648"], "Error: --crs rivers=EPSG:32648: expected LAYER=CRS, e.g. districts=EPSG:32648"),
        (["--csv-delimiter", "pipe"], "Error: --csv-delimiter pipe: expected comma, semicolon or tab"),
        (["--region"], "Error: Missing value for '--region <region>'"),
        (["--frobnicate"], "Error: Unknown option '--frobnicate'"),
    ])
    func badOptionValues(_ options: [String], _ message: String) throws {
        for command in ["summary", "validate"] where !(command == "validate" && options == ["--region"]) {
            let run = try CoverageProcess.run(["layers", command, "--data", LayersPaths.good.path] + options)
            #expect(!run.crashed)
            #expect(run.status == 64, "\(run)")
            #expect(run.stdout == "")
            #expect(run.stderr.split(separator: "\n").first.map(String.init) == message, "\(run)")
        }
    }
}
