import TestSupport
import Testing

@testable import GeometryKit

@Suite struct WKBWriterTests {
    @Test func writesLittleEndianISO() throws {
        // The bytes the WKB specification gives for POINT (1 2), little-endian.
        #expect(try Geometry.point(x: 1, y: 2).wkb() == [0x01, 0x01, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0x00, 0x40])
    }

    @Test func emptyPointIsWrittenAsNaNAndReadBackEmpty() throws {
        let bytes = try Geometry.empty(.point).wkb()
        #expect(bytes.count == 21)
        #expect(Array(bytes[5..<13]) == [0, 0, 0, 0, 0, 0, 0xF8, 0x7F])  // the quiet NaN
        #expect(try Geometry(wkb: bytes).isEmpty)
    }

    @Test func roundTripIsExact() throws {
        var random = SplitMix64(seed: 0x0B1)
        let writer = try WKBWriter(), reader = try WKBReader()
        for _ in 0..<300 {
            let geometry = try random.geometry(-1e-6, 1e6)
            let back = try reader.read(try writer.write(geometry))
            #expect(back.kind == geometry.kind || geometry.kind == .linearRing)  // ISO WKB has no ring: it becomes a line string
            #expect(back.isEmpty == geometry.isEmpty)
            #expect(back.allCoordinates == geometry.allCoordinates)
        }
    }
}
