/// Where a point lies among the districts: inside one, just outside (the nearest within the
/// tolerance, flagged), or outside all of them.
public struct AdminPlacement: Sendable, Equatable, Codable {
    public enum Method: String, Sendable, Codable {
        /// The point lies inside the district polygon.
        case inside
        /// The point lies in no district; this is the nearest one, within the tolerance.
        case nearestWithinTolerance = "nearest_within_tolerance"
        /// The point lies in no district and none is within the tolerance.
        case outside
    }

    /// The district the point lies in (or the nearest one), nil only when there are no districts.
    public let districtPcode: String?
    public let provincePcode: String?
    public let method: Method
    /// Geodesic distance from the point to ``districtPcode``'s polygon: 0 inside, in metres.
    public let distanceMeters: Double

    public init(districtPcode: String?, provincePcode: String?, method: Method, distanceMeters: Double) {
        self.districtPcode = districtPcode
        self.provincePcode = provincePcode
        self.method = method
        self.distanceMeters = distanceMeters
    }
}
