import Foundation
import TestSupport
import Testing

@testable import GeometryKit

/// The difference between two angles in degrees, reduced to [−180, 180].
func angleDifferenceDegrees(_ a: Double, _ b: Double) -> Double {
    var difference = (a - b).truncatingRemainder(dividingBy: 360)
    if difference > 180 { difference -= 360 }
    if difference < -180 { difference += 360 }
    return difference
}

/// An upper bound, in metres on the ground, for the distance between two nearby lon/lat points,
/// for turning a tolerance in metres into one in degrees without the code under test. A degree of
/// latitude on WGS 84 is at most 111,694 m long (at the poles) and a degree of longitude at most
/// that times the cosine of the latitude; 111,700 m and the larger cosine bound both.
func groundGapMeters(_ a: Coordinate, _ b: Coordinate) -> Double {
    let metersPerDegree = 111_700.0
    let cosine = cos(min(abs(a.lat), abs(b.lat)) * .pi / 180)
    let dLat = abs(a.lat - b.lat) * metersPerDegree
    let dLon = abs(angleDifferenceDegrees(a.lon, b.lon)) * metersPerDegree * cosine
    return (dLat * dLat + dLon * dLon).squareRoot()
}

/// Shorthand for a coordinate list from (x, y) pairs.
func coords(_ pairs: [(Double, Double)]) -> [Coordinate] {
    pairs.map { Coordinate(x: $0.0, y: $0.1) }
}

/// The closed square [x0, x0 + size] × [y0, y0 + size], counter-clockwise.
func squareRing(_ x0: Double, _ y0: Double, _ size: Double) -> [Coordinate] {
    coords([(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)])
}

/// Asserts that `body` throws a ``GeometryError`` from `source` whose operation is `operation`
/// and whose message contains `messagePart`; returns the error.
@discardableResult
func expectGeometryError(
    _ source: GeometryError.Source, _ operation: String, containing messagePart: String = "",
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> GeometryError? {
    do {
        try body()
        Issue.record("expected a \(source.rawValue) error from \(operation), got no error", sourceLocation: sourceLocation)
        return nil
    } catch let error as GeometryError {
        #expect(error.source == source, "\(error)", sourceLocation: sourceLocation)
        #expect(error.operation == operation, "\(error)", sourceLocation: sourceLocation)
        if !messagePart.isEmpty {
            #expect(error.message.contains(messagePart), "\(error)", sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("expected a GeometryError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
