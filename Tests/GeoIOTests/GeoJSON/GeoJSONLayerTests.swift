import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@Suite("GeoJSONLayer: documents")
struct GeoJSONLayerDocumentTests {
    @Test func featureCollection() throws {
        let read = try layer(
            collection(features: [
                #"{"type": "Feature", "id": "hc-1", "properties": {"name": "Pakxan HC", "beds": 4}, "geometry": {"type": "Point", "coordinates": [103.66, 18.39]}}"#,
                #"{"type": "Feature", "id": 2, "properties": {"name": "Thaphabat HC"}, "geometry": {"type": "Point", "coordinates": [103.2, 18.4]}}"#,
            ]))
        #expect(read.file == "layer.geojson")
        #expect(read.features.count == 2)
        #expect(read.problems.isEmpty)
        #expect(read.sourceCRS == nil)
        #expect(read.features.map(\.index) == [0, 1])
        #expect(read.features[0].id == .string("hc-1"))
        #expect(read.features[1].id == .number(2))
        #expect(read.features[0].properties.keys == ["name", "beds"])
        #expect(read.features[0].properties["beds"] == .number(4))
        let point = try #require(read.features[1].geometry)
        #expect(point.kind == .point)
        #expect(isClose(point.allCoordinates, [Coordinate(x: 103.2, y: 18.4)]))
    }

