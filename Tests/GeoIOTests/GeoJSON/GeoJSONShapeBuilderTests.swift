import GeoIO
import GeometryKit
import TestSupport
import Testing

/// Shapes are built through ``GeoJSONLayer``, and checked as GEOS sees them after
/// ``Geometry/init(_:)``: the value and its conversion at once.
@Suite("GeoJSONShapeBuilder: geometry types")
struct GeoJSONShapeBuilderTypeTests {
    /// The geometry built from one GeoJSON geometry text, with no problem reported.
    func build(_ geometry: String) throws -> Geometry {
        let read = try layer(collection(geometries: [geometry]))
        #expect(read.problems.isEmpty, "\(read.problems)")
        return try Geometry(#require(read.features.first?.geometry))
    }

    @Test func point() throws {
        let point = try build(#"{"type": "Point", "coordinates": [102.5, 18.25]}"#)
        #expect(point.kind == .point)
        #expect(!point.isEmpty)
        #expect(isClose(point.coordinates, [Coordinate(x: 102.5, y: 18.25)]))
    }

    @Test func pointAltitudeIsIgnored() throws {
        let point = try build(#"{"type": "Point", "coordinates": [102.5, 18.25, 170.0]}"#)
        #expect(isClose(point.coordinates, [Coordinate(x: 102.5, y: 18.25)]))
    }

    @Test func emptyPoint() throws {
        let point = try build(#"{"type": "Point", "coordinates": []}"#)
        #expect(point.kind == .point)
        #expect(point.isEmpty)
        #expect(point.coordinates.isEmpty)
    }

    @Test func multiPoint() throws {
        let points = try build(#"{"type": "MultiPoint", "coordinates": [[1, 2], [3, 4], [5, 6]]}"#)
        #expect(points.kind == .multiPoint)
        #expect(points.components.count == 3)
        #expect(isClose(points.allCoordinates, [Coordinate(x: 1, y: 2), Coordinate(x: 3, y: 4), Coordinate(x: 5, y: 6)]))
    }

    @Test func lineString() throws {
        let line = try build(#"{"type": "LineString", "coordinates": [[0, 0], [1, 1], [2, 0]]}"#)
        #expect(line.kind == .lineString)
        #expect(isClose(line.coordinates, [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 2, y: 0)]))
    }

    @Test func multiLineString() throws {
        let lines = try build(#"{"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]], [[5, 5], [6, 6], [7, 5]]]}"#)
        #expect(lines.kind == .multiLineString)
        #expect(lines.components.map(\.coordinates.count) == [2, 3])
    }

    @Test func polygonWithHole() throws {
        let polygon = try build(
            #"""
            {"type": "Polygon", "coordinates": [
              [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
              [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]]]}
            """#)
        #expect(polygon.kind == .polygon)
        #expect(polygon.exteriorRing?.coordinates.count == 5)
        #expect(polygon.interiorRings.count == 1)
        #expect(isClose(polygon.interiorRings[0].coordinates[1], Coordinate(x: 2, y: 4)))
    }

    @Test func multiPolygon() throws {
        let polygons = try build(
            #"""
            {"type": "MultiPolygon", "coordinates": [
              [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
              [[[5, 5], [6, 5], [6, 6], [5, 5]]]]}
            """#)
        #expect(polygons.kind == .multiPolygon)
        #expect(polygons.polygons.count == 2)
        #expect(polygons.coordinateCount == 9)
    }

    @Test func geometryCollection() throws {
        let members = try build(
            #"""
            {"type": "GeometryCollection", "geometries": [
              {"type": "Point", "coordinates": [1, 2]},
              {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
              {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [9, 9]}]}]}
            """#)
        #expect(members.kind == .geometryCollection)
        #expect(members.components.map(\.kind) == [.point, .lineString, .geometryCollection])
        #expect(isClose(members.allCoordinates, [Coordinate(x: 1, y: 2), Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 9, y: 9)]))
    }

    @Test(arguments: [
        (#"{"type": "MultiPoint", "coordinates": []}"#, GeometryKind.multiPoint),
        (#"{"type": "LineString", "coordinates": []}"#, GeometryKind.lineString),
        (#"{"type": "MultiLineString", "coordinates": []}"#, GeometryKind.multiLineString),
        (#"{"type": "Polygon", "coordinates": []}"#, GeometryKind.polygon),
        (#"{"type": "MultiPolygon", "coordinates": []}"#, GeometryKind.multiPolygon),
        (#"{"type": "GeometryCollection", "geometries": []}"#, GeometryKind.geometryCollection),
    ])
    func emptyGeometries(text: String, kind: GeometryKind) throws {
        let geometry = try build(text)
        #expect(geometry.kind == kind)
        #expect(geometry.isEmpty)
    }
}

/// A malformed geometry and the key path and reason it must be reported with.
struct MalformedGeometry: Sendable, CustomTestStringConvertible {
    let name: String
    let geometry: String
    let field: String
    let reason: String

    init(_ name: String, _ geometry: String, _ field: String, _ reason: String) {
        self.name = name
        self.geometry = geometry
        self.field = field
        self.reason = reason
    }

    var testDescription: String { name }

    static let all: [MalformedGeometry] = [
        MalformedGeometry(
            "string in a ring position",
            #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, "1"], [0, 0]]]}"#,
            "geometry.coordinates[0][2][1]", #"expected a number, found a string "1""#),
        MalformedGeometry(
            "null in a position",
            #"{"type": "LineString", "coordinates": [[0, 0], [null, 1]]}"#,
            "geometry.coordinates[1][0]", "expected a number, found null"),
        MalformedGeometry(
            "boolean in a position",
            #"{"type": "Point", "coordinates": [true, 1]}"#,
            "geometry.coordinates[0]", "expected a number, found a boolean true"),
        MalformedGeometry(
            "string altitude",
            #"{"type": "Point", "coordinates": [1, 2, "170 m"]}"#,
            "geometry.coordinates[2]", #"expected a number, found a string "170 m""#),
        MalformedGeometry(
            "Point with one number",
            #"{"type": "Point", "coordinates": [102.5]}"#,
            "geometry.coordinates", "expected a position [longitude, latitude], found 1 number"),
        MalformedGeometry(
            "Point coordinates not an array",
            #"{"type": "Point", "coordinates": "102.5, 18.2"}"#,
            "geometry.coordinates", "expected an array, found a string"),
        MalformedGeometry(
            "position that is a number",
            #"{"type": "LineString", "coordinates": [[0, 0], 5]}"#,
            "geometry.coordinates[1]", "expected an array, found a number"),
        MalformedGeometry(
            "empty position in a MultiPoint",
            #"{"type": "MultiPoint", "coordinates": [[1, 2], []]}"#,
            "geometry.coordinates[1]", "expected a position [longitude, latitude], found []"),
        MalformedGeometry(
            "empty position in a LineString",
            #"{"type": "LineString", "coordinates": [[], [1, 2]]}"#,
            "geometry.coordinates[0]", "expected a position [longitude, latitude], found []"),
        MalformedGeometry(
            "LineString with one position",
            #"{"type": "LineString", "coordinates": [[1, 2]]}"#,
            "geometry.coordinates", "a LineString needs at least 2 positions, found 1"),
        MalformedGeometry(
            "MultiLineString member with one position",
            #"{"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]], [[1, 2]]]}"#,
            "geometry.coordinates[1]", "a LineString needs at least 2 positions, found 1"),
        MalformedGeometry(
            "unclosed ring",
            #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}"#,
            "geometry.coordinates[0]", "the ring is not closed: it starts at (0.0, 0.0) and ends at (0.0, 1.0)"),
        MalformedGeometry(
            "ring with 3 positions",
            #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}"#,
            "geometry.coordinates[0]", "a polygon ring needs at least 4 positions, found 3"),
        MalformedGeometry(
            "empty ring",
            #"{"type": "Polygon", "coordinates": [[]]}"#,
            "geometry.coordinates[0]", "a polygon ring needs at least 4 positions, found 0"),
        MalformedGeometry(
            "unclosed hole",
            #"{"type": "Polygon", "coordinates": [[[0, 0], [9, 0], [9, 9], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 2]]]}"#,
            "geometry.coordinates[1]", "the ring is not closed: it starts at (1.0, 1.0) and ends at (1.0, 2.0)"),
        MalformedGeometry(
            "deep in a MultiPolygon",
            #"{"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [{"x": 6}, 6], [5, 5]]]]}"#,
            "geometry.coordinates[1][0][2][0]", "expected a number, found an object {1 members}"),
        MalformedGeometry(
            "coordinates missing",
            #"{"type": "Polygon"}"#,
            "geometry.coordinates", "missing"),
        MalformedGeometry(
            "type missing",
            #"{"coordinates": [1, 2]}"#,
            "geometry.type", "expected a geometry type name"),
        MalformedGeometry(
            "type not a string",
            #"{"type": 3, "coordinates": [1, 2]}"#,
            "geometry.type", "expected a geometry type name"),
        MalformedGeometry(
            "unknown type",
            #"{"type": "Circle", "coordinates": [1, 2], "radius": 5}"#,
            "geometry.type",
            #"unknown geometry type "Circle" (expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)"#),
        MalformedGeometry(
            "LinearRing is not a GeoJSON type",
            #"{"type": "LinearRing", "coordinates": [[0, 0], [1, 0], [1, 1], [0, 0]]}"#,
            "geometry.type",
            #"unknown geometry type "LinearRing" (expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)"#),
        MalformedGeometry(
            "geometry not an object",
            "[102.5, 18.2]",
            "geometry", "expected a geometry object or null, found an array"),
        MalformedGeometry(
            "geometry a string",
            #""POINT (102.5 18.2)""#,
            "geometry", "expected a geometry object or null, found a string"),
        MalformedGeometry(
            "GeometryCollection without geometries",
            #"{"type": "GeometryCollection", "coordinates": []}"#,
            "geometry.geometries", "expected an array of geometries"),
        MalformedGeometry(
            "bad member of a GeometryCollection",
            #"{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}, {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]}]}"#,
            "geometry.geometries[1].coordinates[0]", "a polygon ring needs at least 4 positions, found 3"),
        MalformedGeometry(
            "null member of a GeometryCollection",
            #"{"type": "GeometryCollection", "geometries": [null]}"#,
            "geometry.geometries[0]", "expected a geometry object, found null"),
    ]
}

@Suite("GeoJSONShapeBuilder: malformed geometries")
struct GeoJSONShapeBuilderMalformedTests {
    @Test(arguments: MalformedGeometry.all)
    func reportedWithKeyPathWhileTheOtherFeaturesLoad(_ sample: MalformedGeometry) throws {
        let read = try layer(
            collection(geometries: [
                #"{"type": "Point", "coordinates": [102.5, 18.25]}"#,
                sample.geometry,
                #"{"type": "Point", "coordinates": [103.5, 19.25]}"#,
            ]))
        #expect(read.features.count == 3)
        #expect(read.problems == [InputError(file: "layer.geojson", location: .feature(1), field: sample.field, reason: sample.reason)])
        #expect(read.features[1].geometry == nil)
        #expect(isClose(try #require(read.features[0].geometry).allCoordinates, [Coordinate(x: 102.5, y: 18.25)]))
        #expect(isClose(try #require(read.features[2].geometry).allCoordinates, [Coordinate(x: 103.5, y: 19.25)]))
    }

    @Test func everyMalformedFeatureIsReported() throws {
        let read = try layer(
            collection(geometries: [
                #"{"type": "Point", "coordinates": [1]}"#,
                "null",
                #"{"type": "Point", "coordinates": ["a", 1]}"#,
            ]))
        #expect(read.problems.map(\.location) == [.feature(0), .feature(2)])
        #expect(read.problems.map(\.field) == ["geometry.coordinates", "geometry.coordinates[0]"])
    }
}
