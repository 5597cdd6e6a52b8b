import Foundation
import TestSupport
import Testing

@testable import GeometryKit

/// WGS 84 ⇄ UTM 47N (EPSG:32647) and 48N (EPSG:32648) through PROJ: unit cases, golden cases
/// from GeographicLib's GeoConvert and TransverseMercatorProj (Fixtures/README.md), round trips.
@Suite struct CoordinateTransformTests {
    static let zones = [47: "EPSG:32647", 48: "EPSG:32648"]

    // MARK: unit

    @Test func vientianeInZone48() throws {
        // GeoConvert -u -p 6 <<< "17.97 102.6": 48n 245826.190928 1988509.519247
        let forward = try CoordinateTransform.fromWGS84(to: "EPSG:32648")
        #expect(forward.source == "EPSG:4326")
        #expect(forward.target == "EPSG:32648")
        let utm = try forward.apply(Coordinate(lon: 102.6, lat: 17.97))
        #expect(isClose(utm.x, 245_826.190_928, within: 1e-3))
        #expect(isClose(utm.y, 1_988_509.519_247, within: 1e-3))
        let back = try forward.inverse.apply(utm)
        #expect(isClose(back.lon, 102.6, within: 1e-9))
        #expect(isClose(back.lat, 17.97, within: 1e-9))
    }

