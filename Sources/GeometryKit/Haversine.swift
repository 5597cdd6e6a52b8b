import Foundation

/// Great-circle distance on a sphere by the haversine formula: the fast approximation that
/// scipy- and sklearn-style tools use (within about 0.5 % of the WGS 84 geodesic).
public enum Haversine {
    /// The mean Earth radius R₁ = (2a + b) / 3 of WGS 84, in metres.
    public static let meanEarthRadiusMeters = 6_371_008.8

    /// The great-circle distance between two lon/lat points, in metres, on a sphere of `radiusMeters`.
    public static func distanceMeters(from start: Coordinate, to end: Coordinate,
                                      radiusMeters: Double = meanEarthRadiusMeters) -> Double {
        let lat1 = start.lat * .pi / 180, lat2 = end.lat * .pi / 180
        let sinHalfLat = sin((lat2 - lat1) / 2)
        let sinHalfLon = sin((end.lon - start.lon) * .pi / 360)
        let h = sinHalfLat * sinHalfLat + cos(lat1) * cos(lat2) * sinHalfLon * sinHalfLon
        return 2 * radiusMeters * asin(min(1, h.squareRoot()))
    }
}
