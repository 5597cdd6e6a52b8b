import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// The checks across layers: codes that exist, provinces that agree with districts, and points
/// that lie where their codes say, with the nearest-district tolerance.
///
/// Distances worked out by hand and checked with pyproj (`Geod(ellps="WGS84").inv`): along the
/// parallel 18.5° N, 0.1° of longitude is N·cos φ·0.1·π/180 with N = a / √(1 − e² sin² φ), i.e.
/// 6,380,287.4 m · 0.948324 · 0.00174533 = 10,560.25 m ("10.6 km"); 0.005° is 528.01 m; 1.005°
/// is 106,130.4 m ("106.1 km").
@Suite struct CrossLayerChecksTests {
    private func villageFindings(_ extra: [String], _ adjust: (inout LayerSources) -> Void = { _ in }) throws -> [Finding] {
        try findingsAdding(extra, to: "villages.geojson", adjust)
    }

    /// The findings when `extra` features are added to the fixture layer `file`.
    private func findingsAdding(_ extra: [String], to file: String, _ adjust: (inout LayerSources) -> Void = { _ in }) throws -> [Finding] {
        try findings([file: try LayerFixtures.layer(file, adding: extra)], adjust)
    }

    private func loadedVillages(_ extra: [String], _ adjust: (inout LayerSources) -> Void = { _ in }) throws -> LayerSet {
        try withLayerSet(["villages.geojson": try LayerFixtures.layer("villages.geojson", adding: extra)]) {
            try LayerSet.load($0.sources(adjust))
        }
    }

    // MARK: - Codes

    @Test func unknownDistrictCodeSuggestsTheClosest() throws {
        let found = try villageFindings([villageFeature("1101003", district: "LA1103")])
        #expect(found.map(\.brief) == ["error unknown_district_code villages.geojson feature 5 district_pcode 1101003"])
        #expect(found.first?.detail.reason == "district LA1103 is not in the districts layer")
        // LA1101 and LA1102 are both one edit away; the first in order is named.
        #expect(found.first?.detail.suggestion == "did you mean LA1101?")
    }

    @Test func unknownDistrictCodeOfAFacility() throws {
        let found = try findingsAdding([facilityFeature("HC-9", district: "XX9999")], to: "facilities.geojson")
        #expect(found.map(\.brief) == ["error unknown_district_code facilities.geojson feature 5 district_pcode HC-9"])
        #expect(found.first?.detail.suggestion == nil)
    }

    @Test func unknownProvinceCodeOfAVillage() throws {
        let found = try villageFindings([villageFeature("1101003", province: "LA19")])
        #expect(found.map(\.brief) == ["error unknown_province_code villages.geojson feature 5 province_pcode 1101003"])
        #expect(found.first?.detail.reason == "province LA19 is not in the provinces layer")
        #expect(found.first?.detail.suggestion == "did you mean LA11?")
    }

    @Test func aDistrictNamingAnUnknownProvince() throws {
        let found = try findingsAdding([districtFeature("LA1301", province: "LA13")], to: "districts.geojson")
        #expect(found.map(\.code) == ["unknown_province_code"])
        let finding = try #require(found.first)
        #expect(finding.severity == .error && finding.recordId == "LA1301")
        #expect(finding.detail.reason == "district LA1301 names province LA13, which is not in the provinces layer")
        #expect(finding.detail.suggestion == "did you mean LA11?")
    }

    /// DESIGN.md: "The message names the file, the feature index or line, the field". This one
    /// says `districts (LA1301): field province`: no path, no feature, and the role instead of the
    /// field's name.
    @Test func aDistrictNamingAnUnknownProvinceIsLocatedInItsFile() throws {
        try withLayerSet(["districts.geojson": try LayerFixtures.layer("districts.geojson", adding: [districtFeature("LA1301", province: "LA13")])]) {
            scratch in
            let finding = try #require(try LayerSet.validate(scratch.sources()).findings.first)
            #expect(finding.detail.file == scratch.path("districts.geojson"))
            #expect(finding.detail.location == .feature(3))
            #expect(finding.detail.field == "province_pcode")
        }
    }

    @Test func aRegionNamingAnUnknownProvince() throws {
        let regions = #"{"regions": [{"id": "eleven", "name": "Eleven", "provinces": ["LA11", "LA13"]}]}"#
        try withLayerSet(["regions.json": regions]) { scratch in
            let found = try LayerSet.validate(scratch.sources()).findings
            #expect(found.map(\.code) == ["unknown_province_code"])
            let finding = try #require(found.first)
            #expect(finding.severity == .error && finding.recordId == "eleven")
            #expect(finding.detail.reason == "region eleven names province LA13, which is not in the provinces layer")
            #expect(finding.detail.suggestion == "did you mean LA11?")
            // Located in the regions file, at the list that names it.
            #expect(finding.detail.file == scratch.path("regions.json"))
            #expect(finding.detail.field == "regions[0].provinces[1]")
        }
    }

