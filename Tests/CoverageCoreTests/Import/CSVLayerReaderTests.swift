import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

private func fixturePath(_ name: String) throws -> String {
    try Fixtures.url("import/\(name)", of: "CoverageCoreTests").path
}

/// A CSV file in a fresh temporary directory, removed by the caller with `removeDirectory`.
private func temporaryCSV(_ text: String, name: String = "layer.csv") throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csv-layer-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

private func removeDirectory(of path: String) {
    try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
}

/// Longitude/latitude of villages 1101001…1101005 as GeoData/laos/villages.geojson gives them.
private let shippedVillagePoints: [(Double, Double)] = [
    (103.6655073, 18.3737543), (103.6507407, 18.3954184), (103.6591404, 18.3900145),
    (103.6570706, 18.392238), (103.6611927, 18.3807437),
]

@Suite struct CSVLayerReaderTests {
    let villages = FieldMapping(defaultsFor: .villages)

    @Test func readsPointsAndStringFields() throws {
        let records = try CSVLayerReader.records(path: try fixturePath("villages.csv"), mapping: villages, sourceCRS: nil)
        #expect(records.map(\.location) == [.line(2), .line(3), .line(4), .line(6), .line(7)])
        #expect(records.allSatisfy { $0.geometryProblem == nil })
        for (record, expected) in zip(records, shippedVillagePoints) {
            let point = try #require(record.geometry?.allCoordinates.first)
            #expect(abs(point.x - expected.0) < 1e-12 && abs(point.y - expected.1) < 1e-12)
        }
        let third = records[2]
        #expect(third.fields.keys.count == 11)
        #expect(third.fields["village_code"] == .string("1101003"))
        #expect(third.fields["population"] == .string("974"))  // CSV fields stay text
        #expect(third.fields["province_pcode"] == .string(""))
        #expect(third.fields["notes"] == .string("two\nlines"))
        #expect(try third.integer("population") == 974)
    }

    @Test func findsCapitalisedCoordinateColumnsInABOMFile() throws {
        let records = try CSVLayerReader.records(path: try fixturePath("villages_bom_crlf.csv"), mapping: villages, sourceCRS: nil)
        #expect(records.count == 5)
        let point = try #require(records[0].geometry?.allCoordinates.first)
        #expect(abs(point.x - 103.6655073) < 1e-12 && abs(point.y - 18.3737543) < 1e-12)
        #expect(records[0].fields.keys.first == "village_code")
    }

    @Test func reprojectsUTM48N() throws {
        // x/y are eastings/northings in EPSG:32648 (computed with PROJ's cs2cs from the shipped points).
        let records = try CSVLayerReader.records(path: try fixturePath("villages_utm48n.csv"), mapping: villages, sourceCRS: "EPSG:32648")
        #expect(records.count == 5)
        for (record, expected) in zip(records, shippedVillagePoints) {
            let point = try #require(record.geometry?.allCoordinates.first)
            #expect(abs(point.x - expected.0) < 1e-7, "\(point)")
            #expect(abs(point.y - expected.1) < 1e-7, "\(point)")
        }
    }

    @Test func wgs84NamesMeanNoTransformation() throws {
        let path = try temporaryCSV("lon,lat\n103.5,18.25\n")
        defer { removeDirectory(of: path) }
        for crs in ["EPSG:4326", "urn:ogc:def:crs:OGC:1.3:CRS84"] {
            let point = try #require(try CSVLayerReader.records(path: path, mapping: villages, sourceCRS: crs)[0].geometry?.allCoordinates.first)
            #expect(point == Coordinate(x: 103.5, y: 18.25))
        }
    }

    @Test func unknownCRSIsAnError() throws {
        let path = try temporaryCSV("lon,lat\n103.5,18.25\n")
        defer { removeDirectory(of: path) }
        #expect(throws: InputError.self) { try CSVLayerReader.records(path: path, mapping: villages, sourceCRS: "EPSG:999999") }
    }

    @Test func mappingNamesTheCoordinateColumns() throws {
        let path = try temporaryCSV("id,lat,lon,E,N\n1,0,0,103.25,18.5\n")
        defer { removeDirectory(of: path) }
        var mapping = villages
        try mapping.set(.longitude, to: "e")  // matched ignoring case
        try mapping.set(.latitude, to: "N")
        let point = try #require(try CSVLayerReader.records(path: path, mapping: mapping, sourceCRS: nil)[0].geometry?.allCoordinates.first)
        #expect(point == Coordinate(x: 103.25, y: 18.5))
    }

