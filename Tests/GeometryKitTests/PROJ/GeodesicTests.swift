import Foundation
import TestSupport
import Testing

@testable import GeometryKit

/// Geodesics on WGS 84: unit cases, golden cases from GeographicLib's command-line tools
/// (Fixtures/README.md), and round-trip properties.
@Suite struct GeodesicTests {
    let wgs84 = Geodesic.wgs84

    // MARK: unit

    @Test func oneDegreeAlongTheEquatorIsAOverDegree() throws {
        // Along the equator (for Δlon below (1 − f) · 180°) the geodesic is the equator itself:
        // a · π / 180 = 111,319.490793274 m (GeodSolve -i: "0 0 0 1").
        let result = try wgs84.inverse(from: Coordinate(lon: 0, lat: 0), to: Coordinate(lon: 1, lat: 0))
        #expect(isClose(result.distanceMeters, 111_319.490_793_274, within: 1e-6))
        #expect(isClose(result.initialAzimuthDegrees, 90, within: 1e-12))
        #expect(isClose(result.finalAzimuthDegrees, 90, within: 1e-12))
    }

    @Test func quarterMeridian() throws {
        // 10,001,965.729312724 m (GeodSolve -i -p 9: "0 0 90 0").
        let result = try wgs84.inverse(from: Coordinate(lon: 0, lat: 0), to: Coordinate(lon: 0, lat: 90))
        #expect(isClose(result.distanceMeters, 10_001_965.729_312_724, within: 1e-6))
        #expect(isClose(result.initialAzimuthDegrees, 0, within: 1e-12))
        #expect(isClose(try wgs84.distanceMeters(from: Coordinate(lon: 0, lat: 0), to: Coordinate(lon: 0, lat: 1)), 110_574.388_557_799, within: 1e-6))
    }

    @Test func samePointIsZeroApart() throws {
        let vientiane = Coordinate(lon: 102.6, lat: 17.97)
        #expect(try wgs84.distanceMeters(from: vientiane, to: vientiane) == 0)
        // Longitudes 360° apart name the same point.
        #expect(isClose(try wgs84.distanceMeters(from: Coordinate(lon: -170, lat: 10), to: Coordinate(lon: 190, lat: 10)), 0, within: 1e-9))
    }

    @Test func distanceMetersAgreesWithInverse() throws {
        let a = Coordinate(lon: 102.6, lat: 17.97), b = Coordinate(lon: 104.8, lat: 15.12)
        #expect(isClose(try wgs84.distanceMeters(from: a, to: b), try wgs84.inverse(from: a, to: b).distanceMeters, within: 1e-9))
    }

    @Test func directAlongTheEquatorAndTheMeridian() throws {
        let east = try wgs84.direct(from: Coordinate(lon: 0, lat: 0), azimuthDegrees: 90, distanceMeters: 111_319.490_793_274)
        #expect(isClose(east.destination.lon, 1, within: 1e-11))
        #expect(isClose(east.destination.lat, 0, within: 1e-11))
        #expect(isClose(east.finalAzimuthDegrees, 90, within: 1e-11))
        let north = try wgs84.direct(from: Coordinate(lon: 0, lat: 0), azimuthDegrees: 0, distanceMeters: 10_001_965.729_312_724)
        #expect(isClose(north.destination.lat, 90, within: 1e-11))
    }

    @Test(arguments: [
        Coordinate(lon: .nan, lat: 0), Coordinate(lon: 0, lat: .nan), Coordinate(lon: .infinity, lat: 0),
        Coordinate(lon: 0, lat: 90.000_001), Coordinate(lon: 0, lat: -91),
    ])
    func invalidCoordinatesThrow(bad: Coordinate) {
        let good = Coordinate(lon: 102.6, lat: 17.97)
        expectGeometryError(.invalidArgument, "geod_inverse", containing: "not a longitude/latitude pair") { _ = try wgs84.inverse(from: bad, to: good) }
        expectGeometryError(.invalidArgument, "geod_inverse") { _ = try wgs84.inverse(from: good, to: bad) }
        expectGeometryError(.invalidArgument, "geod_inverse") { _ = try wgs84.distanceMeters(from: bad, to: good) }
        expectGeometryError(.invalidArgument, "geod_direct") { _ = try wgs84.direct(from: bad, azimuthDegrees: 0, distanceMeters: 1) }
        expectGeometryError(.invalidArgument, "geod_polygonarea") { _ = try wgs84.ringAreaPerimeter([good, bad, Coordinate(lon: 103, lat: 18)]) }
    }

    @Test func directRefusesNonFiniteAzimuthOrDistance() {
        let start = Coordinate(lon: 102.6, lat: 17.97)
        expectGeometryError(.invalidArgument, "geod_direct", containing: "finite") {
            _ = try wgs84.direct(from: start, azimuthDegrees: .nan, distanceMeters: 1)
        }
        expectGeometryError(.invalidArgument, "geod_direct", containing: "finite") {
            _ = try wgs84.direct(from: start, azimuthDegrees: 0, distanceMeters: .infinity)
        }
    }

