import DistanceKernel
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// Every error type of the toolkit has its row in the one table.
@Suite struct ExitStatusTests {
    struct Unlisted: Error {}

    static func jsonError() -> JSONSyntaxError? {
        do { _ = try JSONParser.parse("{") } catch { return error }
        return nil
    }

    @Test func everyErrorTypeHasItsCode() throws {
        let cases: [(any Error, Int32)] = [
            (InputError(file: "x", reason: "cannot be read", category: .unreadable), 66),
            (InputError(file: "x", reason: "bad"), 65),
            (ValidationFailure(report: ValidationReport()), 65),
            (MappingError("x"), 65),
            (try #require(Self.jsonError()), 65),
            (KernelError(input: "query", index: 3, reason: "not a longitude/latitude"), 65),
            (ParameterError(name: "tolerance", reason: "negative"), 64),
            (QueryLookupError(kind: .unknown, noun: "village", query: "x", candidates: []), 64),
            (OutputError(file: "x", reason: "read-only"), 73),
            (GeometryError(source: .geos, operation: "GEOSUnion_r", message: "TopologyException"), 70),
            (NonFiniteNumberError(path: "features[0]"), 70),
            (Unlisted(), 70),
        ]
        for (error, code) in cases {
            #expect(ExitStatus.code(for: error) == code, "\(type(of: error))")
        }
    }
}
