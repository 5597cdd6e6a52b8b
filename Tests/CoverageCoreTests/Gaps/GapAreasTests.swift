import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// Gap areas on the tiny set of `CoverageGapsFixtures.swift`: districts are 1° squares, HC-1 lies
/// 0.3° inside West, HC-2 0.01° west of the West/East border, DH-1 in West.
@Suite("GapAreas")
struct GapAreasTests {
    static let hc = CareTarget.tier(.healthCentre)

    func area(_ geometry: Geometry) throws -> Double { try Geodesic.wgs84.areaPerimeter(of: geometry).areaSquareMeters }

    @Test func radii() {
        let model = TinyGapsSet.standards.travelModel
        #expect(GapAreas.radiusMeters(.kilometers(5), mode: .walking, travelModel: model) == 5_000)
        // 60 min × 4 km/h ÷ 1.4 = 2,857.142857… m; 60 min × 30 km/h ÷ 1.4 = 21,428.57… m.
        #expect(abs(GapAreas.radiusMeters(.minutes(60), mode: .walking, travelModel: model) - 2_857.142857142857) < 1e-9)
        #expect(abs(GapAreas.radiusMeters(.minutes(60), mode: .motorbike, travelModel: model) - 21_428.571428571428) < 1e-9)
    }

    /// West and East together lose exactly the three 5 km circles of the facilities providing
    /// health-centre care, HC-1, HC-2 and DH-1 (a district hospital provides primary care; all
    /// three circles lie inside the province and are disjoint: DH-1 is 23.9 km from HC-1 and
    /// 52.9 km from HC-2 by pyproj `Geod(ellps="WGS84").inv`): the gap is the province minus the
    /// circles, whichever district each piece falls in. East's gap is smaller than East because
    /// HC-2's circle reaches over the border.
    @Test func healthCentreGapsAreTheDistrictsMinusTheCircles() throws {
        let layers = try TinyGapsSet.load()
        let gaps = try GapAreas(layers: layers, region: try layers.requireRegion("eleven"), standards: TinyGapsSet.standards, targets: [Self.hc])
        #expect(gaps.districtPcodes == ["LA1101", "LA1102"])
        let fiveKm = gaps.areas.filter { $0.threshold == .kilometers(5) }
        #expect(fiveKm.map(\.districtPcode) == ["LA1101", "LA1102"])
        let circles = try [Coordinate(lon: 103.3, lat: 18.5), Coordinate(lon: 103.99, lat: 18.5), Coordinate(lon: 103.5, lat: 18.6)].map {
            try area(Geodesic.wgs84.circle(center: $0, radiusMeters: 5_000))
        }
        let west = try area(layers.district("LA1101")!.geometry), east = try area(layers.district("LA1102")!.geometry)
        let expected = west + east - circles[0] - circles[1] - circles[2]
        let total = fiveKm.map(\.areaSquareMeters).reduce(0, +)
        #expect(abs(total - expected) / expected < 1e-6, "\(total) vs \(expected)")
        #expect(fiveKm[1].areaSquareMeters < east - 1e6)  // more than 1 km² of East is covered from HC-2
        #expect(fiveKm[0].districtAreaSquareMeters == west)
        #expect(abs(fiveKm[0].percentOfDistrict! - fiveKm[0].areaSquareMeters / west * 100) < 1e-9)
        #expect(fiveKm[0].radiusMeters == 5_000)
        #expect(fiveKm.allSatisfy { (try? $0.geometry.isValid()) == true })
        // The gap is within the district and does not meet the circles' interiors.
        for gap in fiveKm {
            #expect(try layers.district(gap.districtPcode)!.geometry.covers(gap.geometry))
        }
        for centre in [Coordinate(lon: 103.3, lat: 18.5), Coordinate(lon: 103.5, lat: 18.6)] {
            #expect(try !fiveKm[0].geometry.intersects(Geometry.point(centre)))
        }
        #expect(fiveKm[0].geometry.kind == .polygon)
        #expect(fiveKm[0].geometry.interiorRings.count == 2)  // HC-1's and DH-1's circles are holes in West
    }

    /// A smaller radius (60 minutes' walk, 2,857 m) leaves a larger gap: West minus HC-1's and
    /// DH-1's circles and the part of HC-2's that reaches into West.
    @Test func minutesThresholdUsesTheTravelModel() throws {
        let layers = try TinyGapsSet.load()
        let gaps = try GapAreas(layers: layers, region: try layers.requireRegion("eleven"), standards: TinyGapsSet.standards, targets: [Self.hc])
        let walk = try #require(gaps.areas.first { $0.districtPcode == "LA1101" && $0.threshold == .minutes(60) })
        let fiveKm = try #require(gaps.areas.first { $0.districtPcode == "LA1101" && $0.threshold == .kilometers(5) })
        let radius = try #require(walk.radiusMeters)
        #expect(abs(radius - 2_857.142857142857) < 1e-9)
        let circle = try [Coordinate(lon: 103.3, lat: 18.5), Coordinate(lon: 103.5, lat: 18.6)].map {
            try area(Geodesic.wgs84.circle(center: $0, radiusMeters: radius))
        }.reduce(0, +)
        let part = try area(
            Geodesic.wgs84.circle(center: Coordinate(lon: 103.99, lat: 18.5), radiusMeters: radius)
                .intersection(layers.district("LA1101")!.geometry))
        #expect(abs(walk.areaSquareMeters - (walk.districtAreaSquareMeters - circle - part)) / walk.areaSquareMeters < 1e-6)
        #expect(walk.areaSquareMeters > fiveKm.areaSquareMeters)
    }

