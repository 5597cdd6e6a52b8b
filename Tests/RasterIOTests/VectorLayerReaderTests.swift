import Foundation
import GeoIO
import GeometryKit
import RasterIO
import TestSupport
import Testing

/// Layers written by `ogr2ogr` (not RasterIO) from a small GeoJSON, read back by
/// VectorLayerReader: the same fields, values and lon/lat geometries, whatever the format, CRS or
/// encoding.
@Suite("VectorLayerReader")
struct VectorLayerReaderTests {
    /// Two polygons (a Shapefile holds one kind of geometry): a triangle with text, a whole number,
    /// a real, a boolean and a list; a square with a hole (exterior counter-clockwise, RFC 7946).
    static let geoJSON = """
        {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Café Ban Nongping", "population": 2700, "share": 0.25, "estimated": true,
          "services": ["epi", "delivery"]}, "geometry": {"type": "Polygon", "coordinates": [[[102.6, 17.96], [102.7, 17.96], [102.6, 18.06], [102.6, 17.96]]]}},
        {"type": "Feature", "properties": {"name": "Square", "population": null, "share": 1.5, "estimated": false, "services": ["epi"]},
          "geometry": {"type": "Polygon", "coordinates": [[[102, 17], [103, 17], [103, 18], [102, 18], [102, 17]],
            [[102.2, 17.2], [102.2, 17.8], [102.8, 17.8], [102.8, 17.2], [102.2, 17.2]]]}}]}
        """

    /// The corners of a polygon's exterior from its lowest-left one, counter-clockwise, as [lon, lat].
    static func corners(_ shape: Shape) -> [[Double]] {
        guard case .polygon(let polygon) = shape, var ring = polygon.rings.first?.dropLast().map({ [$0.x, $0.y] }) else { return [] }
        let start = ring.indices.min { (ring[$0][1], ring[$0][0]) < (ring[$1][1], ring[$1][0]) }!
        ring = Array(ring[start...] + ring[..<start])
        return ring
    }

    private func converted(_ arguments: [String], to name: String, in folder: URL) throws -> URL {
        let source = folder.appendingPathComponent("source.geojson")
        if !FileManager.default.fileExists(atPath: source.path) { try Self.geoJSON.write(to: source, atomically: true, encoding: .utf8) }
        try GDALTools.run("ogr2ogr", arguments + [name, source.path], in: folder)
        return folder.appendingPathComponent(name)
    }

    @Test func sourcesAreNamedByExtensionAndLayerAfterTheLastColon() {
        #expect(VectorSource(argument: "a/villages.SHP")?.layer == nil)
        #expect(VectorSource(argument: "layers.gpkg")?.path == "layers.gpkg")
        #expect(VectorSource(argument: "dir:x/layers.gpkg:villages")?.path == "dir:x/layers.gpkg")
        #expect(VectorSource(argument: "dir:x/layers.gpkg:villages")?.layer == "villages")
        #expect(VectorSource(argument: "villages.geojson") == nil)
        #expect(VectorSource(argument: "villages.csv") == nil)
        #expect(VectorSource(argument: "layers.gpkg:") == nil)
    }

    @Test(arguments: [
        (["-f", "GPKG"], "layers.gpkg"), (["-f", "FlatGeobuf"], "layer.fgb"), (["-f", "KML"], "layer.kml"),
        (["-f", "GeoJSONSeq"], "layer.geojsonl"), (["-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8"], "layer.shp"),
    ])
    func everyFormatGivesTheSameFieldsAndGeometries(arguments: [String], name: String) throws {
        let folder = try temporaryDirectory(prefix: "VectorLayerReaderTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try converted(arguments + ["-mapFieldType", "StringList=String"], to: name, in: folder)
        let layer = try VectorLayerReader.read(try #require(VectorSource(argument: file.path)))
        #expect(layer.features.count == 2)
        #expect(layer.problems.isEmpty)
        let first = layer.features[0].properties
        // KML keeps a placemark's name as "Name".
        #expect((first["name"] ?? first["Name"])?.stringValue == "Café Ban Nongping")
        if name != "layer.kml" {  // KML keeps no types: its fields are text
            #expect(first["population"]?.numberValue == 2700)
            #expect(first["share"]?.numberValue == 0.25)
            #expect(first["services"] == .array([.string("epi"), .string("delivery")]), "\(String(describing: first["services"]))")
        }
        #expect(layer.features[0].geometry.map(Self.corners) == [[102.6, 17.96], [102.7, 17.96], [102.6, 18.06]])
        guard case .polygon(let polygon)? = layer.features[1].geometry else {
            Issue.record("expected a polygon, found \(String(describing: layer.features[1].geometry))")
            return
        }
        // Exterior counter-clockwise, the hole clockwise, as the source: a Shapefile stores them the other way.
        #expect(polygon.rings.count == 2)
        #expect(Set(polygon.rings[0]) == Set([[102, 17], [103, 17], [103, 18], [102, 18]].map { Coordinate(x: $0[0], y: $0[1]) }))
        func signedArea(_ ring: [Coordinate]) -> Double { zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y } }
        #expect(signedArea(polygon.rings[0]) > 0 && signedArea(polygon.rings[1]) < 0)
    }

    @Test func aLayerInAProjectedCRSIsBroughtToLongitudeAndLatitude() throws {
        let folder = try temporaryDirectory(prefix: "VectorLayerReaderTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try converted(["-f", "FlatGeobuf", "-t_srs", "EPSG:32648", "-mapFieldType", "StringList=String"], to: "utm.fgb", in: folder)
        let layer = try VectorLayerReader.read(try #require(VectorSource(argument: file.path)))
        #expect(layer.sourceCRS == "EPSG:32648")
        let corners = try #require(layer.features[0].geometry.map(Self.corners))
        for (corner, expected) in zip(corners, [[102.6, 17.96], [102.7, 17.96], [102.6, 18.06]]) {
            #expect(abs(corner[0] - expected[0]) < 1e-7 && abs(corner[1] - expected[1]) < 1e-7, "\(corner)")
        }
    }

    @Test func aShapefileIsDecodedFromTheEncodingItsCPGNames() throws {
        let folder = try temporaryDirectory(prefix: "VectorLayerReaderTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try converted(["-f", "ESRI Shapefile", "-lco", "ENCODING=CP1252", "-mapFieldType", "StringList=String"], to: "latin.shp", in: folder)
        #expect(try String(contentsOf: folder.appendingPathComponent("latin.cpg"), encoding: .utf8).hasPrefix("CP1252"))
        let layer = try VectorLayerReader.read(try #require(VectorSource(argument: file.path)))
        #expect(layer.features[0].properties["name"]?.stringValue == "Café Ban Nongping")
        // Read as if it were UTF-8, the CP1252 é is not text: said so, with the field.
        try "UTF-8".write(to: folder.appendingPathComponent("latin.cpg"), atomically: true, encoding: .utf8)
        #expect {
            try VectorLayerReader.read(try #require(VectorSource(argument: file.path)))
        } throws: { error in
            "\(error)".contains("feature 0: field name: the text is not valid UTF-8")
        }
    }
}
