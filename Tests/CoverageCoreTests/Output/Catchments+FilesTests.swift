import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

@Suite("Catchment rows and files")
struct CatchmentsFilesTests {
    let layers: LayerSet
    let catchments: Catchments
    let polygons: CatchmentPolygons

    init() throws {
        (layers, catchments, polygons) = try TinyCatchmentSet.healthCentreCatchments()
    }

    @Test func rowsCarryTheFiguresInOrderWithNullsAndZeros() throws {
        let rows = catchments.rows(facilities: layers.facilities, polygons: polygons)
        // A, B, C, Z and D (a district hospital provides health-centre care; it serves no village).
        #expect(rows.count == 5)
        #expect(
            rows[0].properties.keys == [
                "facility_id", "facility_name", "tier", "district_pcode", "province_pcode", "villages",
                "population", "under5", "births_live", "women_15_49", "area_km2",
            ])
        #expect(
            try rows[0].properties.jsonText().hasPrefix(
                #"{"facility_id":"A","facility_name":"A Health Centre","tier":"health_centre","district_pcode":"LA1101","province_pcode":"LA11","villages":2,"population":300,"under5":30,"births_live":6,"women_15_49":75,"area_km2":"#
            ))
        // B's target groups are unknown (one of its villages has none): null, not zero.
        #expect(rows[1].properties["under5"] == .null)
        #expect(rows[1].properties["population"] == .number(700))
        // Z serves none: zeros, no geometry, no area.
        #expect(rows[3].properties["villages"] == .number(0))
        #expect(rows[3].properties["population"] == .number(0))
        #expect(rows[3].properties["under5"] == .number(0))
        #expect(rows[3].properties["area_km2"] == .number(0))
        #expect(rows[3].geometry == nil)
        #expect(rows[4].properties["facility_id"] == .string("D") && rows[4].properties["tier"] == .string("district_hospital"))
        #expect(rows[4].properties["villages"] == .number(0) && rows[4].geometry == nil)
        // Areas in km² to the square metre.
        let area = try #require(rows[0].properties["area_km2"]?.numberValue)
        #expect(abs(area - polygons.areasSquareMeters[0] / 1e6) <= 0.5e-6)
    }

    @Test func filesAreWrittenAndReadBack() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try catchments.files(polygons: polygons, facilities: layers.facilities).write(to: folder)
        #expect(names == ["catchments_health_centre.geojson", "catchments_health_centre.csv"])
        let csv = try String(contentsOf: folder.appendingPathComponent(names[1]), encoding: .utf8)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "facility_id,facility_name,tier,district_pcode,province_pcode,villages,population,under5,births_live,women_15_49,area_km2")
        #expect(lines[2].hasPrefix("B,B Health Centre,health_centre,LA1102,LA11,2,700,,,,"))
        #expect(lines[4] == "Z,Z Health Centre,health_centre,LA1101,LA11,0,0,0,0,0,0")
        #expect(lines[5] == "D,D Health Centre,district_hospital,LA1101,LA11,0,0,0,0,0,0")
        #expect(lines.count == 7 && lines[6].isEmpty)

        let data = try Data(contentsOf: folder.appendingPathComponent(names[0]))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(document["features"] as? [[String: Any]])
        #expect(features.count == 5)
        #expect(document["crs"] == nil)
        let kinds = features.map { ($0["geometry"] as? [String: Any])?["type"] as? String }
        #expect(kinds.prefix(3).allSatisfy { $0 == "MultiPolygon" })
        #expect(features[3]["geometry"] is NSNull && features[4]["geometry"] is NSNull)
    }

    @Test func aTargetNoFacilityProvidesGivesAHeaderOnlyTable() throws {
        let none = try TinyCatchmentSet.catchments(layers, target: .service(.rehabilitation))
        let nonePolygons = try CatchmentPolygons(catchments: none, districts: layers.districts)
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try none.files(polygons: nonePolygons, facilities: layers.facilities).write(to: folder)
        #expect(names == ["catchments_rehabilitation.geojson", "catchments_rehabilitation.csv"])
        #expect(
            try String(contentsOf: folder.appendingPathComponent(names[1]), encoding: .utf8)
                == "facility_id,facility_name,tier,district_pcode,province_pcode,villages,population,under5,births_live,women_15_49,area_km2\n")
        #expect(
            try String(contentsOf: folder.appendingPathComponent(names[0]), encoding: .utf8)
                == "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n")
    }

    @Test func anUnwritableFolderIsAnOutputErrorAndLeavesNothing() throws {
        let folder = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
        #expect(throws: OutputError.self) {
            try catchments.files(polygons: polygons, facilities: layers.facilities).write(to: folder)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
