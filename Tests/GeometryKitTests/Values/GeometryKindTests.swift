import TestSupport
import Testing

@testable import GeometryKit

@Suite struct GeometryKindTests {
    @Test func rawValuesAreTheOGCTypeNames() {
        #expect(
            GeometryKind.allCases.map(\.rawValue) == [
                "Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection",
            ])
    }

    @Test func onlyPolygonsAndMultiPolygonsArePolygonal() {
        #expect(GeometryKind.allCases.filter(\.isPolygonal) == [.polygon, .multiPolygon])
    }

    @Test(arguments: GeometryKind.allCases)
    func geosTypeIdsRoundTrip(kind: GeometryKind) {
        #expect(GeometryKind(geosTypeId: kind.geosTypeId) == kind)
    }

    @Test func unknownTypeIdsAreRefused() {
        #expect(GeometryKind(geosTypeId: -1) == nil)
        #expect(GeometryKind(geosTypeId: 8) == nil)
    }
}
