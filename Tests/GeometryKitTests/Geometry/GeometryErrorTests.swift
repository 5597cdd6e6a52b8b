import TestSupport
import Testing

@testable import GeometryKit

@Suite struct GeometryErrorTests {
    @Test func descriptionNamesTheSourceOperationAndMessage() {
        #expect(
            GeometryError(source: .geos, operation: "GEOSUnion_r", message: "TopologyException: x").description
                == "GEOS error in GEOSUnion_r: TopologyException: x")
        #expect(GeometryError(source: .proj, operation: "proj_trans_array", message: "m").description == "PROJ error in proj_trans_array: m")
        #expect(
            GeometryError(source: .invalidArgument, operation: "geod_inverse", message: "m").description
                == "invalid argument error in geod_inverse: m")
    }

    @Test func equality() {
        let error = GeometryError(source: .geos, operation: "a", message: "b")
        #expect(error == GeometryError(source: .geos, operation: "a", message: "b"))
        #expect(error != GeometryError(source: .proj, operation: "a", message: "b"))
        #expect(error != GeometryError(source: .geos, operation: "a", message: "c"))
    }
}
