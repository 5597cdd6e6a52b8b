import TestSupport
import Testing

@testable import GeometryKit

@Suite struct WKTReaderTests {
    @Test func readsEveryKindWithOneReader() throws {
        let reader = try WKTReader()
        #expect(try reader.read("POINT (102.6 17.97)").coordinates == [Coordinate(x: 102.6, y: 17.97)])
        #expect(try reader.read("LINESTRING (0 0, 1 1)").kind == .lineString)
        #expect(try reader.read("POLYGON EMPTY").isEmpty)
        #expect(try reader.read("  multipoint ((1 2), (3 4))  ").components.count == 2)  // case and blanks are forgiven
        #expect(try reader.read("POINT Z (1 2 3)").coordinates == [Coordinate(x: 1, y: 2)])  // z is dropped from coordinates
    }

    static let malformed: [(String, String)] = [
        ("POLYGON ((0 0, 1 1", "Expected word but encountered end of stream"),
        ("POINT (1)", "Expected number but encountered ')'"),
        ("TRIANGLE ((0 0, 1 0, 0 1, 0 0))", "Unknown type"),
        ("", "Expected word but encountered end of stream"),
        ("POLYGON ((0 0, 1 0, 1 1, 0 1))", "closed linestring"),
    ]

    @Test(arguments: malformed)
    func malformedTextThrowsWithGEOSsMessage(wkt: String, message: String) {
        expectGeometryError(.geos, "GEOSWKTReader_read_r", containing: message) { _ = try WKTReader().read(wkt) }
        expectGeometryError(.geos, "GEOSWKTReader_read_r", containing: message) { _ = try Geometry(wkt: wkt) }
    }

    @Test func aReaderStillWorksAfterAnError() throws {
        let reader = try WKTReader()
        #expect(throws: GeometryError.self) { try reader.read("POINT (") }
        #expect(try reader.read("POINT (1 2)").coordinates == [Coordinate(x: 1, y: 2)])
    }
}