    @Test func conventionalNamesInOrder() throws {
        for (header, expected) in [
            ("x,y,longitude,latitude", Coordinate(x: 3, y: 4)), ("Y,X", Coordinate(x: 2, y: 1)), ("LONGITUDE,Latitude", Coordinate(x: 1, y: 2)),
        ] {
            let values = header.split(separator: ",").count == 4 ? "1,2,3,4" : "1,2"
            let path = try temporaryCSV("\(header)\n\(values)\n")
            defer { removeDirectory(of: path) }
            let point = try #require(try CSVLayerReader.records(path: path, mapping: villages, sourceCRS: nil)[0].geometry?.allCoordinates.first)
            #expect(point == expected, "\(header)")
        }
    }

    @Test func missingCoordinateColumnsListTheHeader() throws {
        let path = try temporaryCSV("village_code,east,north\n1,2,3\n")
        defer { removeDirectory(of: path) }
        do {
            _ = try CSVLayerReader.records(path: path, mapping: villages, sourceCRS: nil)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.location == .line(1))
            #expect(error.reason == "no longitude column: expected one named lon, longitude, x (any case); the header has: village_code, east, north")
        }
        var mapping = villages
        try mapping.set(.longitude, to: "easting")
        do {
            _ = try CSVLayerReader.records(path: path, mapping: mapping, sourceCRS: nil)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.field == "easting")
            #expect(error.reason.hasPrefix("no column named \"easting\" for the longitude; the header has: village_code, east, north"))
        }
    }

    @Test func badCoordinatesLeaveTheGeometryNilWithALocatedProblem() throws {
        let path = try temporaryCSV(
            """
            id,lon,lat
            a,103.5,18.25
            b,103.5,NaN
            c,inf,18.25
            d,103.5,18.3N
            e,,
            f, ,18.25
            g,"103,5",18.25
            h,0x1p4,18
            """)
        defer { removeDirectory(of: path) }
        let records = try CSVLayerReader.records(path: path, mapping: villages, sourceCRS: nil)
        #expect(records.count == 8)
        #expect(records[0].geometry != nil && records[0].geometryProblem == nil)
        let expected: [(line: Int, field: String?, reason: String)] = [
            (3, "lat", "expected a finite number, found NaN"),
            (4, "lon", "expected a finite number, found inf"),
            (5, "lat", "expected a number, found \"18.3N\""),
            (6, nil, "no coordinates (columns lon and lat are blank)"),
            (7, "lon", "expected a number, found a blank"),
            (8, "lon", "expected a number, found \"103,5\""),
            (9, "lon", "expected a number, found \"0x1p4\""),
        ]
        for (record, want) in zip(records.dropFirst(), expected) {
            #expect(record.geometry == nil)
            let problem = try #require(record.geometryProblem)
            #expect(problem.location == .line(want.line))
            #expect(problem.field == want.field)
            #expect(problem.reason == want.reason)
        }
        #expect(records[6].geometryProblem?.suggestion == "use a point as the decimal separator")
    }

    // MARK: import into the shipped schema

    @Test func importsVillagesInTheShippedSchema() throws {
        let imported = try CSVLayerReader.importLayer(path: try fixturePath("villages.csv"), kind: .villages, mapping: villages, sourceCRS: nil)
        #expect(imported.features.count == 5)
        #expect(imported.unusedColumns == ["notes"])
        #expect(imported.fieldsWithoutColumn == ["population_year", "population_estimated"])
        #expect(imported.warnings.isEmpty)
        #expect(imported.longitudeColumn == "lon" && imported.latitudeColumn == "lat")
        let third = imported.features[2].properties
        #expect(
            try third.jsonText() == #"{"village_code":"1101003","name":"B. Phosy","district_pcode":"LA1101","province_pcode":"LA11","#
                + #""population":974,"under5":97,"births_live":20,"women_15_49":265,"population_year":null,"population_estimated":null}"#)
    }

    @Test func importsFacilitiesNormalisingTiersAndServices() throws {
        let imported = try CSVLayerReader.importLayer(
            path: try fixturePath("facilities.csv"), kind: .facilities,
            mapping: FieldMapping(defaultsFor: .facilities), sourceCRS: nil)
        #expect(imported.features.count == 4)
        #expect(imported.unusedColumns == ["remarks"])
        // Every schema field without a column here is optional: the provenance fields (name_lo,
        // name_en, osm_row, proxy_rule, geonames_id, village_code), source (a default is written) and
        // care_packages (the tier's apply): written as null, and not listed as missing.
        #expect(imported.fieldsWithoutColumn == [])
        let properties = imported.features.map(\.properties)
        #expect(properties.map { $0["tier"] } == ["central_hospital", "provincial_hospital", "district_hospital", "health_centre"].map(JSONValue.string))
        #expect(properties[1]["services"] == .array(["epi", "cold_chain", "delivery", "surgery", "maintenance_workshop"].map(JSONValue.string)))
        #expect(properties[3]["services"] == .array(["epi", "delivery"].map(JSONValue.string)))
        #expect(properties[2]["subtype"] == .string("A"))
        #expect(properties[2]["capacity"] == .number(120_000))
        #expect(properties[2]["province_pcode"] == .string("LA12"))  // from the district P-code
        #expect(properties.allSatisfy { $0["source"] == .string("facilities") && $0["proxy_rule"] == .null })
        #expect(properties.allSatisfy { $0["care_packages"] == .null && $0["name_lo"] == .null && $0["osm_row"] == .null })
        #expect(
            properties[0].keys == [
                "facility_id", "name", "name_lo", "name_en", "tier", "subtype", "services", "care_packages", "capacity", "district_pcode",
                "province_pcode", "source", "osm_row", "proxy_rule", "geonames_id", "village_code",
            ])
    }

    @Test func importListsEveryErrorOfEveryRow() throws {
        let path = try temporaryCSV(
            """
            facility_id,name,tier,subtype,services,capacity,lon,lat
            HC-1,Ban A,helth centre,,epi,,103.5,18.25
            HC-2,Ban B,health_centre,,"epi,rehab",-5,103.5,18.25
            HC-1,Ban C,health_centre,,,,18.25,103.5
            DH-1,Muang D,district_hospital,C,,,,
            ,Ban E,health_centre,,,,103.5,18.25
            """)
        defer { removeDirectory(of: path) }
        do {
            _ = try CSVLayerReader.importLayer(path: path, kind: .facilities, mapping: FieldMapping(defaultsFor: .facilities), sourceCRS: nil)
            Issue.record("expected a validation failure")
        } catch let failure as ValidationFailure {
            let errors = failure.report.errors
            #expect(
                errors.map(\.code) == [
                    "unknown_tier", "unknown_service", "negative_capacity", "duplicate_id",
                    "coordinate_out_of_range", "unknown_subtype", "missing_geometry", "missing_id",
                ])
            #expect(errors.map(\.detail.location) == [.line(2), .line(3), .line(3), .line(4), .line(4), .line(5), .line(5), .line(6)])
            #expect(errors[0].detail.suggestion == "did you mean health_centre?")
            #expect(errors[1].detail.reason.hasPrefix("unknown service \"rehab\""))
            #expect(errors[3].detail.reason == "duplicate facility identifier HC-1 (first at line 2)")
            #expect(errors[4].detail.suggestion?.contains("swapped") == true)
        }
    }

    @Test func importWarnsAboutSubtypesOutsideDistrictHospitals() throws {
        let path = try temporaryCSV("facility_id,name,tier,subtype,lon,lat\nHC-1,,health_centre,A,103.5,18.25\n")
        defer { removeDirectory(of: path) }
        let imported = try CSVLayerReader.importLayer(
            path: path, kind: .facilities, mapping: FieldMapping(defaultsFor: .facilities),
            sourceCRS: nil, source: "moh-hmis-2024")
        #expect(imported.warnings.map(\.code) == ["missing_name", "subtype_ignored"])
        #expect(imported.features[0].properties["subtype"] == .null)
        #expect(imported.features[0].properties["source"] == .string("moh-hmis-2024"))
    }

    @Test func importRefusesAdminLayersAndMissingRequiredColumns() throws {
        let path = try temporaryCSV("code,name,lon,lat\n1,Ban A,103.5,18.25\n")
        defer { removeDirectory(of: path) }
        #expect(throws: InputError.self) {
            try CSVLayerReader.importLayer(path: path, kind: .districts, mapping: FieldMapping(defaultsFor: .districts), sourceCRS: nil)
        }
        do {
            _ = try CSVLayerReader.importLayer(path: path, kind: .villages, mapping: villages, sourceCRS: nil)
            Issue.record("expected a validation failure")
        } catch let failure as ValidationFailure {
            #expect(failure.report.errors.map(\.detail.field) == ["village_code", "population"])
            #expect(failure.report.errors.allSatisfy { $0.code == "missing_column" && $0.detail.location == .line(1) })
        }
        var mapping = villages
        try mapping.set(.id, to: "code")
        try mapping.set(.population, to: "pop")
        do {
            _ = try CSVLayerReader.importLayer(path: path, kind: .villages, mapping: mapping, sourceCRS: nil)
            Issue.record("expected a validation failure")
        } catch let failure as ValidationFailure {
            #expect(failure.report.errors.map(\.detail.field) == ["pop"])
        }
    }
}
