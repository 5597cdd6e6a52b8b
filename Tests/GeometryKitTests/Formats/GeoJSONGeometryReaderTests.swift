@testable import GeometryKit
import TestSupport
import Testing

@Suite struct GeoJSONGeometryReaderTests {
    @Test func readsGeometriesFeaturesAndCollections() throws {
        let reader = try GeoJSONGeometryReader()
        #expect(try reader.read(#"{"type":"Point","coordinates":[102.6,17.97]}"#).coordinates == [Coordinate(x: 102.6, y: 17.97)])
        let feature = try reader.read(#"{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}"#)
        #expect(feature.kind == .lineString)
        let collection = try reader.read(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#)
        #expect(collection.kind == .geometryCollection)
        #expect(collection.components.map(\.kind) == [.point, .polygon])
        #expect(try reader.read(#"{"type":"Point","coordinates":[]}"#).isEmpty)
    }

    static let malformed: [(String, String)] = [
        (#"{"type":"Point""#, "Error parsing JSON"),
        (#"{"type":"Pointy","coordinates":[1,2]}"#, "Unknown geometry type"),
        ("", "Error parsing JSON"),
    ]

    @Test(arguments: malformed)
    func malformedJSONThrowsWithGEOSsMessage(json: String, message: String) {
        expectGeometryError(.geos, "GEOSGeoJSONReader_readGeometry_r", containing: message) { _ = try Geometry(geoJSON: json) }
    }

    @Test func districtFixtureReadsAsFivePolygons() throws {
        let districts = try Geometry(geoJSON: try GoldenFixtures.text("districts.geojson"))
        #expect(districts.components.map(\.kind) == Array(repeating: .polygon, count: 5))
        for district in districts.components.prefix(4) { #expect(try district.isValid()) }
    }
}
