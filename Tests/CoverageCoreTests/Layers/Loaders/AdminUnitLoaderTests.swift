import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// The findings of the province and district loader, each from hand-written districts added to
/// the fixture set (features 0–2 are good; the added ones are features 3, 4, …), by default the
/// square [105, 106] × [17, 18] of province LA12, where no village or facility lies.
@Suite struct AdminUnitLoaderTests {
    private func districtFindings(_ extra: [String], repair: Bool = false) throws -> [Finding] {
        try findings(["districts.geojson": try LayerFixtures.layer("districts.geojson", adding: extra)]) {
            $0.repairInvalidPolygons = repair
        }
    }

    @Test func anExtraGoodDistrictLoads() throws {
        let files = [
            "districts.geojson": try LayerFixtures.layer(
                "districts.geojson",
                adding: [
                    districtFeature("LA1202", population: 10, populationYears: ["population_2015": 9, "population_2020": 10, "population_year": 2023])
                ])
        ]
        try withLayerSet(files) { scratch in
            let set = try LayerSet.load(scratch.sources())
            let added = try #require(set.district("LA1202"))
            #expect(added.provincePcode == "LA12" && added.level == .district && added.nameEN == "Extra")
            // population_year is the year of the figures, not a figure of a year.
            #expect(added.populationByYear == [2015: 9, 2020: 10])
            #expect(added.populationYear == 2023)
            #expect(added.figures == PopulationFigures(population: 10))
        }
    }

    @Test func missingProvinceOfADistrict() throws {
        for province: JSONLiteral in [nil, "", .absent] {
            let found = try districtFindings([districtFeature("LA1202", province: province)])
            #expect(found.map(\.brief) == ["error missing_province districts.geojson feature 3 province_pcode LA1202"], "\(province.text)")
            #expect(found.first?.detail.reason == "a district needs its province P-code")
        }
    }

    @Test func aProvinceIsItsOwnProvince() throws {
        let set = try LayerSet.load(LayerFixtures.sources())
        #expect(set.provinces.map(\.provincePcode) == ["LA11", "LA12"])
    }

    @Test func missingNameIsAWarningAndThePcodeStandsIn() throws {
        let files = ["districts.geojson": try LayerFixtures.layer("districts.geojson", adding: [districtFeature("LA1202", name: nil)])]
        try withLayerSet(files) { scratch in
            let set = try LayerSet.load(scratch.sources())
            #expect(set.report.findings.map(\.brief) == ["warning missing_name districts.geojson feature 3 name_en LA1202"])
            #expect(set.report.findings.first?.detail.reason == "no name; the P-code stands in for it")
            #expect(set.district("LA1202")?.nameEN == "LA1202")
        }
    }

    @Test func missingIdentifier() throws {
        let found = try districtFindings([districtFeature(nil)])
        #expect(found.map(\.brief) == ["error missing_id districts.geojson feature 3 pcode -"])
        #expect(found.first?.detail.reason == "every district needs an identifier (field pcode)")
    }

    @Test func duplicatePcode() throws {
        let found = try districtFindings([districtFeature("LA1101", province: "LA11")])
        #expect(found.map(\.brief) == ["error duplicate_id districts.geojson feature 3 pcode LA1101"])
        #expect(found.first?.detail.reason == "duplicate district identifier LA1101 (first at feature 0)")
    }

