import Foundation
import GeometryKit

/// The haversine formula as scipy- and sklearn-style tools write it: the independent reference
/// for the kernel's `.haversine` metric in the tests (the kernel itself measures chords on the
/// sphere and never calls this). Tests only: the toolkit has one haversine, in DistanceKernel.
///
/// On a sphere of radius `radiusMeters`; `atan2` of both halves keeps the antipode accurate,
/// where `asin(√h)` loses up to 16 cm. NaN stays NaN.
public func haversineMeters(from start: Coordinate, to end: Coordinate, radiusMeters: Double) -> Double {
    let lat1 = start.lat * .pi / 180, lat2 = end.lat * .pi / 180
    let sinHalfLat = sin((lat2 - lat1) / 2)
    let sinHalfLon = sin((end.lon - start.lon) * .pi / 360)
    let h = sinHalfLat * sinHalfLat + cos(lat1) * cos(lat2) * sinHalfLon * sinHalfLon
    return 2 * radiusMeters * atan2(h.squareRoot(), max(0, 1 - h).squareRoot())
}
