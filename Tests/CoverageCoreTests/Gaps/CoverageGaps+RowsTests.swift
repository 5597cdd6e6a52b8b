import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// The tables and layers made from coverage gaps, on the tiny set of `CoverageGapsFixtures.swift`.
@Suite("CoverageGaps tables")
struct CoverageGapsTablesTests {
    @Test func csvColumnsInOrder() throws {
        let rows = try TinyGapsSet.gaps().tableRows()
        #expect(rows.count == 49)
        var expected = [
            "zone_level", "zone_pcode", "zone_name", "target", "threshold", "has_facility", "facilities", "facilities_proxy", "villages_total",
            "villages_uncovered",
        ]
        for group in ["population", "under5", "births_live", "women_15_49"] {
            expected += ["\(group)_total", "\(group)_covered", "\(group)_uncovered", "\(group)_pct_covered"]
        }
        #expect(rows.allSatisfy { $0.keys == expected })
    }

    @Test func csvValuesAndNulls() throws {
        let text = CSVWriter.text(rows: try TinyGapsSet.gaps().tableRows())
        let lines = text.split(separator: "\n").map(String.init)
        // West, health centre, 5 km: 500 of 1,501 people, 33.31 %. Three facilities in West provide
        // health-centre care: HC-1, HC-2 and DH-1 (a district hospital provides primary care); none
        // is a proxy (source "test"). DH-1 is 11.1 km from V1, so V1 stays uncovered.
        #expect(lines.contains("district,LA1101,West,health_centre,5km,true,3,0,3,2,1501,500,1001,33.31,150,50,100,33.33,30,10,20,33.33,375,125,250,33.33"))
        // East has no health centre and null target groups (V4 has none).
        #expect(lines.contains("district,LA1102,East,health_centre,5km,false,0,0,2,1,1000,800,200,80,,,,,,,,,,,,"))
        // South East: no village, nobody: counts 0, percentages empty.
        #expect(lines.contains("district,LA1202,South East,provincial_hospital,120min,false,0,0,0,0,0,0,0,,0,0,0,,0,0,0,,0,0,0,"))
        // No provincial hospital anywhere: 0 % where people live.
        #expect(lines.contains("district,LA1101,West,provincial_hospital,60km,false,0,0,3,3,1501,0,1501,0,150,0,150,0,30,0,30,0,375,0,375,0"))
    }

    @Test func districtZoneFeatures() throws {
        let layers = try TinyGapsSet.load()
        let gaps = try TinyGapsSet.gaps(layers: layers)
        let features = gaps.zoneFeatures(level: .district, layers: layers)
        #expect(features.map { $0.properties["pcode"] } == ["LA1101", "LA1102", "LA1201", "LA1202"].map(JSONValue.string))
        let east = features[1].properties
        #expect(east.keys.prefix(6) == ["pcode", "name_en", "province_pcode", "villages", "population", "has_health_centre"])
        #expect(east["has_health_centre"] == .bool(false))
        #expect(east["health_centre_5km_pct_covered"] == .number(80))
        #expect(east["health_centre_5km_uncovered"] == .number(200))
        #expect(east["health_centre_5km_villages_uncovered"] == .number(1))
        #expect(east["health_centre_60min_pct_covered"] == .number(80))
        #expect(east["has_district_hospital"] == .bool(false))
        #expect(east["provincial_hospital_120min_pct_covered"] == .number(0))
        #expect(east["epi_5km_villages_uncovered"] == .number(1))
        // A zone nobody lives in: null percentage.
        #expect(features[3].properties["health_centre_5km_pct_covered"] == .null)
        #expect(features[3].properties["villages"] == .number(0))
        // The facilities in a zone that provide each target: none in East; in West, HC-1, HC-2 and
        // DH-1 provide health-centre care and epi, DH-1 alone district-hospital care.
        #expect(east["health_centre_facilities"] == .number(0) && east["health_centre_facilities_proxy"] == .number(0))
        let west = features[0].properties
        #expect(west["health_centre_facilities"] == .number(3) && west["district_hospital_facilities"] == .number(1))
        #expect(west["epi_facilities"] == .number(3) && west["provincial_hospital_facilities"] == .number(0))
        #expect(west["health_centre_facilities_proxy"] == .number(0))
        // Every target × threshold has its three columns, and every target its flag and its two
        // facility counts.
        #expect(east.count == 5 + 4 * 3 + 7 * 3)
        // The geometry is the district's.
        let geometry = try #require(features[1].geometry)
        #expect(try Geometry(geometry).topologicallyEquals(layers.district("LA1102")!.geometry))
        let text = String(decoding: try GeoJSONWriter.featureCollection(features), as: UTF8.self)
        #expect(text.contains(#""health_centre_5km_pct_covered":80,"#))
    }