    /// No provincial hospital: every district of the region is a gap, whole.
    @Test func targetWithoutFacilitiesLeavesEveryDistrictWhole() throws {
        let layers = try TinyGapsSet.load()
        let gaps = try GapAreas(
            layers: layers, region: try layers.requireRegion("pair"), standards: TinyGapsSet.standards,
            targets: [.tier(.provincialHospital)])
        #expect(gaps.areas.count == 4 * 2)
        for gap in gaps.areas {
            #expect(gap.areaSquareMeters == gap.districtAreaSquareMeters)
            #expect(gap.percentOfDistrict == 100)
            #expect(try gap.geometry.topologicallyEquals(layers.district(gap.districtPcode)!.geometry))
        }
    }

    /// Circles large enough to cover everything leave no gap, and no feature.
    @Test func fullyCoveredDistrictsHaveNoGap() throws {
        let layers = try TinyGapsSet.load()
        let standards = TinyGapsSet.standards.overriding(kilometers: [300], minutes: [])
        let gaps = try GapAreas(layers: layers, region: try layers.requireRegion("pair"), standards: standards, targets: [Self.hc])
        #expect(gaps.areas.isEmpty)
        #expect(gaps.features().isEmpty)
    }

    /// South West and South East (LA12) have no facility; 100 km circles around HC-1 and HC-2
    /// still reach into them from the north.
    @Test func circlesReachAcrossDistrictBorders() throws {
        let layers = try TinyGapsSet.load()
        let standards = TinyGapsSet.standards.overriding(kilometers: [100], minutes: [])
        let gaps = try GapAreas(layers: layers, region: try layers.requireRegion("pair"), standards: standards, targets: [Self.hc])
        let southWest = try #require(gaps.areas.first { $0.districtPcode == "LA1201" })
        let southEast = try #require(gaps.areas.first { $0.districtPcode == "LA1202" })
        #expect(southWest.areaSquareMeters < southWest.districtAreaSquareMeters * 0.9)
        #expect(southEast.areaSquareMeters < southEast.districtAreaSquareMeters * 0.99)
        // Only circles whose envelope meets a district are unioned: the answer is the one with
        // every circle of the facilities providing health-centre care (HC-1, HC-2 and DH-1).
        let all = try Geometry.unaryUnion(
            of: layers.facilities.filter { ["HC-1", "HC-2", "DH-1"].contains($0.id) }.map {
                try Geodesic.wgs84.circle(center: $0.location, radiusMeters: 100_000)
            })
        for gap in gaps.areas {
            let direct = try layers.district(gap.districtPcode)!.geometry.difference(all)
            #expect(abs(try area(direct) - gap.areaSquareMeters) <= 1e-9 * gap.districtAreaSquareMeters, "\(gap.districtPcode)")
        }
    }

    /// Same gaps, to the last coordinate, with 1 or 2 threads.
    @Test func sameResultWhateverTheThreadCount() throws {
        let layers = try TinyGapsSet.load()
        let region = try layers.requireRegion("pair")
        let targets = TinyGapsSet.targets
        let one = try GapAreas(layers: layers, region: region, standards: TinyGapsSet.standards, targets: targets, threads: 1)
        let two = try GapAreas(layers: layers, region: region, standards: TinyGapsSet.standards, targets: targets, threads: 2)
        #expect(one.areas.count == two.areas.count)
        #expect(try GeoJSONWriter.featureCollection(one.features()) == GeoJSONWriter.featureCollection(two.features()))
        #expect(one.areas.map(\.areaSquareMeters) == two.areas.map(\.areaSquareMeters))
        // Ordered by district, then target, then threshold.
        let keys = one.areas.map { ($0.districtPcode, $0.target, $0.threshold) }
        #expect(keys.map(\.0) == keys.map(\.0).sorted())
    }

    @Test func featureProperties() throws {
        let layers = try TinyGapsSet.load()
        let gaps = try GapAreas(layers: layers, region: try layers.requireRegion("eleven"), standards: TinyGapsSet.standards, targets: [Self.hc])
        let properties = try #require(gaps.features().first?.properties)
        #expect(
            properties.keys == [
                "district_pcode", "district_name", "province_pcode", "target", "threshold", "radius_m", "area_km2",
                "district_area_km2", "pct_of_district",
            ])
        #expect(properties["district_name"] == .string("West"))
        #expect(properties["target"] == .string("health_centre"))
        #expect(properties["threshold"] == .string("5km"))
        let km2 = try #require(properties["area_km2"]?.numberValue)
        #expect(abs(km2 - gaps.areas[0].areaSquareMeters / 1e6) <= 5e-7)
    }

    @Test func unknownTargetStandardIsAnInputError() throws {
        let layers = try TinyGapsSet.load()
        #expect(throws: InputError.self) {
            try GapAreas(
                layers: layers, region: try layers.requireRegion("eleven"), standards: TinyGapsSet.standards,
                targets: [.service(.rehabilitation)])
        }
    }
}
