import Foundation
import GeometryKit
import TestSupport
import Testing

@testable import GeoIO

private func fixturePath(_ name: String) throws -> String {
    try Fixtures.url("import/\(name)", of: "CoverageCoreTests").path
}

private func text(_ features: [GeoJSONWriter.Feature]) throws -> String {
    String(decoding: try GeoJSONWriter.featureCollection(features), as: UTF8.self)
}

private func coordinateText(_ value: Double) throws -> String {
    var bytes: [UInt8] = []
    try GeoJSONWriter.appendCoordinateValue(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

@Suite struct GeoJSONWriterTests {
    @Test(arguments: [
        (102.6, "102.6"), (18.0, "18"), (0.0, "0"), (-0.0, "0"), (103.66550734, "103.6655073"), (103.66550736, "103.6655074"),
        (-12.5, "-12.5"), (1e-7, "0.0000001"), (-1e-7, "-0.0000001"), (4e-8, "0"), (-4e-8, "0"), (0.00000096, "0.000001"),
        (359017.431, "359017.431"), (2032054.6634999, "2032054.6634999"), (179.99999999, "180"), (2e9, "2000000000"),
    ])
    func coordinatesHaveAtMostSevenDecimals(_ value: Double, _ expected: String) throws {
        #expect(try coordinateText(value) == expected)
    }

    @Test func emptyCollectionLayout() throws {
        #expect(try text([]) == "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n")
    }

    @Test func oneFeaturePerLine() throws {
        let features = [
            GeoJSONWriter.Feature(
                properties: JSONObject([("id", .string("a")), ("population", .number(2700))]), geometry: .point(Coordinate(x: 102.6, y: 17.96667))),
            GeoJSONWriter.Feature(properties: JSONObject(), geometry: nil),
        ]
        #expect(
            try text(features) == """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"id":"a","population":2700},"geometry":{"type":"Point","coordinates":[102.6,17.96667]}},
                {"type":"Feature","properties":{},"geometry":null}
                ]}

                """)
    }

    @Test func propertiesKeepTheirOrderAndLaoScript() throws {
        let properties = JSONObject([
            ("z", .null), ("name_lo", .string("ນະຄອນຫຼວງວຽງຈັນ")), ("a", .bool(true)), ("ratio", .number(0.1)),
            ("big", .number(1e20)), ("list", .array([.number(-3), .string("x")])), ("nested", .object(JSONObject([("k", .bool(false))]))),
            ("text", .string("say \"hi\"\\\n\t\u{01}/")),
        ])
        #expect(
            try properties.jsonText()
                == #"{"z":null,"name_lo":"ນະຄອນຫຼວງວຽງຈັນ","a":true,"ratio":0.1,"big":1e+20,"list":[-3,"x"],"nested":{"k":false},"text":"say \"hi\"\\\n\t\u0001/"}"#
        )
    }

    @Test func nonFiniteNumbersAreRefusedWithTheirPlace() throws {
        #expect(throws: NonFiniteNumberError(path: "object.population")) {
            try JSONObject([("population", .number(.nan))]).jsonText()
        }
        #expect(throws: NonFiniteNumberError(path: "value[1]")) { try JSONValue.array([.number(1), .number(.infinity)]).jsonText() }
        // GeometryKit refuses NaN coordinates in its constructors, but WKB can still carry one.
        #expect(throws: GeometryError.self) { try Geometry.lineString([Coordinate(x: 1, y: 2), Coordinate(x: .nan, y: 3)]) }
        var wkb: [UInt8] = [1, 1, 0, 0, 0]  // little-endian Point
        for value in [1.0, Double.nan] { withUnsafeBytes(of: value.bitPattern.littleEndian) { wkb += $0 } }
        let features = [
            GeoJSONWriter.Feature(properties: JSONObject(), geometry: .point(Coordinate(x: 1, y: 2))),
            GeoJSONWriter.Feature(properties: JSONObject(), geometry: try Geometry(wkb: wkb).shape),
        ]
        #expect(throws: NonFiniteNumberError(path: "features[1].geometry.coordinates")) { try GeoJSONWriter.featureCollection(features) }
        let properties = [GeoJSONWriter.Feature(properties: JSONObject([("capacity", .number(-.infinity))]), geometry: nil)]
        #expect(throws: NonFiniteNumberError(path: "features[0].properties.capacity")) { try GeoJSONWriter.featureCollection(properties) }
    }

    @Test func exteriorRingsCounterClockwiseHolesClockwise() throws {
        // Exterior written clockwise, hole written counter-clockwise: both must be reversed.
        let polygon = try Geometry(wkt: "POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))").shape
        #expect(
            try GeoJSONWriter.geometryText(polygon)
                == #"{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2],[2,2]]]}"#)
        // Already right: unchanged.
        let right = try Geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))").shape
        #expect(
            try GeoJSONWriter.geometryText(right)
                == #"{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2],[2,2]]]}"#)
        // Each member of a multipolygon on its own.
        let multi = try Geometry(wkt: "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 6, 6 5, 5 5)))").shape
        #expect(
            try GeoJSONWriter.geometryText(multi)
                == #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"#)
    }

    @Test func orientationOfSmallRingsFarFromTheOrigin() {
        // A ~1 m ring in Laos: still seen as clockwise.
        let ring = [
            Coordinate(x: 103.0000000, y: 18.0000000), Coordinate(x: 103.0000000, y: 18.0000100),
            Coordinate(x: 103.0000100, y: 18.0000100), Coordinate(x: 103.0000000, y: 18.0000000),
        ]
        #expect(GeoJSONWriter.signedArea(ring) < 0)
        #expect(GeoJSONWriter.oriented(ring, counterClockwise: true) == ring.reversed())
    }

    @Test func everyGeometryType() throws {
        let cases: [(String, String)] = [
            ("POINT EMPTY", #"{"type":"Point","coordinates":[]}"#),
            ("LINESTRING (1 2, 3.5 4)", #"{"type":"LineString","coordinates":[[1,2],[3.5,4]]}"#),
            ("MULTIPOINT ((1 2), (3 4))", #"{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}"#),
            ("MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))", #"{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8]]]}"#),
            ("POLYGON EMPTY", #"{"type":"Polygon","coordinates":[]}"#),
            (
                "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))",
                #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}"#
            ),
        ]
        for (wkt, expected) in cases {
            #expect(try GeoJSONWriter.geometryText(try Geometry(wkt: wkt).shape) == expected, "\(wkt)")
        }
    }

    /// Layers cut line by line from GeoData/laos (written by GeoData/build_laos.py) read and
    /// written back give the same bytes: the writer reproduces the shipped layout exactly.
    @Test(arguments: ["laos_villages_cut.geojson", "laos_facilities_cut.geojson", "laos_districts_cut.geojson", "laos_provinces_cut.geojson"])
    func roundTripsTheShippedLayoutByteForByte(_ name: String) throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: try fixturePath(name))))
        let layer = try GeoJSONLayer.parse(original, file: name)
        #expect(layer.problems.isEmpty)
        let written = try GeoJSONWriter.featureCollection(layer.features.map { GeoJSONWriter.Feature(properties: $0.properties, geometry: $0.geometry) })
        #expect(written.count == original.count)
        #expect(written == original)
    }

    @Test func writesAtomicallyToAFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("geojson-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.geojson").path
        let features = [GeoJSONWriter.Feature(properties: JSONObject([("id", .string("a"))]), geometry: .point(Coordinate(x: 1, y: 2)))]
        try GeoJSONWriter.write(features, to: path)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == (try GeoJSONWriter.featureCollection(features)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.geojson"])
    }
}