    @Test func provinceMismatchIsAWarningAndTheDistrictWins() throws {
        let set = try loadedVillages([villageFeature("1101003", province: "LA12")])
        #expect(set.report.findings.map(\.brief) == ["warning province_mismatch villages.geojson feature 5 province_pcode 1101003"])
        #expect(set.report.findings.first?.detail.reason == "states province LA12, but its district LA1101 belongs to LA11")
        #expect(set.villages.last?.provincePcode == "LA11")
    }

    @Test func provinceMismatchWithoutADistrict() throws {
        let set = try loadedVillages([villageFeature("1101003", district: nil, province: "LA12")])
        #expect(set.report.findings.map(\.brief) == ["warning province_mismatch villages.geojson feature 5 province_pcode 1101003"])
        #expect(set.report.findings.first?.detail.reason == "states province LA12, but its point lies in LA1101 of LA11")
        #expect(set.villages.last?.districtPcode == "LA1101" && set.villages.last?.provincePcode == "LA11")
    }

    @Test func noStatedCodesTakeThePlaceThePointLiesIn() throws {
        let set = try loadedVillages([villageFeature("1102002", district: nil, province: nil, geometry: pointGeometry(104.25, 18.9))])
        #expect(set.report.findings.isEmpty)
        #expect(set.villages.last?.districtPcode == "LA1102" && set.villages.last?.provincePcode == "LA11")
        #expect(set.villagePlacements.last == AdminPlacement(districtPcode: "LA1102", provincePcode: "LA11", method: .inside, distanceMeters: 0))
    }

    // MARK: - Where the points lie

    @Test func aVillageInTheNeighbouringDistrict() throws {
        // (104.1, 18.5) lies in LA1102, 0.1° east of LA1101's edge.
        let set = try loadedVillages([villageFeature("1101003", geometry: pointGeometry(104.1, 18.5))])
        #expect(set.report.findings.map(\.brief) == ["warning outside_stated_district villages.geojson feature 5 geometry 1101003"])
        #expect(set.report.findings.first?.detail.reason == "the village lies in LA1102 East Eleven, 10.6 km from its stated district LA1101")
        #expect(set.villages.last?.districtPcode == "LA1101")
        let placement = try #require(set.villagePlacements.last)
        #expect(placement.districtPcode == "LA1102" && placement.method == .inside)
    }

    /// The error for a point beyond the tolerance, as the fixture's villages and facilities at
    /// (105.1, 18.5) get it: 0.1° east of every district, 10,560 m from LA1102.
    private static let beyond =
        "lies in no district: 10.6 km from the nearest, LA1102 East Eleven, beyond the tolerance of 1,000 m"
    private static let beyondSuggestion =
        "if the point is right, raise --tolerance-m to place it in the nearest district; if the layer's coordinates are in "
        + "another system, name it with --crs villages=EPSG:…"

    @Test func aVillageStatingNoDistrictBeyondTheToleranceIsAnError() throws {
        let found = try villageFindings([villageFeature("1101003", district: nil, geometry: pointGeometry(105.1, 18.5))])
        // One finding: the error says where the nearest district is; no second warning repeats it.
        #expect(found.map(\.brief).sorted() == ["error beyond_tolerance villages.geojson feature 5 geometry 1101003"])
        let finding = try only("beyond_tolerance", in: found)
        #expect(finding.detail.reason == "the village \(Self.beyond)")
        #expect(finding.detail.suggestion == Self.beyondSuggestion)
        #expect(abs((finding.magnitude ?? 0) - 10_560.25) < 0.5)
    }

    @Test func aVillageStatingItsDistrictBeyondTheToleranceIsAnErrorToo() throws {
        // Until issue 15 a stated district kept such a point, with a warning: a village at (0, 0)
        // was then counted 11,000 km from every facility.
        let found = try villageFindings([villageFeature("1102002", district: "LA1102", geometry: pointGeometry(105.1, 18.5))])
        #expect(found.map(\.brief) == ["error beyond_tolerance villages.geojson feature 5 geometry 1102002"])
        #expect(found.first?.detail.reason == "the village \(Self.beyond)")
        let failure = try withLayerSet([
            "villages.geojson": try LayerFixtures.layer("villages.geojson", adding: [villageFeature("1102002", geometry: pointGeometry(105.1, 18.5))])
        ]) { scratch in
            try #require(throws: ValidationFailure.self) { try LayerSet.load(scratch.sources()) }
        }
        #expect(failure.report.errors.map(\.code) == ["beyond_tolerance"])
    }

