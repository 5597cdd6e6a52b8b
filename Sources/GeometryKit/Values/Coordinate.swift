/// A two-dimensional position: `x` is longitude and `y` latitude in degrees for geographic data,
/// or easting and northing in metres for a projected CRS. A plain value, `Sendable`.
public struct Coordinate: Hashable, Sendable, CustomStringConvertible {
    /// Longitude in degrees, or easting in metres (or whatever the data's first axis is).
    public var x: Double
    /// Latitude in degrees, or northing in metres (or whatever the data's second axis is).
    public var y: Double

    /// A position from its two values, in the data's units.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// A geographic position, longitude and latitude in degrees.
    public init(lon: Double, lat: Double) {
        self.init(x: lon, y: lat)
    }

    /// Longitude in degrees (the same as `x`).
    public var lon: Double { x }
    /// Latitude in degrees (the same as `y`).
    public var lat: Double { y }

    /// True when both values are finite (neither NaN nor infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite }

    /// True when this is a valid WGS 84 position: finite, longitude in [−180, 180] and latitude in [−90, 90].
    public var isValidLonLat: Bool { isFinite && abs(x) <= 180 && abs(y) <= 90 }

    /// `(x, y)`, for example `(102.6, 17.97)`.
    public var description: String { "(\(x), \(y))" }
}