    @Test(arguments: [(47, 99.0), (48, 105.0)])
    func centralMeridianOnTheEquatorIsTheFalseEasting(zone: Int, centralMeridian: Double) throws {
        let forward = try CoordinateTransform.fromWGS84(to: try #require(Self.zones[zone]))
        let origin = try forward.apply(Coordinate(lon: centralMeridian, lat: 0))
        #expect(isClose(origin.x, 500_000, within: 1e-6))
        #expect(isClose(origin.y, 0, within: 1e-6))
        let toWGS84 = try CoordinateTransform.toWGS84(from: try #require(Self.zones[zone]))
        #expect(toWGS84.target == "EPSG:4326")
        let back = try toWGS84.apply(Coordinate(x: 500_000, y: 0))
        #expect(isClose(back.lon, centralMeridian, within: 1e-12))
        #expect(isClose(back.lat, 0, within: 1e-12))
    }

    @Test func transformsAreValuesComparedBySourceAndTarget() throws {
        let a = try CoordinateTransform(from: "EPSG:4326", to: "EPSG:32647")
        #expect(a == (try CoordinateTransform.fromWGS84(to: "EPSG:32647")))
        #expect(a != (try CoordinateTransform.fromWGS84(to: "EPSG:32648")))
        #expect(try a.inverse.inverse == a)
    }

    @Test(arguments: ["EPSG:999999", "EPSG:32699999"])
    func unknownCRSThrowsWithPROJsMessage(crs: String) {
        expectGeometryError(.proj, "proj_create_crs_to_crs(EPSG:4326 → \(crs))", containing: "crs not found") {
            _ = try CoordinateTransform.fromWGS84(to: crs)
        }
    }

    @Test func unparseableCRSThrowsWithPROJsMessage() {
        expectGeometryError(.proj, "proj_create_crs_to_crs(not a crs → EPSG:4326)", containing: "unrecognized format") {
            _ = try CoordinateTransform.toWGS84(from: "not a crs")
        }
    }

    @Test func pointsPROJCannotTransformThrow() throws {
        let forward = try CoordinateTransform.fromWGS84(to: "EPSG:32648")
        let operation = "proj_trans_array(EPSG:4326 → EPSG:32648)"
        expectGeometryError(.proj, operation, containing: "coordinate 0 (105.0, 95.0) cannot be transformed") {
            _ = try forward.apply(Coordinate(lon: 105, lat: 95))
        }
        // 90° from the central meridian on the equator the transverse Mercator goes to infinity.
        expectGeometryError(.proj, operation, containing: "outside of projection domain") {
            _ = try forward.apply(Coordinate(lon: 15, lat: 0))
        }
        expectGeometryError(.proj, operation, containing: "cannot be transformed") {
            _ = try forward.apply(Coordinate(lon: .nan, lat: 18))
        }
        expectGeometryError(.proj, "proj_trans_array(EPSG:32648 → EPSG:4326)", containing: "outside of projection domain") {
            _ = try forward.inverse.apply(Coordinate(x: 1e12, y: 1e12))
        }
    }

    @Test func theFirstBadCoordinateIsNamed() throws {
        let forward = try CoordinateTransform.fromWGS84(to: "EPSG:32647")
        expectGeometryError(.proj, "proj_trans_array(EPSG:4326 → EPSG:32647)", containing: "coordinate 1 (100.0, -91.0)") {
            _ = try forward.apply([Coordinate(lon: 100, lat: 18), Coordinate(lon: 100, lat: -91), Coordinate(lon: 100, lat: 95)])
        }
        #expect(try forward.apply([]).isEmpty)
    }

    @Test func geometriesKeepTheirStructure() throws {
        let forward = try CoordinateTransform.fromWGS84(to: "EPSG:32648")
        let polygon = try Geometry.polygon(exterior: squareRing(104, 17, 1), holes: [squareRing(104.25, 17.25, 0.5)])
        let projected = try forward.apply(to: polygon)
        #expect(projected.kind == .polygon)
        #expect(projected.exteriorRing?.coordinates == (try forward.apply(squareRing(104, 17, 1))))
        #expect(projected.interiorRings.map(\.coordinates) == [try forward.apply(squareRing(104.25, 17.25, 0.5))])
        #expect(try projected.isValid())
        let collection = try Geometry.geometryCollection([
            try Geometry.point(x: 102.6, y: 17.97), try Geometry.lineString(coords([(104, 17), (105, 18)])),
            try Geometry.multiPolygon([polygon]), try Geometry.empty(.point),
        ])
        let projectedCollection = try forward.apply(to: collection)
        #expect(projectedCollection.components.map(\.kind) == [.point, .lineString, .multiPolygon, .point])
        #expect(projectedCollection.components[3].isEmpty)
        #expect(projectedCollection.components[0].coordinates == [try forward.apply(Coordinate(lon: 102.6, lat: 17.97))])
        let emptyPolygon = try Geometry.empty(.polygon)
        #expect(try forward.apply(to: emptyPolygon).isEmpty)
        let ring = try forward.apply(to: try Geometry.linearRing(squareRing(104, 17, 1)))
        #expect(ring.kind == .linearRing)
    }

    // MARK: golden (GeoConvert, TransverseMercatorProj)

    @Test func forwardMatchesGeoConvertInTheStandardZones() throws {
        let inputs = try GoldenFixtures.rows("utm-geographic.in"), outputs = try GoldenFixtures.rows("utm-geographic-geoconvert.out")
        try #require(inputs.count == 60 && outputs.count == 60)
        var zonesSeen = Set<Int>()
        for (input, output) in zip(inputs, outputs) {
            let zone = try #require(Int(output.fields[0].dropLast()), "\(output.location)")
            try #require(output.fields[0].hasSuffix("n"))
            zonesSeen.insert(zone)
            let forward = try CoordinateTransform.fromWGS84(to: try #require(Self.zones[zone]))
            let utm = try forward.apply(Coordinate(lon: try input.number(1), lat: try input.number(0)))
            #expect(isClose(utm.x, try output.number(1), within: 1e-3), "\(input.location)")
            #expect(isClose(utm.y, try output.number(2), within: 1e-3), "\(input.location)")
        }
        #expect(zonesSeen == [47, 48])
    }

    @Test(arguments: [(47, "utm-geographic-tm99.out"), (48, "utm-geographic-tm105.out")])
    func forwardMatchesExactTransverseMercatorAcrossLaos(zone: Int, fixture: String) throws {
        // The whole country in one zone, up to 8.7° from the central meridian.
        let inputs = try GoldenFixtures.rows("utm-geographic.in"), outputs = try GoldenFixtures.rows(fixture)
        try #require(inputs.count == 60 && outputs.count == 60)
        let forward = try CoordinateTransform.fromWGS84(to: try #require(Self.zones[zone]))
        for (input, output) in zip(inputs, outputs) {
            let utm = try forward.apply(Coordinate(lon: try input.number(1), lat: try input.number(0)))
            #expect(isClose(utm.x, try output.number(0) + 500_000, within: 1e-3), "\(input.location)")
            #expect(isClose(utm.y, try output.number(1), within: 1e-3), "\(input.location)")
        }
    }

    @Test func inverseMatchesGeoConvert() throws {
        let inputs = try GoldenFixtures.rows("utm-projected.in"), outputs = try GoldenFixtures.rows("utm-projected-geoconvert.out")
        try #require(inputs.count == 60 && outputs.count == 60)
        for (input, output) in zip(inputs, outputs) {
            let zone = try #require(Int(input.fields[0].dropLast()))
            let inverse = try CoordinateTransform.toWGS84(from: try #require(Self.zones[zone]))
            let geographic = try inverse.apply(Coordinate(x: try input.number(1), y: try input.number(2)))
            let expected = Coordinate(lon: try output.number(1), lat: try output.number(0))
            let gap = groundGapMeters(geographic, expected)
            #expect(gap <= 1e-3, "\(input.location): \(geographic) is \(gap) m from \(expected)")
        }
    }

    // MARK: properties

    @Test(arguments: [47, 48])
    func forwardThenInverseReturnsThePoint(zone: Int) throws {
        var random = SplitMix64(seed: UInt64(zone) * 0x9E37)
        let forward = try CoordinateTransform.fromWGS84(to: try #require(Self.zones[zone]))
        let inverse = try forward.inverse
        let points = (0..<500).map { _ in Coordinate(lon: random.uniform(100.0, 107.7), lat: random.uniform(13.9, 22.5)) }
        let back = try inverse.apply(try forward.apply(points))
        for (point, returned) in zip(points, back) {
            #expect(isClose(returned.lon, point.lon, within: 1e-9), "\(point)")
            #expect(isClose(returned.lat, point.lat, within: 1e-9), "\(point)")
        }
    }

    @Test func batchAndSingleAnswersAgree() throws {
        var random = SplitMix64(seed: 0xBA7C)
        let forward = try CoordinateTransform.fromWGS84(to: "EPSG:32647")
        let points = (0..<50).map { _ in Coordinate(lon: random.uniform(100.0, 107.7), lat: random.uniform(13.9, 22.5)) }
        #expect(try forward.apply(points) == points.map { try forward.apply($0) })
    }
}
