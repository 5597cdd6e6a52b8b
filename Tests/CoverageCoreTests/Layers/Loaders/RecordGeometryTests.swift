import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// The geometry checks of villages and facilities: present, well formed, not empty, one point,
/// a longitude/latitude (with a hint when the values look projected or swapped).
@Suite struct RecordGeometryTests {
    private func villageFindings(_ extra: [String]) throws -> [Finding] {
        try findings(["villages.geojson": try LayerFixtures.layer("villages.geojson", adding: extra)])
    }

    @Test func aPolygonVillage() throws {
        let found = try villageFindings([villageFeature("1101003", geometry: squareGeometry(103.7, 18.7, 103.8, 18.8))])
        #expect(found.map(\.brief) == ["error wrong_geometry_type villages.geojson feature 5 geometry 1101003"])
        #expect(found.first?.detail.reason == "expected a Point for a village, found a Polygon")
    }

    @Test func aMultiPointOfTwo() throws {
        let multi = #"{"type": "MultiPoint", "coordinates": [[103.7, 18.7], [103.8, 18.8]]}"#
        let found = try villageFindings([villageFeature("1101003", geometry: multi)])
        #expect(found.map(\.brief) == ["error wrong_geometry_type villages.geojson feature 5 geometry 1101003"])
        #expect(found.first?.detail.reason == "expected one point for a village, found a MultiPoint of 2")
        let facilities = try findings([
            "facilities.geojson": try LayerFixtures.layer(
                "facilities.geojson",
                adding: [
                    facilityFeature("HC-9", geometry: multi)
                ])
        ])
        #expect(facilities.map(\.detail.reason) == ["expected one point for a facility, found a MultiPoint of 2"])
    }

    @Test func aLineStringFacility() throws {
        let line = #"{"type": "LineString", "coordinates": [[103.7, 18.7], [103.8, 18.8]]}"#
        let found = try findings(["facilities.geojson": try LayerFixtures.layer("facilities.geojson", adding: [facilityFeature("HC-9", geometry: line)])])
        #expect(found.map(\.brief) == ["error wrong_geometry_type facilities.geojson feature 5 geometry HC-9"])
        #expect(found.first?.detail.reason == "expected a Point for a facility, found a LineString")
    }

    @Test func missingEmptyAndMalformedPoints() throws {
        let found = try villageFindings([
            villageFeature("1101003", geometry: "null"),
            villageFeature("1101004", geometry: #"{"type": "Point", "coordinates": []}"#),
            villageFeature("1101005", geometry: #"{"type": "Point", "coordinates": [103]}"#),
            villageFeature("1101006", geometry: #"{"type": "Point", "coordinates": ["103.7", 18.7]}"#),
            #"{"type": "Feature", "properties": {"village_code": "1101007", "name": "B. Test", "district_pcode": "LA1101", "population": 1}}"#,
        ])
        #expect(
            found.map(\.brief) == [
                "error missing_geometry villages.geojson feature 5 geometry 1101003",
                "error empty_geometry villages.geojson feature 6 geometry 1101004",
                "error malformed_geometry villages.geojson feature 7 geometry.coordinates 1101005",
                "error malformed_geometry villages.geojson feature 8 geometry.coordinates[0] 1101006",
                "error malformed_geometry villages.geojson feature 9 geometry 1101007",
            ])
        #expect(
            found.map(\.detail.reason) == [
                "a village needs a geometry, found none",
                "the geometry is empty",
                "expected a position [longitude, latitude], found 1 number",
                #"expected a number, found a string "103.7""#,
                "missing (a Feature must have a geometry member, null if it has none)",
            ])
    }

    @Test func projectedCoordinatesSayHowToFixThem() throws {
        let found = try villageFindings([villageFeature("1101003", geometry: pointGeometry(500_000, 2_000_000))])
        #expect(found.map(\.brief) == ["error coordinate_out_of_range villages.geojson feature 5 geometry 1101003"])
        #expect(
            found.first?.detail.reason
                == "(500000, 2000000) is not a longitude/latitude (longitude within ±180°, latitude within ±90°)")
        #expect(found.first?.detail.suggestion == "the values look projected (metres); pass the layer's CRS, e.g. EPSG:32648 for UTM zone 48N")
    }

    @Test func oneSwappedPointSaysSo() throws {
        // One village of six written [lat, lon]: not the whole layer, so the point is refused by itself.
        let found = try villageFindings([villageFeature("1101003", geometry: pointGeometry(18.5, 103.5))])
        #expect(found.map(\.brief) == ["error coordinate_out_of_range villages.geojson feature 5 geometry 1101003"])
        #expect(found.first?.detail.reason == "(18.5, 103.5) is not a longitude/latitude (longitude within ±180°, latitude within ±90°)")
        #expect(found.first?.detail.suggestion == "longitude and latitude look swapped")
    }

    @Test func anOutOfRangePointWithNoObviousCauseHasNoSuggestion() throws {
        let found = try villageFindings([villageFeature("1101003", geometry: pointGeometry(200, 18.5))])
        #expect(found.map(\.code) == ["coordinate_out_of_range"])
        #expect(found.first?.detail.suggestion == nil)
    }

    @Test func aCSVWithCoordinatesThatAreNotNumbers() throws {
        let csv = "facility_id,name,tier,lon,lat\nHC-9,Test,health_centre,NaN,18.5\nHC-10,Test,health_centre,\"103,5\",18.5\n"
        try withLayerSet(["facilities.csv": csv]) { scratch in
            let found = try LayerSet.validate(scratch.sources { $0.paths[.facilities] = scratch.path("facilities.csv") }).findings
            #expect(
                found.map(\.brief) == [
                    "error malformed_geometry facilities.csv line 2 lon HC-9",
                    "error malformed_geometry facilities.csv line 3 lon HC-10",
                ])
            #expect(found.map(\.detail.reason) == ["expected a finite number, found NaN", #"expected a number, found "103,5""#])
            #expect(found.last?.detail.suggestion == "use a point as the decimal separator")
        }
    }
}
