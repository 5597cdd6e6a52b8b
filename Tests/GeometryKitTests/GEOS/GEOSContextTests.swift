import TestSupport
import Testing

@testable import GeometryKit

/// The per-thread GEOS context: reuse and the error messages it captures.
@Suite struct GEOSContextTests {
    @Test func theContextIsReusedOnAThread() {
        #expect(ThreadResources.current.geos === ThreadResources.current.geos)
    }

    @Test func errorsNameTheFunctionAndCarryGEOSsMessage() {
        let error = expectGeometryError(.geos, "GEOSWKTReader_read_r", containing: "ParseException") {
            _ = try Geometry(wkt: "POLYGON ((0 0, 1 1")
        }
        #expect(error?.message == "ParseException: Expected word but encountered end of stream")
        #expect(error?.description == "GEOS error in GEOSWKTReader_read_r: ParseException: Expected word but encountered end of stream")
    }

    @Test func eachCallStartsWithAClearMessageBuffer() throws {
        let context = ThreadResources.current.geos
        #expect(throws: GeometryError.self) { try Geometry(wkt: "POINT (1") }
        #expect(context.lastError != nil)
        // A successful call clears the previous error; a later failure reports its own message.
        _ = try Geometry(wkt: "POINT (1 2)")
        #expect(context.lastError == nil)
        let error = expectGeometryError(.geos, "GEOSGeom_createLineString_r") { _ = try Geometry.lineString(coords([(0, 0)])) }
        #expect(error?.message.contains("ParseException") == false)
    }

    @Test func aGEOSFailureWithoutAMessageStillThrows() {
        // GEOS always reports a message; the fallback text is for the impossible case.
        let context = ThreadResources.current.geos
        context.clearMessages()
        #expect(context.error("X").message == "GEOS reported a failure without a message")
    }
}