    @Test func provinceZoneFeatures() throws {
        let layers = try TinyGapsSet.load()
        let features = try TinyGapsSet.gaps(layers: layers).zoneFeatures(level: .province, layers: layers)
        #expect(features.map { $0.properties["pcode"] } == [.string("LA11"), .string("LA12")])
        #expect(features[0].properties["population"] == .number(2_501))
        #expect(features[0].properties["has_health_centre"] == .bool(true))
        #expect(features[1].properties["has_health_centre"] == .bool(false))
        #expect(features[1].properties["health_centre_5km_pct_covered"] == .null)
    }

    /// With only the district hospital: West's three villages are within 20 km and 60 minutes,
    /// the other three are not, and only they are written.
    @Test func uncoveredVillages() throws {
        let layers = try TinyGapsSet.load()
        let gaps = try TinyGapsSet.gaps(targets: [.tier(.districtHospital)], layers: layers)
        #expect(gaps.uncoveredVillagePositions() == [3, 4, 5])
        let features = gaps.uncoveredVillageFeatures(facilities: layers.facilities)
        #expect(features.map { $0.properties["village_code"] } == ["1102001", "1102002", "1201001"].map(JSONValue.string))
        let v3 = features[0].properties
        #expect(
            v3.keys == [
                "village_code", "name", "district_pcode", "province_pcode", "population", "under5", "births_live", "women_15_49",
                "district_hospital_id", "district_hospital_distance_m", "district_hospital_minutes",
                "uncovered_district_hospital_20km", "uncovered_district_hospital_60min",
            ])
        #expect(v3["district_hospital_id"] == .string("DH-1"))
        #expect(abs(v3["district_hospital_distance_m"]!.numberValue! - 54_967.6) < 0.1)  // pyproj: 54,967.6 m
        #expect(v3["uncovered_district_hospital_20km"] == .bool(true))
        #expect(features[1].properties["under5"] == .null)
        #expect(features[0].geometry.map { $0.allCoordinates } == [Coordinate(lon: 104.01, lat: 18.5)])

        // A region limits the villages written.
        let eleven = try TinyGapsSet.gaps(region: "eleven", targets: [.tier(.districtHospital)], layers: layers)
        #expect(eleven.uncoveredVillagePositions() == [3, 4])
    }

    @Test func unreachableCareIsNullInTheVillageLayer() throws {
        let layers = try TinyGapsSet.load()
        let gaps = try TinyGapsSet.gaps(targets: [.tier(.provincialHospital)], layers: layers)
        let features = gaps.uncoveredVillageFeatures(facilities: layers.facilities)
        #expect(features.count == 6)
        for feature in features {
            #expect(feature.properties["provincial_hospital_id"] == .null)
            #expect(feature.properties["provincial_hospital_distance_m"] == .null)
            #expect(feature.properties["provincial_hospital_minutes"] == .null)
            #expect(feature.properties["uncovered_provincial_hospital_60km"] == .bool(true))
        }
    }

    @Test func thresholdColumnNames() {
        #expect(CoverageThreshold.kilometers(5).columnName == "5km")
        #expect(CoverageThreshold.minutes(60).columnName == "60min")
        #expect(CoverageThreshold.kilometers(2.5).columnName == "2p5km")
        #expect(CoverageThreshold.kilometers(2.5).label == "2.5km")
    }
}