    @Test func negativeAndInvalidPopulations() throws {
        let found = try districtFindings([
            districtFeature("LA1202", population: -3),
            districtFeature("LA1203", populationYears: ["population_2020": -1]),
            districtFeature("LA1204", populationYears: ["population_2021": "n/a"]),
            districtFeature("LA1205", population: "n/a"),
        ])
        #expect(
            found.map(\.brief) == [
                "error negative_population districts.geojson feature 3 population LA1202",
                "error negative_population districts.geojson feature 4 population_2020 LA1203",
                "error invalid_population districts.geojson feature 5 population_2021 LA1204",
                "error invalid_population districts.geojson feature 6 population LA1205",
            ])
        #expect(
            found.map(\.detail.reason) == [
                "expected a whole number ≥ 0, found -3", "expected a whole number ≥ 0, found -1",
                #"expected a whole number, found "n/a""#, #"expected a whole number, found "n/a""#,
            ])
    }

    @Test func aProvinceLayerFindingNamesTheProvinceFile() throws {
        let provinces = try LayerFixtures.layer(
            "provinces.geojson",
            adding: [
                featureText(["pcode": "LA13", "name_en": "Thirteen", "population": -2], geometry: squareGeometry(105, 17, 106, 18))
            ])
        let found = try findings(["provinces.geojson": provinces])
        #expect(found.map(\.brief) == ["error negative_population provinces.geojson feature 2 population LA13"])
    }

    // MARK: - Geometry

    @Test func aPointDistrict() throws {
        let found = try districtFindings([districtFeature("LA1202", geometry: pointGeometry(105.5, 17.5))])
        #expect(found.map(\.brief) == ["error wrong_geometry_type districts.geojson feature 3 geometry LA1202"])
        #expect(found.first?.detail.reason == "expected a Polygon or MultiPolygon for a district, found a Point")
    }

    @Test func aMultiPolygonDistrictIsFine() throws {
        let multi =
            #"{"type": "MultiPolygon", "coordinates": [[[[105, 17], [105.4, 17], [105.4, 18], [105, 18], [105, 17]]], "#
            + #"[[[105.6, 17], [106, 17], [106, 18], [105.6, 18], [105.6, 17]]]]}"#
        #expect(try districtFindings([districtFeature("LA1202", geometry: multi)]).isEmpty)
    }

    @Test func emptyAndMissingGeometries() throws {
        let found = try districtFindings([
            districtFeature("LA1202", geometry: #"{"type": "Polygon", "coordinates": []}"#),
            districtFeature("LA1203", geometry: "null"),
        ])
        #expect(
            found.map(\.brief) == [
                "error empty_geometry districts.geojson feature 3 geometry LA1202",
                "error missing_geometry districts.geojson feature 4 geometry LA1203",
            ])
        #expect(found.map(\.detail.reason) == ["the geometry is empty", "a district needs a geometry, found none"])
    }

    @Test func anUnclosedRingIsMalformed() throws {
        let found = try districtFindings([districtFeature("LA1202", geometry: polygonGeometry([(105, 17), (106, 17), (106, 18), (105, 18)]))])
        #expect(found.map(\.brief) == ["error malformed_geometry districts.geojson feature 3 geometry.coordinates[0] LA1202"])
        #expect(found.first?.detail.reason == "the ring is not closed: it starts at (105.0, 17.0) and ends at (105.0, 18.0)")
    }

    @Test func aProjectedPolygonIsOutOfRange() throws {
        let found = try districtFindings([
            districtFeature(
                "LA1202",
                geometry: polygonGeometry([
                    (500_000, 2_000_000), (510_000, 2_000_000), (510_000, 2_010_000), (500_000, 2_000_000),
                ]))
        ])
        #expect(found.map(\.brief) == ["error coordinate_out_of_range districts.geojson feature 3 geometry LA1202"])
        #expect(found.first?.detail.reason.hasPrefix("(500000, 2000000) is not a longitude/latitude") == true)
    }

    /// A bow-tie: the ring (105, 17) → (106, 18) → (106, 17) → (105, 18) crosses itself at (105.5, 17.5).
    private static let bowTie = polygonGeometry([(105, 17), (106, 18), (106, 17), (105, 18), (105, 17)])

    @Test func aBowTieIsAnInvalidPolygon() throws {
        let found = try districtFindings([districtFeature("LA1202", geometry: Self.bowTie)])
        #expect(found.map(\.brief) == ["error invalid_polygon districts.geojson feature 3 geometry LA1202"])
        #expect(found.first?.detail.reason == "invalid polygon: Self-intersection at 105.5 17.5")
        #expect(found.first?.detail.suggestion == "--repair applies GEOS make-valid")
    }

    @Test func repairTurnsABowTieIntoTwoTrianglesWithAWarning() throws {
        let files = ["districts.geojson": try LayerFixtures.layer("districts.geojson", adding: [districtFeature("LA1202", geometry: Self.bowTie)])]
        try withLayerSet(files) { scratch in
            let set = try LayerSet.load(scratch.sources { $0.repairInvalidPolygons = true })
            #expect(set.report.findings.map(\.brief) == ["warning repaired_polygon districts.geojson feature 3 geometry LA1202"])
            // Areas by pyproj: the bow-tie's signed lobes cancel (geod polygon area 0.0); make-valid
            // gives the triangles (105 18, 105.5 17.5, 105 17) and (106 17, 105.5 17.5, 106 18),
            // 2,938.432 km² each (Geod(ellps="WGS84").geometry_area_perimeter).
            #expect(
                set.report.findings.first?.detail.reason
                    == "invalid polygon: Self-intersection at 105.5 17.5; repaired with make-valid into 2 polygon(s), area 0.000 → 5876.864 km²")
            let repaired = try #require(set.district("LA1202")).geometry
            #expect(repaired.kind == .multiPolygon)
            #expect(repaired.polygons.count == 2)
            #expect(abs(try Geodesic.wgs84.areaPerimeter(of: repaired).areaSquareMeters / 1e6 - 5_876.8637) < 0.001)
        }
    }

    @Test func repairLeavesValidPolygonsAlone() throws {
        let set = try LayerSet.load(try LayerFixtures.sources().with { $0.repairInvalidPolygons = true })
        #expect(set.report.findings.isEmpty)
        #expect(set.districts.map(\.geometry.kind) == [.polygon, .polygon, .polygon])
    }
}
