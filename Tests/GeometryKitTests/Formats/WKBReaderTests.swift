import TestSupport
import Testing

@testable import GeometryKit

@Suite struct WKBReaderTests {
    @Test func readsLittleAndBigEndianPoints() throws {
        // POINT (1 2): byte order, type 1, x, y; built by hand from the WKB specification.
        let little: [UInt8] = [0x01, 0x01, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0x00, 0x40]
        let big: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x01, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0x40, 0x00, 0, 0, 0, 0, 0, 0]
        let reader = try WKBReader()
        #expect(try reader.read(little).coordinates == [Coordinate(x: 1, y: 2)])
        #expect(try reader.read(big).coordinates == [Coordinate(x: 1, y: 2)])
    }

    @Test(arguments: [[UInt8](), [0x01], [0x01, 0x01, 0x00, 0x00, 0x00, 0, 0], [0x01, 0x63, 0x00, 0x00, 0x00]])
    func truncatedOrUnknownBytesThrow(bytes: [UInt8]) {
        expectGeometryError(.geos, "GEOSWKBReader_read_r", containing: "ParseException") { _ = try Geometry(wkb: bytes) }
    }

    @Test func theErrorSaysWhatWentWrong() {
        expectGeometryError(.geos, "GEOSWKBReader_read_r", containing: "Unexpected EOF parsing WKB") { _ = try Geometry(wkb: [0x01, 0x01]) }
        expectGeometryError(.geos, "GEOSWKBReader_read_r", containing: "Unknown WKB type") { _ = try Geometry(wkb: [0x01, 0x63, 0x00, 0x00, 0x00]) }
    }
}