    @Test func latitudeExactlyAtAPoleIsAccepted() throws {
        #expect(isClose(try wgs84.distanceMeters(from: Coordinate(lon: 0, lat: 90), to: Coordinate(lon: 123, lat: 0)), 10_001_965.729_312_724, within: 1e-6))
    }

    @Test func octantArea() throws {
        // One eighth of the ellipsoid: Planimeter -p 9 on "0 0 / 0 90 / 90 0" gives
        // 63,758,202,715,511.0547 m² and a perimeter of 30,022,685.630020067 m.
        let octant = try wgs84.ringAreaPerimeter([Coordinate(lon: 0, lat: 0), Coordinate(lon: 90, lat: 0), Coordinate(lon: 0, lat: 90)])
        #expect(isClose(octant.areaSquareMeters, 63_758_202_715_511.0547, within: 0.1))
        #expect(isClose(octant.perimeterMeters, 30_022_685.630_020_067, within: 1e-6))
    }

    @Test func ringAreaIgnoresOrientationAndTheClosingVertex() throws {
        // A 1° square at the equator: Planimeter gives 12,308,778,361.4695 m², 443,770.917248302 m.
        let open = [Coordinate(lon: 0, lat: 0), Coordinate(lon: 1, lat: 0), Coordinate(lon: 1, lat: 1), Coordinate(lon: 0, lat: 1)]
        for ring in [open, open + [open[0]], open.reversed(), open.reversed() + [open[3]]] {
            let measured = try wgs84.ringAreaPerimeter(ring)
            #expect(isClose(measured.areaSquareMeters, 12_308_778_361.4695, within: 1e-3))
            #expect(isClose(measured.perimeterMeters, 443_770.917_248_302, within: 1e-6))
        }
    }

    @Test func ringsOfFewerThanThreeVerticesHaveNoArea() throws {
        #expect(try wgs84.ringAreaPerimeter([]) == GeodesicAreaPerimeter(areaSquareMeters: 0, perimeterMeters: 0))
        #expect(try wgs84.ringAreaPerimeter([Coordinate(lon: 1, lat: 1), Coordinate(lon: 2, lat: 2), Coordinate(lon: 1, lat: 1)]).areaSquareMeters == 0)
    }

    @Test func polygonAreaSubtractsHolesAndAddsMembers() throws {
        let outer = squareRing(0, 0, 1), hole = squareRing(0.25, 0.25, 0.5), other = squareRing(10, 10, 1)
        let outerArea = try wgs84.ringAreaPerimeter(outer), holeArea = try wgs84.ringAreaPerimeter(hole)
        let otherArea = try wgs84.ringAreaPerimeter(other)
        let polygon = try Geometry.polygon(exterior: outer, holes: [hole])
        let measured = try wgs84.areaPerimeter(of: polygon)
        #expect(isClose(measured.areaSquareMeters, outerArea.areaSquareMeters - holeArea.areaSquareMeters, within: 1e-3))
        #expect(isClose(measured.perimeterMeters, outerArea.perimeterMeters + holeArea.perimeterMeters, within: 1e-6))
        let multi = try Geometry.multiPolygon([polygon, try Geometry.polygon(exterior: other)])
        #expect(isClose(try wgs84.areaPerimeter(of: multi).areaSquareMeters, measured.areaSquareMeters + otherArea.areaSquareMeters, within: 1e-3))
        for nonAreal in [try Geometry.point(x: 1, y: 1), try Geometry.lineString(outer), try Geometry.empty(.polygon)] {
            #expect(try wgs84.areaPerimeter(of: nonAreal) == GeodesicAreaPerimeter(areaSquareMeters: 0, perimeterMeters: 0))
        }
    }

    @Test func anotherEllipsoid() throws {
        // On a sphere of radius 1 a quarter of a great circle is π/2.
        let sphere = Geodesic(equatorialRadiusMeters: 1, flattening: 0)
        #expect(isClose(try sphere.distanceMeters(from: Coordinate(lon: 0, lat: 0), to: Coordinate(lon: 0, lat: 90)), .pi / 2, within: 1e-15))
    }

    // MARK: golden (GeodSolve, Planimeter)

