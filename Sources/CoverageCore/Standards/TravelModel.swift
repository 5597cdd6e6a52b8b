/// How people travel to care: by foot, motorbike or car.
public enum TravelMode: String, Sendable, CaseIterable, Codable {
    case walking
    case motorbike
    case car
}

/// Travel time from distance: the straight-line (geodesic) distance times a detour factor, at a
/// constant speed per mode. A first model, before friction rasters; its values are assumptions
/// (see GeoData/README.md), recorded in every manifest.
public struct TravelModel: Sendable, Equatable {
    /// Road (or path) distance per straight-line distance, ≥ 1.
    public var detourFactor: Double
    /// Average speed per mode, km/h.
    public var speedsKmh: [TravelMode: Double]

    public init(detourFactor: Double, speedsKmh: [TravelMode: Double]) {
        self.detourFactor = detourFactor
        self.speedsKmh = speedsKmh
    }

    /// The travel time for a straight-line distance, in minutes.
    public func minutes(distanceMeters: Double, mode: TravelMode) -> Double {
        let speed = speedsKmh[mode] ?? .nan
        return distanceMeters / 1_000 * detourFactor / speed * 60
    }

    /// The straight-line distance that takes `minutes` by `mode`, in metres (the inverse of
    /// ``minutes(distanceMeters:mode:)``).
    public func distanceMeters(minutes: Double, mode: TravelMode) -> Double {
        let speed = speedsKmh[mode] ?? .nan
        return minutes / 60 * speed / detourFactor * 1_000
    }
}
