import Foundation
import GeometryKit
import TestSupport
import Testing

/// Geodesic circles as polygons, and the accuracy their documentation states for 72 vertices
/// at Lao latitudes (measured with pyproj first; measured again here with GeometryKit alone).
@Suite struct GeodesicCircleTests {
    let wgs84 = Geodesic.wgs84
    let pakxan = Coordinate(lon: 103.66, lat: 18.38)

    @Test func everyVertexIsOnTheCircle() throws {
        let circle = try wgs84.circle(center: pakxan, radiusMeters: 5_000)
        #expect(circle.kind == .polygon)
        let ring = try #require(circle.exteriorRing).coordinates
        #expect(ring.count == 73)
        #expect(ring.first == ring.last)
        for vertex in ring {
            #expect(abs(try wgs84.distanceMeters(from: pakxan, to: vertex) - 5_000) < 1e-6)
        }
        // The first vertex is due north, the next one 5° to the west of north.
        let north = try wgs84.inverse(from: pakxan, to: ring[0])
        #expect(abs(north.initialAzimuthDegrees) < 1e-9)
        #expect(abs(try wgs84.inverse(from: pakxan, to: ring[1]).initialAzimuthDegrees + 5) < 1e-9)
        #expect(try circle.isValid())
        #expect(circle.interiorRings.isEmpty)
    }

    @Test func ringIsCounterClockwise() throws {
        let ring = try #require(try wgs84.circle(center: pakxan, radiusMeters: 20_000, vertices: 12).exteriorRing).coordinates
        #expect(ring.count == 13)
        var twiceArea = 0.0
        for index in 0..<(ring.count - 1) {
            twiceArea += ring[index].x * ring[index + 1].y - ring[index + 1].x * ring[index].y
        }
        #expect(twiceArea > 0)
    }

    @Test func badArgumentsAreRefused() {
        for radius in [0, -5, Double.nan, .infinity] {
            #expect(throws: GeometryError.self) { try wgs84.circle(center: pakxan, radiusMeters: radius) }
        }
        #expect(throws: GeometryError.self) { try wgs84.circle(center: pakxan, radiusMeters: 5_000, vertices: 2) }
        #expect(throws: GeometryError.self) { try wgs84.circle(center: Coordinate(lon: 103, lat: 91), radiusMeters: 5_000) }
    }

    /// The documented bound: with 72 vertices at 13.9°–22.5° N the polygon lies inside the
    /// geodesic circle, at most 0.0956 % of r inside up to 60 km and 0.0977 % up to 343 km, and its
    /// area is 0.1269 % below the circle's. Edges are densified 200 times as straight lines in
    /// degrees (what GEOS sees) and measured with Karney's geodesics.
    @Test(arguments: [13.9, 18.0, 22.5])
    func seventyTwoVerticesBound(latitude: Double) throws {
        let center = Coordinate(lon: 102.5, lat: latitude)
        for radius in [1_000.0, 5_000, 60_000, 250_000, 342_857] {
            let ring = try #require(try wgs84.circle(center: center, radiusMeters: radius).exteriorRing).coordinates
            var dense: [Coordinate] = []
            for index in 0..<72 {
                let a = ring[index], b = ring[index + 1]
                for step in 0..<200 {
                    let t = Double(step) / 200
                    dense.append(Coordinate(lon: a.lon + t * (b.lon - a.lon), lat: a.lat + t * (b.lat - a.lat)))
                }
            }
            let distances = try dense.map { try wgs84.distanceMeters(from: center, to: $0) }
            let inward = (radius - distances.min()!) / radius
            let outward = (distances.max()! - radius) / radius
            #expect(inward > 0.000_951 && inward <= (radius <= 60_000 ? 0.000_956 : 0.000_977), "r \(radius) lat \(latitude): \(inward)")
            #expect(outward < 1e-9, "r \(radius) lat \(latitude): \(outward)")

            let polygonArea = try wgs84.ringAreaPerimeter(dense).areaSquareMeters
            let fine = try #require(try wgs84.circle(center: center, radiusMeters: radius, vertices: 20_000).exteriorRing).coordinates
            let circleArea = try wgs84.ringAreaPerimeter(fine).areaSquareMeters
            let deficit = 1 - polygonArea / circleArea
            #expect(deficit > 0.001_268 && deficit < 0.001_270, "r \(radius) lat \(latitude): \(deficit)")
        }
    }
}
