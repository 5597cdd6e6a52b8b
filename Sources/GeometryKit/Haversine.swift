import Foundation

/// Great-circle distance on a sphere by the haversine formula: the fast approximation that
/// scipy- and sklearn-style tools use.
///
/// On the default sphere (radius R₁) it is within 0.57 % of the WGS 84 geodesic everywhere, not
/// 0.5 %: the worst case is a short north–south step at the equator, where the meridian's radius
/// of curvature is 6,335 km and the sphere's 6,371 km (+0.561 %); a short step near a pole is
/// 0.447 % short. Over Laos (14°–23° N) short steps are off by −0.16 % (east–west) to +0.50 %
/// (north–south). Use ``Geodesic`` when that matters.
public enum Haversine {
    /// The mean Earth radius R₁ = (2a + b) / 3 of WGS 84, in metres.
    public static let meanEarthRadiusMeters = 6_371_008.8

    /// The great-circle distance between two lon/lat points, in metres.
    ///
    /// - Parameters:
    ///   - start: longitude and latitude in degrees.
    ///   - end: longitude and latitude in degrees.
    ///   - radiusMeters: the sphere's radius in metres (default: WGS 84's mean radius R₁).
    /// - Returns: the distance in metres; NaN when a coordinate is NaN (no check is made for
    ///   latitudes beyond ±90°: this is the unchecked fast path, ``Geodesic`` checks).
    /// - Note: Thread-safe (a pure function).
    public static func distanceMeters(from start: Coordinate, to end: Coordinate,
                                      radiusMeters: Double = meanEarthRadiusMeters) -> Double {
        let lat1 = start.lat * .pi / 180, lat2 = end.lat * .pi / 180
        let sinHalfLat = sin((lat2 - lat1) / 2)
        let sinHalfLon = sin((end.lon - start.lon) * .pi / 360)
        let h = sinHalfLat * sinHalfLat + cos(lat1) * cos(lat2) * sinHalfLon * sinHalfLon
        // Clamp rounding above 1 (antipodes) without turning NaN into 1: `min(1, .nan)` is 1,
        // which made a NaN coordinate come out as half the Earth's circumference.
        let root = h.squareRoot()
        return 2 * radiusMeters * asin(root > 1 ? 1 : root)
    }
}
