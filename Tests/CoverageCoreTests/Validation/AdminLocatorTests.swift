import DistanceKernel
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// The shipped layers, read once for the whole suite with ``GeoJSONLayer`` (independently of the
/// loaders, so that these tests exercise only the join).
private struct ShippedLayers: Sendable {
    let districts: [AdminUnit]
    let villages: [StatedAdminCodes]
    let facilities: [StatedAdminCodes]

    static let shared = Result { try ShippedLayers() }

    private struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    private init() throws {
        let folder = Fixtures.shippedData
        func text(_ feature: GeoJSONFeature, _ key: String) throws -> String {
            guard let value = feature.properties[key]?.stringValue else { throw Missing(description: "feature \(feature.index): no \(key)") }
            return value
        }
        let districtLayer = try GeoJSONLayer.read(path: folder.appendingPathComponent("districts.geojson").path)
        districts = try districtLayer.features.map { feature in
            guard let geometry = feature.geometry else { throw Missing(description: "district \(feature.index): no geometry") }
            let pcode = try text(feature, "pcode")
            return AdminUnit(
                pcode: pcode, level: .district, nameEN: try text(feature, "name_en"), nameLO: nil,
                provincePcode: try text(feature, "province_pcode"),
                figures: nil, populationYear: nil, populationByYear: [:], geometry: try Geometry(geometry), otherNames: [])
        }
        func points(_ file: String, id: String) throws -> [StatedAdminCodes] {
            try GeoJSONLayer.read(path: folder.appendingPathComponent(file).path).features.map { feature in
                guard let location = feature.geometry?.pointCoordinate else { throw Missing(description: "\(file) \(feature.index): no point") }
                return StatedAdminCodes(
                    id: try text(feature, id), location: location,
                    districtPcode: feature.properties["district_pcode"]?.stringValue,
                    provincePcode: feature.properties["province_pcode"]?.stringValue)
            }
        }
        villages = try points("villages.geojson", id: "village_code")
        facilities = try points("facilities.geojson", id: "facility_id")
    }
}

private func square(_ minX: Double, _ minY: Double, _ size: Double) throws -> Geometry {
    try Geometry.polygon(exterior: [
        Coordinate(x: minX, y: minY), Coordinate(x: minX + size, y: minY), Coordinate(x: minX + size, y: minY + size),
        Coordinate(x: minX, y: minY + size), Coordinate(x: minX, y: minY),
    ])
}

private func district(_ pcode: String, province: String, _ geometry: Geometry) -> AdminUnit {
    AdminUnit(
        pcode: pcode, level: .district, nameEN: "D\(pcode.suffix(2))", nameLO: nil, provincePcode: province,
        figures: nil, populationYear: nil, populationByYear: [:], geometry: geometry, otherNames: [])
}

@Suite struct AdminLocatorTests {
    // MARK: The shipped data

    /// Expected values checked once, independently, with shapely 2.2.0 and pyproj 3.7.2 (the
    /// Benchmarks venv): `STRtree.query(points, predicate="covered_by")` for the district of each
    /// point, and for the distance `shapely.ops.nearest_points(point, stated_polygon)` followed by
    /// `pyproj.Geod(ellps="WGS84").inv` — the same method as AdminLocator, by other code. An
    /// azimuthal equidistant projection centred on each point gives distances within 0.013 m of
    /// these (3.9 m at 10.8 km for 808016 to LA0809). They agree with GeoData/README.md's list of
    /// known flaws, except that README calls LA1805 "Hom": in districts.geojson LA1805 is Longsane
    /// (LSB "Longxan"), LA1804 is Home/Hom and LA1803 is Longcheng.
    static let misplacedVillages: [(id: String, liesIn: String, stated: String, distanceMeters: Double)] = [
        ("107028", "LA0104", "LA0107", 28.8533),
        ("301046", "LA0403", "LA0301", 24.6177),
        ("407080", "LA0406", "LA0407", 13.5476),
        ("1203039", "LA1311", "LA1203", 19.7892),
        ("1307048", "LA1304", "LA1307", 25.9444),
        ("1805017", "LA1805", "LA1803", 36_489.8454),
        ("1805019", "LA1805", "LA1803", 37_495.9040),
    ]