    @Test func singleFeature() throws {
        let read = try layer(#"{"type": "Feature", "id": 7, "properties": {"a": 1}, "geometry": {"type": "Point", "coordinates": [1, 2]}}"#)
        #expect(read.features.count == 1)
        #expect(read.features[0].index == 0)
        #expect(read.features[0].id == .number(7))
        #expect(read.features[0].properties["a"] == .number(1))
        #expect(read.features[0].geometry?.kind == .point)
    }

    @Test func emptyFeatureCollection() throws {
        let read = try layer(#"{"type": "FeatureCollection", "features": []}"#)
        #expect(read.features.isEmpty)
        #expect(read.problems.isEmpty)
    }

    @Test func nullGeometryIsNotAProblem() throws {
        let read = try layer(collection(geometries: ["null"]))
        #expect(read.features.count == 1)
        #expect(read.features[0].geometry == nil)
        #expect(read.problems.isEmpty)
    }

    @Test func missingGeometryMemberIsAProblemNotACrash() throws {
        let read = try layer(
            collection(features: [
                #"{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}}"#,
                #"{"type": "Feature", "properties": {}}"#,
                #"{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [3, 4]}}"#,
            ]))
        #expect(read.features.count == 3)
        #expect(read.features[1].geometry == nil)
        #expect(read.features[0].geometry != nil && read.features[2].geometry != nil)
        #expect(
            read.problems == [
                InputError(
                    file: "layer.geojson", location: .feature(1), field: "geometry",
                    reason: "missing (a Feature must have a geometry member, null if it has none)")
            ])
    }

    @Test func nullOrAbsentPropertiesAreEmpty() throws {
        let read = try layer(
            collection(features: [
                #"{"type": "Feature", "properties": null, "geometry": null}"#,
                #"{"type": "Feature", "geometry": null}"#,
            ]))
        #expect(read.features.map(\.properties) == [JSONObject(), JSONObject()])
        #expect(read.problems.isEmpty)
    }

    @Test func nullIdIsNoId() throws {
        let read = try layer(collection(features: [#"{"type": "Feature", "id": null, "properties": {}, "geometry": null}"#]))
        #expect(read.features[0].id == nil)
    }

    @Test func foreignMembersAreIgnored() throws {
        let read = try layer(
            #"""
            {"type": "FeatureCollection", "name": "x", "bbox": [0, 0, 1, 1], "features": [
              {"type": "Feature", "bbox": [0, 0, 1, 1], "title": "t", "properties": {}, "geometry": {"type": "Point", "coordinates": [0.5, 0.5], "bbox": [0.5, 0.5, 0.5, 0.5]}}
            ]}
            """#)
        #expect(read.features.count == 1)
        #expect(read.problems.isEmpty)
    }
}

@Suite("GeoJSONLayer: document errors")
struct GeoJSONLayerDocumentErrorTests {
    @Test func notJSONIsLocated() {
        let error = layerError("{\"type\": \"FeatureCollection\",\n  \"features\": [\n    {\"type\": \"Feature\",}\n  ]\n}")
        #expect(
            error
                == InputError(
                    file: "layer.geojson", location: .position(line: 3, column: 24),
                    reason: "not valid JSON: unexpected '}' (expected a quoted member name)"))
    }

    @Test func emptyDocument() {
        #expect(
            layerError("")
                == InputError(
                    file: "layer.geojson", location: .position(line: 1, column: 1),
                    reason: "not valid JSON: the document is empty (expected a JSON value)"))
    }

    @Test(arguments: [("[]", "an array"), ("42", "a number"), ("\"FeatureCollection\"", "a string"), ("null", "null")])
    func notAnObject(text: String, found: String) {
        #expect(layerError(text) == InputError(file: "layer.geojson", reason: "expected a GeoJSON FeatureCollection object, found \(found)"))
    }

    @Test(arguments: [
        (#"{"type": "Topology", "features": []}"#, #"found "Topology""#),
        (#"{"type": "featurecollection", "features": []}"#, #"found "featurecollection""#),
        (#"{"type": "point", "coordinates": [1, 2]}"#, #"found "point""#),
        (#"{"type": 1, "features": []}"#, "found a number"),
        (#"{"features": []}"#, "found no type member"),
    ])
    func wrongType(text: String, found: String) {
        #expect(
            layerError(text)
                == InputError(
                    file: "layer.geojson", field: "type",
                    reason: #"expected "FeatureCollection", "Feature" or a geometry type "#
                        + "(Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection), " + found))
    }

    @Test(arguments: [
        (#"{"type": "FeatureCollection", "features": {}}"#, "an object"),
        (#"{"type": "FeatureCollection", "features": null}"#, "null"),
        (#"{"type": "FeatureCollection", "features": "none"}"#, "a string"),
        (#"{"type": "FeatureCollection"}"#, "nothing"),
    ])
    func featuresNotAnArray(text: String, found: String) {
        #expect(layerError(text) == InputError(file: "layer.geojson", field: "features", reason: "expected an array of features, found \(found)"))
    }

    @Test(arguments: [
        ("42", "a number"),
        ("null", "null"),
        (#"[{"type": "Feature"}]"#, "an array"),
        (#"{"type": "Point", "coordinates": [1, 2]}"#, #""Point""#),
        (#"{"type": "feature", "properties": {}, "geometry": null}"#, #""feature""#),
        (#"{"properties": {}, "geometry": null}"#, #"an object without a "type" member"#),
    ])
    func featureThatIsNotAFeatureObject(text: String, found: String) {
        let document = collection(features: [#"{"type": "Feature", "properties": {}, "geometry": null}"#, text])
        #expect(
            layerError(document)
                == InputError(
                    file: "layer.geojson", location: .feature(1), field: "type",
                    reason: "expected a Feature object, found \(found)"))
    }

    @Test func propertiesMustBeAnObject() {
        let document = collection(features: [#"{"type": "Feature", "properties": [1], "geometry": null}"#])
        #expect(
            layerError(document)
                == InputError(
                    file: "layer.geojson", location: .feature(0), field: "properties",
                    reason: "expected an object or null, found an array"))
    }
}

@Suite("GeoJSONLayer: files")
struct GeoJSONLayerFileTests {
    @Test func missingFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("absent.geojson").path
        #expect(throws: InputError(file: path, reason: "cannot be read: no such file", category: .unreadable)) {
            try GeoJSONLayer.read(path: path)
        }
    }

    @Test func directory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: InputError(file: directory.path, reason: "cannot be read: it is a directory", category: .unreadable)) {
            try GeoJSONLayer.read(path: directory.path)
        }
    }

    @Test func fileWithByteOrderMark() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("bom.geojson")
        try Data([0xEF, 0xBB, 0xBF] + Array(collection(geometries: [#"{"type": "Point", "coordinates": [1, 2]}"#]).utf8)).write(to: url)
        let read = try GeoJSONLayer.read(path: url.path)
        #expect(read.file == url.path)
        #expect(read.features.count == 1)
    }

    @Test func syntaxErrorNamesTheFileAsGiven() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("bad.geojson")
        try Data("{\n  \"type\": \"FeatureCollection\"\n  \"features\": []\n}".utf8).write(to: url)
        #expect(
            throws: InputError(
                file: url.path, location: .position(line: 3, column: 3),
                reason: "not valid JSON: unexpected '\"' (expected ',' or '}' in an object)")
        ) {
            try GeoJSONLayer.read(path: url.path)
        }
    }

    @Test func hundredMegabytesOfGarbageFailFast() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("garbage.geojson")
        var generator = SplitMix64(seed: 42)
        var garbage = [UInt8](repeating: 0, count: 100 * 1024 * 1024)
        garbage.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = generator.next() }
        }
        // Valid for two lines, then garbage: the error must name the first garbage byte.
        let prefix = Array("{\"type\": \"FeatureCollection\",\n\"features\": [".utf8)
        garbage.replaceSubrange(0..<prefix.count, with: prefix)
        garbage[prefix.count] = 0xFE
        try Data(garbage).write(to: url)
        let clock = ContinuousClock()
        var thrown: Error?
        let elapsed = clock.measure {
            do { _ = try GeoJSONLayer.read(path: url.path) } catch { thrown = error }
        }
        #expect(
            thrown as? InputError
                == InputError(
                    file: url.path, location: .position(line: 2, column: 14),
                    reason: "not valid JSON: unexpected byte 0xFE (expected a value)"))
        print("GeoJSONLayer.read on a 100 MB garbage file: \(elapsed)")
    }
}

@Suite("GeoJSONLayer: coordinate reference systems")
struct GeoJSONLayerCRSTests {
    /// A square and a point in UTM zone 48N (metres), with the given `crs` member.
    static func utmDocument(crs: String) -> String {
        #"""
        {"type": "FeatureCollection", \#(crs)
         "features": [
          {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates":
            [[[360000, 2030000], [370000, 2030000], [370000, 2040000], [360000, 2040000], [360000, 2030000]]]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [500000, 2000000]}}
        ]}
        """#
    }

    /// The same positions in WGS 84 lon/lat, computed independently with pyproj 3.7.2 (PROJ 9.5.1):
    ///
    ///     .venv/bin/python -c 'from pyproj import Transformer
    ///     t = Transformer.from_crs("EPSG:32648", "EPSG:4326", always_xy=True)
    ///     for p in [(360000,2030000),(370000,2030000),(370000,2040000),(360000,2040000),(500000,2000000)]:
    ///         print(p, "%.10f %.10f" % t.transform(*p))'
    ///
    /// The last point lies on zone 48's central meridian, so its longitude is exactly 105°.
    static let squareLonLat = [
        Coordinate(x: 103.6749478293, y: 18.3552536021),
        Coordinate(x: 103.7695777229, y: 18.3558882917),
        Coordinate(x: 103.7689357868, y: 18.4462499515),
        Coordinate(x: 103.6742565569, y: 18.4456119193),
        Coordinate(x: 103.6749478293, y: 18.3552536021),
    ]
    static let pointLonLat = Coordinate(x: 105.0, y: 18.0887089431)
    /// 1e-9° is about 0.1 mm: far below any difference between PROJ versions' UTM formulas.
    static let tolerance = 1e-9

    @Test(arguments: [
        "urn:ogc:def:crs:EPSG::32648", "EPSG:32648", "urn:ogc:def:crs:EPSG:6.6:32648",
    ])
    func legacyUTMCRSIsReprojected(name: String) throws {
        let read = try layer(Self.utmDocument(crs: #""crs": {"type": "name", "properties": {"name": "\#(name)"}},"#))
        #expect(read.sourceCRS == "EPSG:32648")
        #expect(read.problems.isEmpty)
        let square = try #require(read.features[0].geometry)
        #expect(square.kind == .polygon)
        guard case .polygon(let polygon) = square else {
            Issue.record("not a polygon: \(square)")
            return
        }
        let ring = try #require(polygon.exterior)
        #expect(isClose(ring, Self.squareLonLat, within: Self.tolerance), "\(ring)")
        let point = try #require(read.features[1].geometry)
        #expect(isClose(point.allCoordinates, [Self.pointLonLat], within: Self.tolerance), "\(point.allCoordinates)")
    }

    @Test func overrideReprojectsAFileWithoutCRS() throws {
        let read = try layer(Self.utmDocument(crs: ""), sourceCRS: "EPSG:32648")
        #expect(read.sourceCRS == "EPSG:32648")
        let point = try #require(read.features[1].geometry)
        #expect(isClose(point.allCoordinates, [Self.pointLonLat], within: Self.tolerance))
    }

    @Test func wgs84OverrideWinsOverACRSMember() throws {
        let document = #"""
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:32648"}}, "features": [
              {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [103.5, 18.25]}}]}
            """#
        let read = try layer(document, sourceCRS: "EPSG:4326")
        #expect(read.sourceCRS == nil)
        #expect(isClose(try #require(read.features[0].geometry).allCoordinates, [Coordinate(x: 103.5, y: 18.25)]))
    }

    @Test(arguments: [
        "urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326",
    ])
    func lonLatCRSNamesAreTakenAsLonLat(name: String) throws {
        let document = #"""
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "\#(name)"}}, "features": [
              {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [103.5, 18.25]}}]}
            """#
        let read = try layer(document)
        #expect(read.sourceCRS == nil)
        #expect(isClose(try #require(read.features[0].geometry).allCoordinates, [Coordinate(x: 103.5, y: 18.25)]))
    }

    @Test func nullCRSIsLonLat() throws {
        let read = try layer(#"{"type": "FeatureCollection", "crs": null, "features": []}"#)
        #expect(read.sourceCRS == nil)
    }

    @Test func unknownCRSIsALocatedError() throws {
        let error = try #require(layerError(Self.utmDocument(crs: #""crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::99999"}},"#)))
        #expect(error.file == "layer.geojson")
        #expect(error.location == .file)
        #expect(error.field == "crs")
        #expect(error.reason.hasPrefix("unknown coordinate reference system EPSG:99999: "), "\(error.reason)")
    }

    @Test func unknownOverrideHasNoField() throws {
        let error = try #require(layerError(Self.utmDocument(crs: ""), sourceCRS: "EPSG:99999"))
        #expect(error.field == nil)
        #expect(error.reason.hasPrefix("unknown coordinate reference system EPSG:99999: "), "\(error.reason)")
    }

    @Test(arguments: [
        #""crs": {"type": "name", "properties": {}},"#,
        #""crs": {"type": "link", "properties": {"href": "http://example.com/crs/42", "type": "proj4"}},"#,
        #""crs": "EPSG:32648","#,
    ])
    func crsMemberWithoutAName(member: String) {
        #expect(
            layerError(Self.utmDocument(crs: member))
                == InputError(
                    file: "layer.geojson", field: "crs.properties.name",
                    reason: "expected a named CRS such as \"urn:ogc:def:crs:EPSG::32648\""))
    }

    @Test func untransformableCoordinateIsAFeatureProblem() throws {
        let document = #"""
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:32648"}}, "features": [
              {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1e300, 1e300]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [500000, 2000000]}}]}
            """#
        let read = try layer(document)
        #expect(read.features[0].geometry == nil)
        #expect(read.features[1].geometry != nil)
        #expect(read.problems.count == 1)
        #expect(read.problems.first?.location == .feature(0))
        #expect(read.problems.first?.field == "geometry")
    }
}

@Suite("GeoJSONLayer: features read as the parser meets them")
struct GeoJSONLayerStreamingTests {
    @Test func aCRSMemberAfterTheFeaturesStillApplies() throws {
        let document = #"""
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [500000, 2000000]}}],
             "crs": {"type": "name", "properties": {"name": "EPSG:32648"}}}
            """#
        let read = try layer(document)
        #expect(read.sourceCRS == "EPSG:32648")
        #expect(isClose(try #require(read.features[0].geometry).allCoordinates, [GeoJSONLayerCRSTests.pointLonLat], within: GeoJSONLayerCRSTests.tolerance))
    }

    @Test func aSyntaxErrorAfterABadFeatureIsReportedFirst() {
        let document = "{\"type\": \"FeatureCollection\", \"features\": [\n  42,\n  {\"type\": \"Feature\",}\n]}"
        #expect(
            layerError(document)
                == InputError(
                    file: "layer.geojson", location: .position(line: 3, column: 22),
                    reason: "not valid JSON: unexpected '}' (expected a quoted member name)"))
    }

    @Test func aWrongTypeAfterTheFeaturesIsReportedBeforeABadFeature() {
        let document = #"{"features": [42], "type": "Topology"}"#
        #expect(
            layerError(document)
                == InputError(
                    file: "layer.geojson", field: "type",
                    reason:
                        #"expected "FeatureCollection", "Feature" or a geometry type (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection), found "Topology""#
                ))
    }

    @Test func aFeaturesMemberOfASingleFeatureIsAForeignMember() throws {
        let read = try layer(#"{"type": "Feature", "features": [42], "properties": {"a": 1}, "geometry": {"type": "Point", "coordinates": [1, 2]}}"#)
        #expect(read.features.count == 1)
        #expect(read.features[0].properties["a"] == .number(1))
        #expect(read.problems.isEmpty)
    }

    @Test func problemsStayInFeatureOrderWhenSomeComeFromTheTransform() throws {
        let document = #"""
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:32648"}}, "features": [
              {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1e300, 1e300]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [500000, 2000000]}}]}
            """#
        let read = try layer(document)
        #expect(read.problems.map(\.location) == [.feature(0), .feature(1)])
        #expect(read.problems.map(\.field) == ["geometry", "geometry.coordinates"])
        #expect(read.features.map { $0.geometry == nil } == [true, true, false])
    }
}

/// RFC 7946 §2 lets a GeoJSON text be any GeoJSON object: a bare geometry (or a single Feature) is
/// read as a layer of one feature, wherever a layer is read.
@Suite("GeoJSONLayer: a bare geometry")
struct GeoJSONLayerBareGeometryTests {
    @Test func aBarePointIsOneFeatureWithoutPropertiesOrId() throws {
        let read = try layer(#"{"type": "Point", "coordinates": [103.66, 18.39]}"#)
        #expect(read.features.count == 1)
        #expect(read.problems.isEmpty)
        #expect(read.features[0].index == 0)
        #expect(read.features[0].id == nil)
        #expect(read.features[0].properties.count == 0)
        #expect(read.features[0].geometry == .point(Coordinate(x: 103.66, y: 18.39)))
    }

    @Test(arguments: [
        (#"{"type": "MultiPoint", "coordinates": [[1, 2], [3, 4]]}"#, GeometryKind.multiPoint),
        (#"{"type": "LineString", "coordinates": [[1, 2], [3, 4]]}"#, .lineString),
        (#"{"type": "MultiLineString", "coordinates": [[[1, 2], [3, 4]]]}"#, .multiLineString),
        (#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}"#, .polygon),
        (#"{"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]}"#, .multiPolygon),
        (#"{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}]}"#, .geometryCollection),
    ])
    func everyGeometryTypeIsALayer(text: String, kind: GeometryKind) throws {
        let read = try layer(text)
        #expect(read.features.count == 1)
        #expect(read.features[0].geometry?.kind == kind)
        #expect(read.records.count == 1)
        #expect(read.records[0].geometry?.kind == kind)
    }

    @Test func aMalformedBareGeometryIsAFeatureProblem() throws {
        let read = try layer(#"{"type": "Polygon", "coordinates": [103.0, 18.0]}"#)
        #expect(read.features.count == 1 && read.features[0].geometry == nil)
        #expect(
            read.problems
                == [InputError(file: "layer.geojson", location: .feature(0), field: "geometry.coordinates[0]", reason: "expected an array, found a number")])
    }

    @Test func aBareGeometryIsReprojectedLikeAFeature() throws {
        // UTM 48N (EPSG:32648) 500000 E, 2000000 N is on the zone's central meridian, 105° E.
        let read = try layer(#"{"type": "Point", "coordinates": [500000, 2000000]}"#, sourceCRS: "EPSG:32648")
        let point = try #require(read.features.first?.geometry?.pointCoordinate)
        #expect(abs(point.x - 105) < 1e-9)
        #expect(read.sourceCRS == "EPSG:32648")
    }
}
