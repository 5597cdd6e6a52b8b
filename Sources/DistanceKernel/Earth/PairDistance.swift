import GeometryKit

/// The distance between two points exactly as the kernel's batch queries report it, for code
/// that measures a few pairs (a referral chain's hops) and must agree with them to the last bit.
public enum PairDistance {
    /// The distance in metres from `start` (a query) to `end` (a facility), longitude/latitude in
    /// degrees, under `metric`.
    /// Throws a ``KernelError`` for a coordinate that is not a longitude/latitude.
    public static func meters(from start: Coordinate, to end: Coordinate, metric: DistanceMetric) throws -> Double {
        for (name, point) in [("start", start), ("end", end)] where !point.isValidLonLat {
            throw KernelError(input: name, reason: "\(point) is not a longitude/latitude (finite, longitude within ±180°, latitude within ±90°)")
        }
        // The same operands in the same order as a batch query with `start` as the query and
        // `end` as the facility, so that the result is bit for bit the one the batch reports.
        let query = EarthModel.point(lon: start.lon, lat: start.lat, metric: metric)
        let facility = EarthModel.point(lon: end.lon, lat: end.lat, metric: metric)
        let chordSquared = facility.squaredDistance(to: query)
        switch metric {
        case .haversine:
            return EarthModel.sphereDistance(query, facility, chordSquared: chordSquared)
        case .geodesic:
            return EarthModel.geodesicDistance(
                query, facility, chordSquared: chordSquared,
                pLonLat: (start.lon, start.lat), qLonLat: (end.lon, end.lat))
        }
    }
}
