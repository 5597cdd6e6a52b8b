@testable import GeometryKit
import TestSupport
import Testing

@Suite struct GeoJSONGeometryWriterTests {
    @Test func compactOutput() throws {
        #expect(try Geometry.point(x: 102.6, y: 17.97).geoJSON() == #"{"type":"Point","coordinates":[102.6,17.97]}"#)
        #expect(try Geometry.polygon(exterior: coords([(0, 0), (1, 0), (1, 1), (0, 0)])).geoJSON()
            == #"{"type":"Polygon","coordinates":[[[0.0,0.0],[1.0,0.0],[1.0,1.0],[0.0,0.0]]]}"#)
        #expect(try Geometry.empty(.point).geoJSON() == #"{"type":"Point","coordinates":[]}"#)
        #expect(try Geometry.empty(.geometryCollection).geoJSON() == #"{"type":"GeometryCollection","geometries":[]}"#)
    }

    @Test func aRingIsWrittenAsALineString() throws {
        #expect(try Geometry.linearRing(squareRing(0, 0, 1)).geoJSON().hasPrefix(#"{"type":"LineString""#))
    }

    @Test func roundTripIsExact() throws {
        var random = SplitMix64(seed: 0x6E0)
        let writer = try GeoJSONGeometryWriter(), reader = try GeoJSONGeometryReader()
        for _ in 0..<300 {
            let geometry = try random.geometry(-180, 180)
            let text = try writer.write(geometry)
            let back = try reader.read(text)
            #expect(back.isEmpty == geometry.isEmpty)
            #expect(back.allCoordinates == geometry.allCoordinates, "\(text)")
        }
    }
}