    @Test func aFacilityBeyondTheToleranceIsAnError() throws {
        let found = try findingsAdding([facilityFeature("HC-9", geometry: pointGeometry(105.1, 18.5))], to: "facilities.geojson")
        #expect(found.map(\.brief) == ["error beyond_tolerance facilities.geojson feature 5 geometry HC-9"])
        #expect(found.first?.detail.reason == "the facility \(Self.beyond)")
        #expect(found.first?.detail.suggestion == Self.beyondSuggestion.replacingOccurrences(of: "--crs villages", with: "--crs facilities"))
    }

    @Test func outsideEveryDistrictWithinTheTolerance() throws {
        // 528 m east of LA1102: within the default 1 km, so it is placed there, flagged.
        let set = try loadedVillages([villageFeature("1102002", district: "LA1102", geometry: pointGeometry(105.005, 18.5))])
        #expect(set.report.findings.map(\.brief) == ["warning outside_all_districts villages.geojson feature 5 geometry 1102002"])
        #expect(set.report.findings.first?.detail.reason == "the village lies in no district polygon, 528.0 m from LA1102, which is taken as where it lies")
        let placement = try #require(set.villagePlacements.last)
        #expect(placement.method == .nearestWithinTolerance && placement.districtPcode == "LA1102" && placement.provincePcode == "LA11")
        #expect(abs(placement.distanceMeters - 528.01) < 0.05)
    }

    @Test func theToleranceDecidesWhetherTheNearestDistrictIsTaken() throws {
        let village = villageFeature("1102002", district: nil, geometry: pointGeometry(105.005, 18.5))
        // 528.01 m away: a tolerance of 528 m leaves it outside (and, with no stated district, without one) …
        let tight = try villageFindings([village]) { $0.nearestDistrictToleranceMeters = 528 }
        #expect(tight.map(\.code).sorted() == ["beyond_tolerance"])
        // … 529 m places it.
        let set = try loadedVillages([village]) { $0.nearestDistrictToleranceMeters = 529 }
        #expect(set.villages.last?.districtPcode == "LA1102")
        #expect(set.villagePlacements.last?.method == .nearestWithinTolerance)
        // 20 km also takes the village 10.6 km out, naming the distance.
        let wide = try loadedVillages([villageFeature("1102003", district: nil, geometry: pointGeometry(105.1, 18.5))]) {
            $0.nearestDistrictToleranceMeters = 20_000
        }
        #expect(wide.report.findings.map(\.detail.reason) == ["the village lies in no district polygon, 10.6 km from LA1102, which is taken as where it lies"])
        #expect(wide.villages.last?.districtPcode == "LA1102")
        // 0 m: only points inside a polygon are placed.
        let none = try villageFindings([village]) { $0.nearestDistrictToleranceMeters = 0 }
        #expect(none.map(\.code).sorted() == ["beyond_tolerance"])
    }

    @Test func theDefaultToleranceIsOneKilometre() throws {
        let sources = LayerSources(paths: [:])
        #expect(sources.nearestDistrictToleranceMeters == 1_000)
        #expect(AdminLocator.defaultToleranceMeters == 1_000)
    }

    @Test func aNegativeToleranceIsRefused() throws {
        let sources = try LayerFixtures.sources().with { $0.nearestDistrictToleranceMeters = -1 }
        #expect(throws: ParameterError(name: "tolerance", reason: "must be a finite number of metres ≥ 0, found -1.0")) { try LayerSet.validate(sources) }
    }

    @Test func aFacilityJustOutsideNextToAnotherDistrictGetsOneWarning() throws {
        // (105.005, 18.5) stated LA1101: in no district, 528 m from LA1102 (taken), 1.005° = 106.1 km from LA1101.
        let found = try findingsAdding([facilityFeature("HC-9", geometry: pointGeometry(105.005, 18.5))], to: "facilities.geojson")
        // The disagreement already says it lies in no district and which is nearest.
        #expect(found.map(\.brief).sorted() == ["warning outside_stated_district facilities.geojson feature 5 geometry HC-9"])
        #expect(
            try only("outside_stated_district", in: found).detail.reason
                == "the facility lies in no district, 528.0 m from the nearest, LA1102 East Eleven, 106.1 km from its stated district LA1101")
    }

    @Test func mappedFieldNamesAreUsedInCrossLayerMessages() throws {
        // With `district` mapped to `dist`, an unknown district names the field the file has.
        let csv = "vcode,name,dist,population,lon,lat\n1101003,B. Test,LA1109,10,103.75,18.75\n"
        try withLayerSet(["villages.csv": csv]) { scratch in
            var mapping = FieldMapping(defaultsFor: .villages)
            try mapping.set(.id, to: "vcode")
            try mapping.set(.district, to: "dist")
            let sources = scratch.sources {
                $0.paths[.villages] = scratch.path("villages.csv")
                $0.mappings[.villages] = mapping
            }
            let found = try LayerSet.validate(sources).findings
            #expect(found.map(\.brief) == ["error unknown_district_code villages.csv line 2 dist 1101003"])
        }
    }
}