    @Test func shippedVillagesLieInTheirStatedDistrictsExceptTheKnownEight() throws {
        let layers = try ShippedLayers.shared.get()
        #expect(layers.districts.count == 148)
        #expect(layers.villages.count == 8_499)
        let locator = try AdminLocator(districts: layers.districts)
        let join = try locator.join(layers.villages)
        let placements = join.placements

        #expect(placements.filter { $0.method == .inside }.count == 8_498)
        #expect(zip(layers.villages, placements).filter { $0.0.districtPcode == $0.1.districtPcode && $0.1.method == .inside }.count == 8_491)
        #expect(placements.allSatisfy { $0.method != .outside })

        // 808016 B. Nakaengma lies ~7 m outside Laos: placed in its nearest district, flagged.
        let border = try #require(layers.villages.firstIndex { $0.id == "808016" })
        #expect(placements[border].method == .nearestWithinTolerance)
        #expect(placements[border].districtPcode == "LA0808")
        #expect(placements[border].provincePcode == "LA08")
        #expect(abs(placements[border].distanceMeters - 7.0354) < 0.01)

        // The seven in a neighbouring district, and nothing else.
        #expect(join.disagreements.map(\.recordId) == Self.misplacedVillages.map(\.id))
        for (found, expected) in zip(join.disagreements, Self.misplacedVillages) {
            #expect(found.kind == .otherDistrict)
            #expect(found.placement.method == .inside)
            #expect(found.placement.districtPcode == expected.liesIn)
            #expect(found.placement.distanceMeters == 0)
            #expect(found.statedDistrictPcode == expected.stated)
            let distance = try #require(found.distanceToStatedDistrictMeters)
            #expect(abs(distance - expected.distanceMeters) < 0.01, "\(found.recordId): \(distance)")
        }
        let hom = try #require(join.disagreements.first { $0.recordId == "1805017" })
        #expect(hom.description == "lies in LA1805 Longsane, 36.5 km from its stated district LA1803")
        let small = try #require(join.disagreements.first { $0.recordId == "107028" })
        #expect(small.description == "lies in LA0104 Sisattanak, 28.9 m from its stated district LA0107")
        #expect(small.placement.provincePcode == "LA01")
    }

    @Test func aTighterToleranceLeavesTheBorderVillageOutside() throws {
        let layers = try ShippedLayers.shared.get()
        let locator = try AdminLocator(districts: layers.districts, toleranceMeters: 5)
        let village = try #require(layers.villages.first { $0.id == "808016" })
        let join = try locator.join([village])
        #expect(join.placements[0].method == .outside)
        #expect(join.placements[0].districtPcode == "LA0808", "the nearest district is still named")
        #expect(abs(join.placements[0].distanceMeters - 7.0354) < 0.01)
        #expect(join.disagreements.map(\.kind) == [.outsideDistricts])
        #expect(join.disagreements[0].description == "lies in no district, 7.0 m from the nearest, LA0808 Kenethao (beyond the tolerance), its stated district")
    }

    @Test func shippedFacilitiesLieInTheirStatedDistrictsExceptTheKnownTwo() throws {
        // The proxy health centres placed at two of the misplaced villages (HC-LA1307-04 at 1307048,
        // HC-LA1803-01 at 1805019, their `village_code`); every OSM facility's district is the polygon
        // that holds it. Checked with shapely `covers` over the 1,126 features like the villages above.
        // (Before issue 14, five proxies stood at misplaced villages.)
        let layers = try ShippedLayers.shared.get()
        #expect(layers.facilities.count == 1_126)
        let join = try AdminLocator(districts: layers.districts).join(layers.facilities)
        #expect(join.placements.allSatisfy { $0.method == .inside })
        #expect(join.disagreements.map(\.recordId) == ["HC-LA1307-04", "HC-LA1803-01"])
        #expect(join.disagreements.map(\.placement.districtPcode) == ["LA1304", "LA1805"])
        #expect(join.disagreements.allSatisfy { $0.kind == .otherDistrict })
    }

    @Test func pointInPolygonIndexAgreesWithGEOSOnTheDistricts() throws {
        // Seeded uniform points over the Laos bounding box, every village, and every 7th district
        // vertex (on shared borders: the lowest index must win, as with GEOS's first covering district).
        let layers = try ShippedLayers.shared.get()
        let geometries = layers.districts.map(\.geometry)
        let index = try PointInPolygonIndex(geometries.map(\.shape))
        var generator = SplitMix64(seed: 20_231_122)
        var points = (0..<15_000).map { _ in
            Coordinate(x: Double.random(in: 100.08...107.71, using: &generator), y: Double.random(in: 13.90...22.51, using: &generator))
        }
        points += layers.villages.map(\.location)
        for geometry in geometries.prefix(40) {
            let vertices = geometry.allCoordinates
            points += stride(from: 0, to: vertices.count, by: 7).map { vertices[$0] }
        }
        let tree = try STRtree(geometries)
        var prepared: [Int: PreparedGeometry] = [:]
        var expected: [Int?] = []
        for point in points {
            let geometry = try Geometry.point(point)
            var found: Int?
            for candidate in try tree.query(intersecting: geometry) {
                if prepared[candidate] == nil { prepared[candidate] = try PreparedGeometry(geometries[candidate]) }
                if try prepared[candidate]!.covers(geometry) {
                    found = candidate
                    break
                }
            }
            expected.append(found)
        }
        let answers = try index.locate(points, threads: 1)
        let mismatches = zip(points, zip(answers, expected)).filter { $0.1.0 != $0.1.1 }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(try index.locate(points, threads: 2) == answers)
        #expect(try index.locate(points, threads: 8) == answers)
        #expect(answers.filter { $0 == nil }.count > 5_000, "most of the bounding box is outside Laos")
    }

