import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

private func fixturePath(_ name: String) throws -> String {
    try Fixtures.url("import/\(name)", of: "CoverageCoreTests").path
}

private func parse(_ json: String, mapping: DHIS2TierMapping = .standard) throws -> DHIS2Import {
    try DHIS2LayerReader.parse(Array(json.utf8), file: "export.json", tierMapping: mapping)
}

/// One health-centre unit in the 2.32+ schema, with `geometry` replaced by `geometryJSON`.
private func unit(
    id: String = "hDn5Kk1Vb8S", geometryJSON: String = #"{"type":"Point","coordinates":[103.8874433,18.3019276]}"#,
    groups: String = #"[{"id":"gHealthC001","name":"Health Center"}]"#
) -> String {
    #"{"id":"\#(id)","name":"Ban Don Health Center","level":4,"geometry":\#(geometryJSON),"organisationUnitGroups":\#(groups)}"#
}

@Suite struct DHIS2LayerReaderTests {
    @Test func readsEveryTierAndListsWhatItDoesNotWrite() throws {
        let imported = try DHIS2LayerReader.records(path: try fixturePath("dhis2_organisation_units.json"), tierMapping: .standard)
        #expect(imported.unitCount == 12)
        #expect(imported.problems.isEmpty)
        #expect(
            imported.records.map { $0.fields["facility_id"] }
                == [
                    "cHm7Tt2Wq9L", "pHb4Ls8Kd2M", "dHa9Pq3Rt5N", "pT4hB8sLm2Q", "tKh2Ww7Yp4R", "hDn5Kk1Vb8S", "hNk8Jj2Cc6T", "hPx3Mm9Dd1U",
                ].map(JSONValue.string))
        #expect(imported.records.map(\.location) == [3, 4, 5, 6, 7, 8, 9, 10].map(InputError.Location.feature))
        #expect(
            imported.records.map { $0.fields["tier"]?.stringValue } == [
                "central_hospital", "provincial_hospital", "district_hospital", "district_hospital", "provincial_hospital",
                "health_centre", "health_centre", "health_centre",
            ])
        #expect(imported.records.map { $0.fields["subtype"] } == [.null, .null, .string("A"), .string("B"), .null, .null, .null, .null])

        #expect(imported.withoutCoordinates.map(\.id) == ["hNk8Jj2Cc6T"])
        #expect(imported.withoutCoordinates[0].groups == ["Health Center"])
        let missing = try #require(imported.records.first { $0.fields["facility_id"] == .string("hNk8Jj2Cc6T") })
        #expect(missing.geometry == nil)
        #expect(missing.geometryProblem?.reason == "no coordinates in the DHIS2 export")

        #expect(imported.notFacilities.map(\.id) == ["IWp9dQGM0bS", "kVJ2Xw8fBq1", "dPk1101aZx7", "xPh6Nn4Ee2V"])
        #expect(imported.notFacilities.map(\.level) == [1, 2, 3, 4])
        #expect(imported.notFacilities[3].description == "xPh6Nn4Ee2V Pakxan Private Pharmacy (level 4; groups: Private Pharmacy)")
        #expect(imported.notFacilities[0].description == "IWp9dQGM0bS Lao PDR (level 1; no groups)")

        #expect(
            imported.severalTiers == [
                DHIS2Import.TierChoice(
                    unit: DHIS2Unit(
                        index: 7, id: "tKh2Ww7Yp4R", name: "Thakhek Provincial Hospital", level: 4,
                        groups: ["District hospital type A", "Province Hospitals"]),
                    tier: .provincialHospital, subtype: nil, tierGroups: ["Province Hospitals", "District hospital type A"])
            ])

        #expect(imported.features.count == 7)
    }

    @Test func recordsCarryTheShippedSchemaAndDHIS2Fields() throws {
        let imported = try DHIS2LayerReader.records(path: try fixturePath("dhis2_organisation_units.json"), tierMapping: .standard)
        let hospital = imported.records[2]
        // The shipped schema's fields in its order (GeoData/README.md), those a DHIS2 export lacks as
        // null; services null too: the standard mapping maps none of the unit's groups ("District
        // hospital type A", "EPI fixed site") to services, so its tier's defaults apply when read.
        #expect(
            try hospital.fields.jsonText() == #"{"facility_id":"dHa9Pq3Rt5N","name":"Pakxan District Hospital","name_lo":null,"name_en":null,"#
                + #""tier":"district_hospital","subtype":"A","services":null,"care_packages":null,"capacity":null,"district_pcode":null,"#
                + #""province_pcode":null,"source":"dhis2","osm_row":null,"proxy_rule":null,"geonames_id":null,"village_code":null,"#
                + #""dhis2_level":4,"dhis2_parent_id":"dPk1101aZx7","dhis2_parent_name":"1101 Pakxan","dhis2_code":"LA1101-DH"}"#)
        #expect(hospital.geometry?.allCoordinates == [Coordinate(x: 103.665507, y: 18.373754)])
    }

    @Test func readsTheOlderCoordinateString() throws {
        let imported = try DHIS2LayerReader.records(path: try fixturePath("dhis2_organisation_units.json"), tierMapping: .standard)
        let older = imported.records[3]
        #expect(older.fields["facility_id"] == .string("pT4hB8sLm2Q"))
        #expect(older.geometry?.kind == .point)
        #expect(older.geometry?.allCoordinates == [Coordinate(x: 103.2152, y: 18.3919)])
    }

    @Test func aPolygonUnitStandsAtItsPointOnSurface() throws {
        let imported = try DHIS2LayerReader.records(path: try fixturePath("dhis2_organisation_units.json"), tierMapping: .standard)
        #expect(imported.surfacePoints.count == 1)
        let surface = try #require(imported.surfacePoints.first)
        #expect(surface.unit.id == "hPx3Mm9Dd1U" && surface.geometryType == "Polygon" && !surface.repaired)
        // Inside the square 103.70–103.71 × 18.30–18.31; for a square GEOS's interior point is its centre.
        #expect(surface.point.x > 103.70 && surface.point.x < 103.71 && surface.point.y > 18.30 && surface.point.y < 18.31)
        #expect(abs(surface.point.x - 103.705) < 1e-9 && abs(surface.point.y - 18.305) < 1e-9)
        let record = try #require(imported.records.first { $0.fields["facility_id"] == .string("hPx3Mm9Dd1U") })
        #expect(record.geometry?.kind == .point)
    }

    @Test func aBowTiePolygonIsRepairedFirst() throws {
        let imported = try parse(
            #"{"organisationUnits":[\#(unit(geometryJSON: #"{"type":"Polygon","coordinates":[[[103.70,18.30],[103.72,18.32],[103.72,18.30],[103.70,18.32],[103.70,18.30]]]}"#))]}"#
        )
        #expect(imported.problems.isEmpty)
        let surface = try #require(imported.surfacePoints.first)
        #expect(surface.repaired)
        // The bow-tie's two triangles meet at (103.71, 18.31); the point lies in one of them.
        let bowTie = try Geometry(
            wkt: "MULTIPOLYGON (((103.70 18.30, 103.71 18.31, 103.70 18.32, 103.70 18.30)), ((103.72 18.30, 103.72 18.32, 103.71 18.31, 103.72 18.30)))")
        #expect(try bowTie.covers(try Geometry.point(surface.point)))
    }

    @Test func readsABareArrayAndOlderPolygons() throws {
        let imported = try DHIS2LayerReader.records(path: try fixturePath("dhis2_bare_array.json"), tierMapping: .standard)
        #expect(imported.unitCount == 2)
        #expect(imported.problems.isEmpty)
        // "POLYGON" written with four levels of brackets, as DHIS2 before 2.32 did, is a multipolygon.
        #expect(imported.surfacePoints.map(\.geometryType) == ["MultiPolygon"])
        let point = try #require(imported.records[0].geometry?.allCoordinates.first)
        #expect(point.x > 104.10 && point.x < 104.12 && point.y > 18.20 && point.y < 18.22)
        #expect(imported.records[0].fields["dhis2_parent_name"] == .null)
        #expect(imported.withoutCoordinates.map(\.id) == ["hBa4Rr5Tt6Y"])  // featureType NONE
    }

    @Test func readsGroupsFromAMetadataExport() throws {
        let imported = try DHIS2LayerReader.records(path: try fixturePath("dhis2_metadata.json"), tierMapping: .standard)
        #expect(imported.records.map { $0.fields["tier"] } == [.string("health_centre"), .string("district_hospital"), .string("provincial_hospital")])
        #expect(imported.records[1].fields["subtype"] == .string("B"))
        // A unit that names its group by id only: the name comes from the export's group list.
        #expect(imported.notFacilities.isEmpty)
    }

    @Test func groupNamesMatchIgnoringCaseAndSpaces() {
        let mapping = DHIS2TierMapping.standard
        #expect(mapping.entry(forGroup: "HEALTH  center")?.tier == .healthCentre)
        #expect(mapping.entry(forGroup: "Districthospital type b") == DHIS2TierMapping.Entry(tier: .districtHospital, subtype: .b))
        #expect(mapping.entry(forGroup: "province hospitals")?.tier == .provincialHospital)
        #expect(mapping.entry(forGroup: "CENTRAL HOSPITAL")?.tier == .centralHospital)
        #expect(mapping.entry(forGroup: "Health Centre") == nil)
        #expect(mapping.entry(forGroup: "District") == nil)
    }

    @Test func aMappingFileExtendsAndOverridesTheStandardGroups() throws {
        let mapping = try DHIS2TierMapping.read(path: try fixturePath("tier_mapping.json"))
        #expect(mapping.entry(forGroup: "Health Centre")?.tier == .healthCentre)
        #expect(mapping.entry(forGroup: "Health Center")?.tier == .healthCentre)  // kept from the standard
        #expect(mapping.entry(forGroup: "Central Hospital") == nil)  // dropped by null
        #expect(mapping.entry(forGroup: "EPI fixed site") == DHIS2TierMapping.Entry(tier: nil, services: [.epi, .coldChain]))

        let imported = try DHIS2LayerReader.records(path: try fixturePath("dhis2_organisation_units.json"), tierMapping: mapping)
        #expect(imported.notFacilities.map(\.id).contains("cHm7Tt2Wq9L"))
        let hospital = try #require(imported.records.first { $0.fields["facility_id"] == .string("dHa9Pq3Rt5N") })
        // Its groups: District hospital type A (surgery, epi) and EPI fixed site (epi, cold chain).
        #expect(hospital.fields["services"] == .array(["epi", "cold_chain", "surgery"].map(JSONValue.string)))
    }

    @Test func anUnknownTierInTheMappingFileIsLocatedWithASuggestion() throws {
        do {
            _ = try DHIS2TierMapping.read(path: try fixturePath("tier_mapping_unknown_tier.json"))
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.location == .position(line: 3, column: 3))
            #expect(error.field == "\"Private Pharmacy\"")
            #expect(error.reason.hasPrefix("unknown tier \"helth_centre\""))
            #expect(error.suggestion == "did you mean health_centre?")
        }
    }

    @Test func badMappingFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dhis2-mapping-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [(String, String)] = [
            (#"["Health Center"]"#, "expected a JSON object"),
            (#"{"Health Center": 3}"#, "expected a tier name, an object"),
            (#"{"Province Hospitals": {"tier": "provincial_hospital", "subtype": "A"}}"#, "applies to district_hospital only"),
            (#"{"DH": {"tier": "district_hospital", "subtype": "C"}}"#, "unknown district hospital subtype \"C\""),
            (#"{"HC": {"tier": "health_centre", "services": ["epi", "surgry"]}}"#, "unknown service \"surgry\""),
            (#"{"HC": {"tier": "health_centre", "service": ["epi"]}}"#, "unknown member \"service\""),
            (#"{"HC": {}}"#, "a group needs a tier or services"),
            (#"{"HC": "health_centre",}"#, "not valid JSON"),
        ]
        for (index, (text, reason)) in cases.enumerated() {
            let path = directory.appendingPathComponent("mapping\(index).json").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try DHIS2TierMapping.read(path: path)
                Issue.record("expected an error for \(text)")
            } catch let error as InputError {
                #expect(error.reason.contains(reason), "\(text): \(error)")
            }
        }
    }

    @Test func problemsAreListedNotThrown() throws {
        let json = """
            {"organisationUnits":[
              \(unit(id: "a1")),
              \(unit(id: "a1")),
              \(unit(id: "a3", geometryJSON: #"{"type":"Point","coordinates":[18.3019276,103.8874433]}"#)),
              \(unit(id: "a4", geometryJSON: #"{"type":"Point","coordinates":["103.88",18.30]}"#)),
              \(unit(id: "a5", geometryJSON: #"{"type":"LineString","coordinates":[[103.7,18.3],[103.8,18.3]]}"#)),
              {"id":"a6","name":7,"level":"four","parent":"x","organisationUnitGroups":"Health Center"},
              {"name":"No id","organisationUnitGroups":[]}
            ]}
            """
        let imported = try parse(json)
        #expect(
            imported.problems.map(\.code) == [
                "duplicate_id", "coordinate_out_of_range", "malformed_geometry", "unsupported_geometry",
                "invalid_field", "invalid_field", "invalid_field", "invalid_field", "missing_id",
            ])
        #expect(imported.problems.map(\.detail.location) == [1, 2, 3, 4, 5, 5, 5, 5, 6].map(InputError.Location.feature))
        #expect(
            imported.problems.map(\.detail.field) == [
                "id", "geometry", "geometry.coordinates[0]", "geometry",
                "name", "level", "parent", "organisationUnitGroups", "id",
            ])
        #expect(imported.problems[1].detail.suggestion?.contains("swapped") == true)
        // Records keep the units whose geometry failed, with the problem attached.
        #expect(imported.records.count == 5)
        #expect(imported.records[2].geometry == nil && imported.records[2].geometryProblem?.field == "geometry")
    }

    @Test func documentErrorsThrow() {
        let cases: [(String, String)] = [
            ("", "not valid JSON: the document is empty"),
            (#"{"organisationUnits":[{"id":"a""#, "not valid JSON"),
            (#"{"organisationUnits":{}}"#, "expected an array of organisation units, found an object"),
            (#"{"organisationUnits":[]}"#, "the export has no organisation units"),
            (#"{"organisationUnits":[1]}"#, "expected an organisation unit object, found a number"),
            (#"{"type":"FeatureCollection","features":[]}"#, "this is a GeoJSON layer"),
            (#"{"pager":{"page":1}}"#, "found an object with members pager"),
            ("42", "found a number"),
        ]
        for (json, reason) in cases {
            do {
                _ = try parse(json)
                Issue.record("expected an error for \(json)")
            } catch let error as InputError {
                #expect(error.reason.contains(reason), "\(json): \(error)")
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func importRequiresAFacilityWithCoordinates() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dhis2-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let noFacility = directory.appendingPathComponent("admin.json").path
        try Data(#"[{"id":"d1","name":"1101 Pakxan","level":3,"organisationUnitGroups":[{"name":"District"}]}]"#.utf8)
            .write(to: URL(fileURLWithPath: noFacility))
        let noFacilityError = #expect(throws: InputError.self) { try DHIS2LayerReader.importFacilities(path: noFacility) }
        #expect(noFacilityError?.reason.contains("groups in the export: District") == true)
        let duplicate = directory.appendingPathComponent("duplicate.json").path
        try Data("[\(unit(id: "a")),\(unit(id: "a"))]".utf8).write(to: URL(fileURLWithPath: duplicate))
        let failure = #expect(throws: ValidationFailure.self) { try DHIS2LayerReader.importFacilities(path: duplicate) }
        #expect(failure?.report.errors.map(\.code) == ["duplicate_id"])
    }

    @Test func sniffsExportsCheaply() throws {
        #expect(try DHIS2LayerReader.isOrganisationUnitExport(path: try fixturePath("dhis2_organisation_units.json")))
        #expect(try DHIS2LayerReader.isOrganisationUnitExport(path: try fixturePath("dhis2_bare_array.json")))
        #expect(try DHIS2LayerReader.isOrganisationUnitExport(path: try fixturePath("dhis2_metadata.json")))
        #expect(try !DHIS2LayerReader.isOrganisationUnitExport(path: try fixturePath("laos_facilities_cut.geojson")))
        #expect(try !DHIS2LayerReader.isOrganisationUnitExport(path: try fixturePath("villages.csv")))
        #expect(try !DHIS2LayerReader.isOrganisationUnitExport(path: "/nonexistent/export.json"))
        #expect(DHIS2LayerReader.isOrganisationUnitExport(prefix: Array("\u{FEFF}\n {\"pager\":{},\"organisationUnits\":[".utf8)))
        // Only the first 64 KiB are looked at.
        let late =
            Array("{\"pad\":\"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: DHIS2LayerReader.sniffLength)
            + Array("\",\"organisationUnits\":[]}".utf8)
        #expect(!DHIS2LayerReader.isOrganisationUnitExport(prefix: Array(late.prefix(DHIS2LayerReader.sniffLength))))
    }

    @Test func theLayerReaderHandsFacilityExportsToThisReader() throws {
        let path = try fixturePath("dhis2_organisation_units.json")
        let read = try LayerReader.read(path: path, kind: .facilities, sources: LayerSources(paths: [.facilities: path]))
        let records = read.records
        #expect(read.checksum == (try InputFile.read(path: path)).checksum)
        #expect(records.count == 8)
        #expect(records.compactMap(\.geometry).count == 7)
    }
}