    @Test func inverseMatchesGeodSolve() throws {
        let inputs = try GoldenFixtures.rows("geodesic-inverse.in"), outputs = try GoldenFixtures.rows("geodesic-inverse.out")
        try #require(inputs.count == 210 && outputs.count == inputs.count)
        var worstDistance = 0.0, worstAzimuth = 0.0
        for (input, output) in zip(inputs, outputs) {
            let start = Coordinate(lon: try input.number(1), lat: try input.number(0))
            let end = Coordinate(lon: try input.number(3), lat: try input.number(2))
            let result = try wgs84.inverse(from: start, to: end)
            let distanceGap = abs(result.distanceMeters - (try output.number(2)))
            let azimuthGap = max(
                abs(angleDifferenceDegrees(result.initialAzimuthDegrees, try output.number(0))),
                abs(angleDifferenceDegrees(result.finalAzimuthDegrees, try output.number(1))))
            worstDistance = max(worstDistance, distanceGap)
            worstAzimuth = max(worstAzimuth, azimuthGap)
            #expect(distanceGap <= 1e-3, "\(input.location): distance off by \(distanceGap) m")
            #expect(azimuthGap <= 1e-9, "\(input.location): azimuth off by \(azimuthGap)°")
        }
        print("geodesic inverse vs GeodSolve: worst distance gap \(worstDistance) m, worst azimuth gap \(worstAzimuth)°")
    }

    @Test func directMatchesGeodSolve() throws {
        let inputs = try GoldenFixtures.rows("geodesic-direct.in"), outputs = try GoldenFixtures.rows("geodesic-direct.out")
        try #require(inputs.count == 105 && outputs.count == inputs.count)
        for (input, output) in zip(inputs, outputs) {
            let start = Coordinate(lon: try input.number(1), lat: try input.number(0))
            let result = try wgs84.direct(from: start, azimuthDegrees: try input.number(2), distanceMeters: try input.number(3))
            let expected = Coordinate(lon: try output.number(1), lat: try output.number(0))
            let gap = groundGapMeters(result.destination, expected)
            #expect(gap <= 1e-3, "\(input.location): end point \(result.destination) is \(gap) m from \(expected)")
            let azimuthGap = abs(angleDifferenceDegrees(result.finalAzimuthDegrees, try output.number(2)))
            #expect(azimuthGap <= 1e-9, "\(input.location): final azimuth off by \(azimuthGap)°")
        }
    }

    @Test func districtAreasMatchPlanimeter() throws {
        let districts = try GoldenFixtures.geometries("districts.geojson")
        let rings = try GoldenFixtures.rows("districts-planimeter.out")
        try #require(districts.count == 5 && rings.count == 5)
        // Features 0–3: the four districts; ring lines 0–3 their exteriors, line 4 the hole of feature 4.
        for (district, ring) in zip(districts.prefix(4), rings.prefix(4)) {
            let measured = try wgs84.areaPerimeter(of: district)
            #expect(district.exteriorRing?.coordinateCount == Int(try ring.number(0)) + 1)
            #expect(isClose(measured.areaSquareMeters, abs(try ring.number(2)), within: 0.01), "\(ring.location)")
            #expect(isClose(measured.perimeterMeters, try ring.number(1), within: 1e-3), "\(ring.location)")
        }
        let holed = districts[4]
        #expect(try holed.isValid())
        #expect(holed.interiorRings.count == 1)
        let measured = try wgs84.areaPerimeter(of: holed)
        #expect(isClose(measured.areaSquareMeters, abs(try rings[3].number(2)) - abs(try rings[4].number(2)), within: 0.01))
        #expect(isClose(measured.perimeterMeters, try rings[3].number(1) + rings[4].number(1), within: 1e-3))
    }

    // MARK: properties

    @Test func directThenInverseReturnsTheDistance() throws {
        var random = SplitMix64(seed: 0xD1_2EC7)
        for _ in 0..<500 {
            let start = Coordinate(lon: random.uniform(-180, 180), lat: random.latitudeOnSphere())
            let azimuth = random.uniform(-180, 180)
            // Below 19,970 km every geodesic is the shortest path between its ends (GeographicLib).
            let distance = random.unit() < 0.2 ? random.uniform(0, 1_000) : random.uniform(0, 19_900_000)
            let end = try wgs84.direct(from: start, azimuthDegrees: azimuth, distanceMeters: distance).destination
            let back = try wgs84.inverse(from: start, to: end)
            #expect(isClose(back.distanceMeters, distance, within: 1e-6), "from \(start) along \(azimuth)° for \(distance) m")
            if distance > 1 {
                #expect(abs(angleDifferenceDegrees(back.initialAzimuthDegrees, azimuth)) <= 1e-6, "from \(start) along \(azimuth)°")
            }
        }
    }

    @Test func inverseIsSymmetric() throws {
        var random = SplitMix64(seed: 0x5E_77E7)
        for _ in 0..<300 {
            let a = Coordinate(lon: random.uniform(-180, 180), lat: random.latitudeOnSphere())
            let b = Coordinate(lon: random.uniform(-180, 180), lat: random.latitudeOnSphere())
            let ab = try wgs84.distanceMeters(from: a, to: b), ba = try wgs84.distanceMeters(from: b, to: a)
            #expect(ab >= 0)
            #expect(isClose(ab, ba, within: 1e-8), "\(a) \(b)")
        }
    }
}
