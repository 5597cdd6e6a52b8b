import Foundation
import GeoIO
import TestSupport
import Testing

/// Loosely typed access to the `--json` report, for field-by-field checks.
private func object(_ value: Any?, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    try #require(value as? [String: Any], "expected a JSON object, found \(String(describing: value))", sourceLocation: sourceLocation)
}

private func array(_ value: Any?, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Any] {
    try #require(value as? [Any], "expected a JSON array, found \(String(describing: value))", sourceLocation: sourceLocation)
}

private func number(_ value: Any?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Double {
    try #require((value as? NSNumber)?.doubleValue, "expected a JSON number, found \(String(describing: value))", sourceLocation: sourceLocation)
}

private func parseJSON(_ text: String) throws -> [String: Any] {
    try object(JSONSerialization.jsonObject(with: Data(text.utf8)))
}

private let golden = "bolikhamxay_districts.geojson"

@Suite("coverage inspect")
struct InspectCommandTests {
    @Test func goldenTable() throws {
        let run = try CoverageProcess.run(["inspect", golden], in: CoverageProcess.coreFixtures)
        #expect(!run.crashed)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == (try CoverageProcess.fixtureText("golden/inspect-bolikhamxay.txt")))
        #expect(run.stderr == "")
    }

    @Test func goldenJSON() throws {
        let run = try CoverageProcess.run(["inspect", "--json", golden], in: CoverageProcess.coreFixtures)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")
        let report = try parseJSON(run.stdout)
        #expect(report["tool"] as? String == "coverage 0.1.0")
        #expect(try array(report["errors"]).isEmpty)
        let layers = try array(report["layers"])
        #expect(layers.count == 1)
        let layer = try object(layers.first)
        #expect(layer["file"] as? String == golden)
        #expect(try number(layer["feature_count"]) == 7)
        #expect(try object(layer["geometry_types"]).count == 1)
        #expect(try number(try object(layer["geometry_types"])["Polygon"]) == 7)
        let box = try array(layer["bounding_box"]).map { try number($0) }
        let expectedBox = [102.82311001100004, 17.869709156000056, 105.25866843000006, 19.119834425000022]  // shapely, see Fixtures/README.md
        #expect(box.count == 4 && zip(box, expectedBox).allSatisfy { abs($0 - $1) < 1e-12 }, "\(box)")
        #expect(layer["source_crs"] is NSNull)  // CRS84: nothing reprojected, written as an explicit null
        #expect(try array(layer["property_names"]).count == 22)
        #expect(try array(layer["property_names"]).first as? String == "pcode")
        #expect(layer["id_field"] as? String == "properties.pcode")
        #expect(try number(layer["distinct_ids"]) == 7)
        for key in [
            "features_without_id", "duplicate_ids", "null_geometries", "empty_geometries",
            "malformed_geometries", "invalid_geometries", "out_of_range_coordinates",
        ] {
            #expect(try array(layer[key]).isEmpty, "\(key)")
        }
        #expect(try number(layer["out_of_range_coordinate_count"]) == 0)
        #expect(layer["is_polygon_layer"] as? Bool == true)

        // Areas against pyproj, computed independently (CoverageCoreTests/Fixtures).
        let expected = try object(
            JSONSerialization.jsonObject(
                with: Data(
                    contentsOf:
                        CoverageProcess.coreFixtures.appendingPathComponent("bolikhamxay_districts_areas_pyproj.json"))))
        let districts = try array(expected["districts"]).map { try object($0) }
        let areas = try array(layer["feature_areas_km2"]).map { try object($0) }
        #expect(areas.count == 7)
        for (index, (area, district)) in zip(areas, districts).enumerated() {
            #expect(try number(area["feature_index"]) == Double(index))
            #expect(area["id"] as? String == district["pcode"] as? String)
            let reference = try number(district["area_km2"])
            #expect(abs(try number(area["area_km2"]) - reference) / reference < 1e-4)
        }
        let total = try districts.map { try number($0["area_km2"]) }.reduce(0, +)
        #expect(abs(try number(layer["geodesic_area_km2"]) - total) / total < 1e-4)
        // Every key, so that a renamed or added one is noticed.
        #expect(
            Set(layer.keys) == [
                "file", "feature_count", "geometry_types", "bounding_box", "property_names", "id_field", "distinct_ids",
                "features_without_id", "duplicate_ids", "null_geometries", "empty_geometries", "malformed_geometries",
                "invalid_geometries", "out_of_range_coordinate_count", "out_of_range_coordinates", "is_polygon_layer",
                "geodesic_area_km2", "feature_areas_km2", "source_crs", "id_field_missing", "axes_look_swapped", "is_clean",
            ])
        #expect(layer["is_clean"] as? Bool == true)
        #expect(layer["id_field_missing"] as? Bool == false)
        #expect(layer["axes_look_swapped"] as? Bool == false)
    }

    @Test func jsonListsFindings() throws {
        let run = try CoverageProcess.run(["inspect", "--json", "bad/bow-tie.geojson", "layers/facilities-with-findings.geojson"])
        #expect(run.status == 0, "\(run)")
        let layers = try array(try parseJSON(run.stdout)["layers"]).map { try object($0) }
        #expect(layers.count == 2)
        let invalid = try array(layers[0]["invalid_geometries"]).map { try object($0) }
        #expect(invalid.count == 1)
        #expect(invalid.first?["reason"] as? String == "Self-intersection")
        #expect(invalid.first?["id"] as? String == "LA1101")
        // The diagonals of the 103–104 × 18–19 bow-tie cross at its centre.
        #expect(try array(invalid.first?["location"]).map { try number($0) } == [103.5, 18.5])
        #expect(try number(invalid.first?["feature_index"]) == 0)
        let withoutId = try array(layers[1]["features_without_id"]).map { try object($0) }
        #expect(withoutId.count == 1)
        #expect(try number(withoutId.first?["feature_index"]) == 2)
        let nulls = try array(layers[1]["null_geometries"]).map { try object($0) }
        #expect(try nulls.map { try number($0["feature_index"]) } == [2])
        #expect(try object(layers[1]["geometry_types"]).keys.sorted() == ["Point", "null"])
    }

    @Test func idField() throws {
        let run = try CoverageProcess.run(["inspect", "--id-field", "province_pcode", golden], in: CoverageProcess.coreFixtures)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("\n  identifiers         properties.province_pcode: 1 distinct, 1 duplicated\n"), "\(run)")
        #expect(run.stdout.hasSuffix("\n  duplicate identifiers:\n    LA11 in features 0, 1, 2, 3, 4, 5, 6\n"), "\(run)")

        let json = try CoverageProcess.run(["inspect", "--json", "--id-field", "gb_shapeName", golden], in: CoverageProcess.coreFixtures)
        let layer = try object(try array(try parseJSON(json.stdout)["layers"]).first)
        #expect(layer["id_field"] as? String == "properties.gb_shapeName")
        #expect(
            try array(layer["feature_areas_km2"]).map { try object($0)["id"] as? String }
                == ["Pakxane", "Thaphabath", "Pakkading", "Bolikhanh", "Khamkeuth", "Viengthong", "Xaychamphone"])
    }

    /// RFC 7946 allows a bare geometry and a single Feature as the whole document: each is a
    /// layer of one feature (the square's area, 11,688.8 km², from pyproj's
    /// `Geod(ellps="WGS84").geometry_area_perimeter`).
    @Test func aBareGeometryAndASingleFeatureAreLayersOfOne() throws {
        let run = try CoverageProcess.run(["inspect", "layers/bare-polygon.geojson", "layers/single-feature.geojson"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")
        let tables = run.stdout.components(separatedBy: "\n\n")
        #expect(tables.count == 2)
        #expect(tables[0].contains("\n  features            1\n  geometry types      Polygon 1\n"), "\(run)")
        #expect(tables[0].contains("\n  properties          none\n"))
        #expect(tables[0].contains("\n  geodesic area       11,688.8 km² (1 feature, WGS 84)"))
        #expect(tables[1].contains("\n  features            1\n  geometry types      Point 1\n"), "\(run)")
        #expect(tables[1].contains("\n  identifiers         feature id (@id): 1 distinct, no duplicates\n"), "\(run)")
    }

    /// `--id-field @id` names the feature `id` member, as in a field mapping; a property name
    /// still names the property.
    @Test func idFieldFeatureId() throws {
        let run = try CoverageProcess.run([
            "inspect", "--json", "--id-field", "@id", "layers/single-feature.geojson", "layers/facilities-with-findings.geojson",
        ])
        #expect(run.status == 0, "\(run)")
        let layers = try array(try parseJSON(run.stdout)["layers"]).map { try object($0) }
        #expect(layers.map { $0["id_field"] as? String } == ["id", "id"])
        #expect(layers.map { $0["id_field_missing"] as? Bool } == [false, true])
        #expect(try number(layers[0]["distinct_ids"]) == 1)
        let byProperty = try CoverageProcess.run(["inspect", "--json", "--id-field", "facility_id", "layers/single-feature.geojson"])
        #expect(try object(try array(try parseJSON(byProperty.stdout)["layers"]).first)["id_field"] as? String == "properties.facility_id")
    }

    @Test func idFieldFindsDuplicateNames() throws {
        let run = try CoverageProcess.run(["inspect", "--id-field", "name", "layers/facilities-with-findings.geojson"])
        #expect(run.status == 0)
        #expect(
            run.stdout == """
                layers/facilities-with-findings.geojson
                  features            3
                  geometry types      Point 2, null 1
                  bounding box        lon 103.2000 to 103.6600, lat 18.3900 to 18.4000
                  properties          2: facility_id, name
                  identifiers         properties.name: 2 distinct, 1 duplicated
                  null geometries     1
                  empty geometries    none
                  malformed           none
                  invalid geometries  none
                  out of range        none
                  duplicate identifiers:
                    Pakxan in features 0, 1
                  null geometries:
                    feature 2 (Thaphabat)

                """)
    }

    @Test func strictOnACleanLayerExitsZero() throws {
        let run = try CoverageProcess.run(["inspect", "--strict", golden], in: CoverageProcess.coreFixtures)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == (try CoverageProcess.fixtureText("golden/inspect-bolikhamxay.txt")))
        #expect(run.stderr == "")
    }

    @Test func strictOnALayerWithFindingsExits65() throws {
        let plain = try CoverageProcess.run(["inspect", "layers/facilities-with-findings.geojson"])
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.stderr == "")
        let strict = try CoverageProcess.run(["inspect", "--strict", "layers/facilities-with-findings.geojson"])
        #expect(strict.status == 65, "\(strict)")
        #expect(strict.stdout == plain.stdout)  // the table is still printed
        #expect(strict.stdout.contains("\n  identifiers         properties.facility_id: 2 distinct, no duplicates, 1 feature without one\n"))
        #expect(strict.stderr == "error: layers/facilities-with-findings.geojson has findings (--strict)\n")
    }

    @Test func badJSONExits65NamingFileLineAndColumn() throws {
        let run = try CoverageProcess.run(["inspect", "bad/trailing-comma.geojson"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr == "error: bad/trailing-comma.geojson:3:1: not valid JSON: unexpected ']' (expected a value)\n")
    }

    @Test func missingFileExits66() throws {
        let run = try CoverageProcess.run(["inspect", "no-such-layer.geojson"])
        #expect(run.status == 66, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr == "error: no-such-layer.geojson: cannot be read: no such file\n")
    }

    @Test func directoryExits66() throws {
        let run = try CoverageProcess.run(["inspect", "bad"])
        #expect(run.status == 66, "\(run)")
        #expect(run.stderr == "error: bad: cannot be read: it is a directory\n")
    }

    @Test func oneBadFileAmongSeveral() throws {
        let run = try CoverageProcess.run(["inspect", "data/facilities.geojson", "bad/nan.geojson", "data/districts.geojson"])
        #expect(run.status == 65, "\(run)")
        // Both good layers are reported, in order, and the bad one on standard error.
        #expect(run.stdout.hasPrefix("data/facilities.geojson\n  features            2\n"), "\(run)")
        #expect(run.stdout.contains("\n\ndata/districts.geojson\n  features            2\n"), "\(run)")
        #expect(!run.stdout.contains("nan.geojson"))
        #expect(run.stderr == "error: bad/nan.geojson:2:85: not valid JSON: NaN and Infinity are not valid JSON numbers\n")
    }

    @Test func missingAndBadFilesExitWithTheWorseCode() throws {
        let run = try CoverageProcess.run(["inspect", "bad/nan.geojson", "absent.geojson", "data/facilities.geojson"])
        #expect(run.status == 66, "\(run)")
        #expect(run.stdout.hasPrefix("data/facilities.geojson\n"))
        #expect(
            run.stderr == """
                error: bad/nan.geojson:2:85: not valid JSON: NaN and Infinity are not valid JSON numbers
                error: absent.geojson: cannot be read: no such file

                """)
    }

    @Test func jsonReportCarriesTheErrorsToo() throws {
        let run = try CoverageProcess.run(["inspect", "--json", "data/facilities.geojson", "bad/wrong-type.geojson"])
        #expect(run.status == 65, "\(run)")
        let report = try parseJSON(run.stdout)
        #expect(try array(report["layers"]).count == 1)
        let errors = try array(report["errors"]).map { try object($0) }
        #expect(errors.count == 1)
        #expect(errors.first?["file"] as? String == "bad/wrong-type.geojson")
        let message =
            #"bad/wrong-type.geojson: field type: expected "FeatureCollection", "Feature" or a geometry type "#
            + #"(Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection), found "Topology""#
        #expect(errors.first?["message"] as? String == message)
        #expect(run.stderr == "error: \(message)\n")
    }

    @Test func noArgumentsInspectsTheDataDirectory() throws {
        let data = CoverageProcess.fixtures.appendingPathComponent("data")
        // Run from a folder that has a GeoData/laos of its own: the variable comes first.
        let elsewhere = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let decoy = elsewhere.appendingPathComponent("GeoData/laos")
        try FileManager.default.createDirectory(at: decoy, withIntermediateDirectories: true)
        try Data("not even JSON".utf8).write(to: decoy.appendingPathComponent("decoy.geojson"))
        let run = try CoverageProcess.run(["inspect"], in: elsewhere, environment: ["HEALTHCOVERAGE_DATA": data.path])
        #expect(run.status == 0, "\(run)")
        // Every .geojson of the folder in name order (README.txt skipped), named by full path.
        let expected = try CoverageProcess.fixtureText("golden/inspect-data-directory.txt")
            .replacingOccurrences(of: "$DATA/", with: data.path + "/")
        #expect(run.stdout == expected)
        #expect(run.stderr == "")
    }

    @Test func dataDirectoryUnderTheCurrentDirectory() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("GeoData/laos")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CoverageProcess.fixtures.appendingPathComponent("data/districts.geojson"),
            to: data.appendingPathComponent("districts.geojson"))
        let run = try CoverageProcess.run(["inspect"], in: folder)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("\(data.path)/districts.geojson\n  features            2\n"), "\(run)")
        #expect(run.stderr == "")
    }

    @Test func dataDirectoryOfTheCheckoutHoldingTheBinary() throws {
        // <checkout>/.build/debug/coverage finds <checkout>/GeoData/laos when run from elsewhere.
        let checkout = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: checkout) }
        let data = checkout.appendingPathComponent("GeoData/laos")
        let copy = checkout.appendingPathComponent(".build/debug/coverage")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CoverageProcess.fixtures.appendingPathComponent("data/facilities.geojson"),
            to: data.appendingPathComponent("facilities.geojson"))
        try FileManager.default.copyItem(at: CoverageProcess.binary(), to: copy)
        let elsewhere = checkout.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let run = try CoverageProcess.run(["inspect"], in: elsewhere, executable: copy)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("\(data.path)/facilities.geojson\n  features            2\n"), "\(run)")
        #expect(run.stderr == "")
    }

    @Test func dataDirectoryNotFound() throws {
        // A copy of the binary outside the checkout, run from an empty folder, with the variable
        // naming a missing folder: no GeoData/laos anywhere it looks.
        let place = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: place) }
        let copy = place.appendingPathComponent("bin/coverage")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CoverageProcess.binary(), to: copy)
        let missing = place.appendingPathComponent("missing").path
        let run = try CoverageProcess.run(["inspect"], in: place, environment: ["HEALTHCOVERAGE_DATA": missing], executable: copy)
        #expect(!run.crashed)
        // 66: the input (the data directory) is missing.
        #expect(run.status == 66, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.hasPrefix("error: GeoData/laos: the shipped data directory was not found (tried \(missing), \(place.path)/GeoData/laos, "), "\(run)")
        #expect(run.stderr.hasSuffix("); set HEALTHCOVERAGE_DATA or run from the repository\n"), "\(run)")
    }

    @Test func crsOption() throws {
        let run = try CoverageProcess.run(["inspect", "--crs", "EPSG:32648", "layers/utm48n-no-crs.geojson"])
        #expect(run.status == 0, "\(run)")
        // Bounds of the square's corners from pyproj (see CoverageCoreTests/GeoJSONLayerTests.swift), to 4 places.
        #expect(run.stdout.contains("\n  bounding box        lon 103.6743 to 103.7696, lat 18.3553 to 18.4462\n"), "\(run)")
        #expect(run.stdout.contains("\n  source CRS          EPSG:32648, reprojected to WGS 84\n"), "\(run)")

        let json = try CoverageProcess.run(["inspect", "--json", "--crs", "urn:ogc:def:crs:EPSG::32648", "layers/utm48n-no-crs.geojson"])
        #expect(try object(try array(try parseJSON(json.stdout)["layers"]).first)["source_crs"] as? String == "EPSG:32648")

        let unknown = try CoverageProcess.run(["inspect", "--crs", "EPSG:99999", "layers/utm48n-no-crs.geojson"])
        #expect(unknown.status == 65, "\(unknown)")
        #expect(unknown.stderr.hasPrefix("error: layers/utm48n-no-crs.geojson: unknown coordinate reference system EPSG:99999: "), "\(unknown)")

        // Without --crs the metres are read as degrees, and reported as out of range.
        let unprojected = try CoverageProcess.run(["inspect", "layers/utm48n-no-crs.geojson"])
        #expect(unprojected.status == 0)
        #expect(
            unprojected.stdout.contains("\n  out of range        5 coordinates in 1 feature — they look projected (metres): name the CRS with --crs\n"),
            "\(unprojected)")
        #expect(unprojected.stdout.contains("\n  geodesic area       not computed: some coordinates are out of range\n"), "\(unprojected)")
    }

    @Test func usageErrorsExit64() throws {
        let run = try CoverageProcess.run(["inspect", "--id-field"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.hasPrefix("Error: Missing value for '--id-field <id-field>'\n"), "\(run)")
    }

    @Test func hundredMegabytesOfGarbageFailFast() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("garbage.geojson")
        // Seeded garbage (SplitMix64), with a newline-free start so that the position is known.
        var state: UInt64 = 7
        var garbage = [UInt8](repeating: 0, count: 100 * 1024 * 1024)
        garbage.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                words[index] = z ^ (z >> 31)
            }
        }
        let prefix = Array(#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": ""#.utf8)
        garbage.replaceSubrange(0..<prefix.count, with: prefix)
        garbage[prefix.count] = 0x01  // a control character inside the string
        try Data(garbage).write(to: url)

        let run = try CoverageProcess.run(["inspect", url.path])
        #expect(!run.crashed)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr == "error: \(url.path):1:\(prefix.count + 1): not valid JSON: control character byte 0x01 inside a string (escape it)\n")
        print("coverage inspect on a 100 MB garbage file: \(run.elapsed)")
    }
}
