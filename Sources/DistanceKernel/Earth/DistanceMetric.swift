/// How the kernel measures the distance between two longitude/latitude points.
public enum DistanceMetric: String, Sendable, CaseIterable, Codable {
    /// Great-circle distance on a sphere of radius ``EarthModel/sphereRadiusMeters`` (6,371,008.8 m,
    /// the mean radius of WGS 84): what scipy, sklearn and most tools call "haversine".
    case haversine
    /// Shortest path on the WGS 84 ellipsoid, to GeographicLib's accuracy (well under 1 mm).
    case geodesic
}