    @Test func placementsDoNotDependOnTheThreadCount() throws {
        let layers = try ShippedLayers.shared.get()
        let locator = try AdminLocator(districts: layers.districts)
        var generator = SplitMix64(seed: 5)
        // Some points far outside too, so the parallel nearest-district search runs.
        let points = (0..<24).map { _ in
            Coordinate(x: Double.random(in: 99...109, using: &generator), y: Double.random(in: 13...23.5, using: &generator))
        }
        let one = try locator.locate(points, threads: 1)
        #expect(try locator.locate(points, threads: 2) == one)
        #expect(try locator.locate(points, threads: 8) == one)
        #expect(one.contains { $0.method == .outside } && one.contains { $0.method == .inside })
    }

    // MARK: Hand-made districts

    @Test func insideNearAndFarFromTwoSquares() throws {
        // Two 1° squares at the equator sharing the edge x = 1; 0.001° of longitude there ≈ 111 m.
        let locator = try AdminLocator(districts: [
            district("LA0101", province: "LA01", try square(0, 0, 1)),
            district("LA0201", province: "LA02", try square(1, 0, 1)),
        ])
        let inside = try locator.locate(Coordinate(lon: 0.5, lat: 0.5))
        #expect(inside == AdminPlacement(districtPcode: "LA0101", provincePcode: "LA01", method: .inside, distanceMeters: 0))
        let border = try locator.locate(Coordinate(lon: 1, lat: 0.5))
        #expect(border.districtPcode == "LA0101" && border.method == .inside, "a shared border goes to the first district")

        let near = try locator.locate(Coordinate(lon: 2.005, lat: 0.5))
        #expect(near.districtPcode == "LA0201")
        #expect(near.provincePcode == "LA02")
        #expect(near.method == .nearestWithinTolerance)
        let expectedNear = try Geodesic.wgs84.distanceMeters(from: Coordinate(lon: 2.005, lat: 0.5), to: Coordinate(lon: 2, lat: 0.5))
        #expect(abs(near.distanceMeters - expectedNear) < 1e-6)
        #expect(abs(near.distanceMeters - 556.6) < 1)

        let far = try locator.locate(Coordinate(lon: -0.02, lat: 1.01))
        #expect(far.districtPcode == "LA0101")
        #expect(far.method == .outside)
        let expectedFar = try Geodesic.wgs84.distanceMeters(from: Coordinate(lon: -0.02, lat: 1.01), to: Coordinate(lon: 0, lat: 1))
        #expect(abs(far.distanceMeters - expectedFar) < 1e-6, "the nearest point is the corner")

        #expect(try locator.distanceMeters(from: Coordinate(lon: 0.5, lat: 0.5), toDistrictAt: 1) > 55_000)
        #expect(try locator.distanceMeters(from: Coordinate(lon: 0.5, lat: 0.5), toDistrictAt: 0) == 0)
        #expect(locator.districtIndex(pcode: "LA0201") == 1)
        #expect(locator.districtIndex(pcode: "LA9999") == nil)
    }

    @Test func toleranceIsInclusiveAndZeroMeansInsideOnly() throws {
        let districts = [district("LA0101", province: "LA01", try square(0, 0, 1))]
        let point = Coordinate(lon: 1.001, lat: 0.5)
        let distance = try AdminLocator(districts: districts).locate(point).distanceMeters
        #expect(try AdminLocator(districts: districts, toleranceMeters: distance).locate(point).method == .nearestWithinTolerance)
        #expect(try AdminLocator(districts: districts, toleranceMeters: distance.nextDown).locate(point).method == .outside)
        #expect(try AdminLocator(districts: districts, toleranceMeters: 0).locate(Coordinate(lon: 1, lat: 0.5)).method == .inside)
    }

    @Test func disagreementKinds() throws {
        let locator = try AdminLocator(districts: [
            district("LA0101", province: "LA01", try square(0, 0, 1)),
            district("LA0201", province: "LA02", try square(1, 0, 1)),
        ])
        let records = [
            StatedAdminCodes(id: "ok", location: Coordinate(lon: 0.5, lat: 0.5), districtPcode: "LA0101", provincePcode: "LA01"),
            StatedAdminCodes(id: "other", location: Coordinate(lon: 1.5, lat: 0.5), districtPcode: "LA0101", provincePcode: "LA01"),
            StatedAdminCodes(id: "unknown", location: Coordinate(lon: 0.5, lat: 0.5), districtPcode: "LA0999", provincePcode: nil),
            StatedAdminCodes(id: "province", location: Coordinate(lon: 0.5, lat: 0.5), districtPcode: "LA0101", provincePcode: "LA02"),
            StatedAdminCodes(id: "unstated", location: Coordinate(lon: 1.5, lat: 0.5), districtPcode: nil, provincePcode: ""),
            StatedAdminCodes(id: "near-own", location: Coordinate(lon: -0.001, lat: 0.5), districtPcode: "LA0101", provincePcode: "LA01"),
            StatedAdminCodes(id: "near-other", location: Coordinate(lon: 2.001, lat: 0.5), districtPcode: "LA0101", provincePcode: nil),
            StatedAdminCodes(id: "far", location: Coordinate(lon: 3, lat: 0.5), districtPcode: "LA0101", provincePcode: "LA01"),
        ]
        let join = try locator.join(records, threads: 1)
        #expect(join.disagreements.map(\.recordId) == ["other", "unknown", "province", "near-other", "far"])
        #expect(join.disagreements.map(\.kind) == [.otherDistrict, .unknownDistrict, .otherProvince, .otherDistrict, .outsideDistricts])
        #expect(join.disagreements.map(\.recordIndex) == [1, 2, 3, 6, 7])
        #expect(join.placements[5].method == .nearestWithinTolerance, "near its own district: flagged, not a disagreement")

        let other = join.disagreements[0]
        #expect(other.description == "lies in LA0201 D01, 55.7 km from its stated district LA0101")
        let expectedOther = try Geodesic.wgs84.distanceMeters(from: Coordinate(lon: 1.5, lat: 0.5), to: Coordinate(lon: 1, lat: 0.5))
        #expect(abs(try #require(other.distanceToStatedDistrictMeters) - expectedOther) < 1e-6)
        #expect(join.disagreements[1].distanceToStatedDistrictMeters == nil)
        #expect(join.disagreements[1].description == "lies in LA0101 D01; its stated district LA0999 is not in the district layer")
        #expect(join.disagreements[2].description == "lies in LA0101 D01, in province LA01, not its stated province LA02")
        #expect(join.disagreements[2].distanceToStatedDistrictMeters == 0)
        #expect(join.disagreements[3].description.hasPrefix("lies in no district, 111.3 m from the nearest, LA0201 D01, 111."))
        #expect(join.disagreements[3].description.hasSuffix(" km from its stated district LA0101"))
        #expect(join.disagreements[4].description.hasPrefix("lies in no district, 111.3 km from the nearest, LA0201 D01 (beyond the tolerance), 222."))

        #expect(throws: GeometryError.self) { try locator.disagreements(records, placements: []) }
    }

    @Test func badArgumentsAreRefused() throws {
        let districts = [district("LA0101", province: "LA01", try square(0, 0, 1))]
        #expect(throws: ParameterError.self) { try AdminLocator(districts: districts, toleranceMeters: -1) }
        #expect(throws: ParameterError.self) { try AdminLocator(districts: districts, toleranceMeters: .nan) }
        let line = try Geometry.lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)])
        #expect(throws: KernelError.self) { try AdminLocator(districts: [district("LA0101", province: "LA01", line)]) }
        let locator = try AdminLocator(districts: districts)
        #expect {
            try locator.locate([Coordinate(lon: 0.5, lat: 0.5), Coordinate(lon: 102, lat: 95)])
        } throws: { error in
            (error as? GeometryError)?.message.hasPrefix("point 1 ") == true
        }
        #expect(throws: GeometryError.self) { try locator.locate(Coordinate(lon: .nan, lat: 0)) }
        #expect(throws: GeometryError.self) { try locator.distanceMeters(from: Coordinate(lon: 0, lat: 0), toDistrictAt: 1) }
    }

    @Test func noDistrictsAndEmptyDistricts() throws {
        let none = try AdminLocator(districts: [])
        let placement = try none.locate(Coordinate(lon: 102, lat: 18))
        #expect(placement.method == .outside)
        #expect(placement.districtPcode == nil && placement.provincePcode == nil)
        #expect(placement.distanceMeters == .infinity)
        #expect(try none.locate([]) == [])

        let withEmpty = try AdminLocator(districts: [
            district("LA0101", province: "LA01", try Geometry.empty(.polygon)),
            district("LA0102", province: "LA01", try square(0, 0, 1)),
        ])
        #expect(try withEmpty.locate(Coordinate(lon: 0.5, lat: 0.5)).districtPcode == "LA0102")
        #expect(try withEmpty.locate(Coordinate(lon: 5, lat: 5)).districtPcode == "LA0102", "an empty district is never the nearest")
    }
}
