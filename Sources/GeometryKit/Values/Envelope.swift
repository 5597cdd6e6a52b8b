/// An axis-aligned bounding box in the geometry's own units (degrees for lon/lat data; no
/// wrapping at the antimeridian). A plain value, `Sendable`; boundaries count as inside.
public struct Envelope: Hashable, Sendable {
    /// The smallest x (west-most longitude or easting).
    public var minX: Double
    /// The smallest y (south-most latitude or northing).
    public var minY: Double
    /// The largest x.
    public var maxX: Double
    /// The largest y.
    public var maxY: Double

    /// A box from its bounds (not checked: a box whose minimum exceeds its maximum contains nothing).
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The smallest envelope holding every coordinate, or nil for none.
    public init?<Coordinates: Sequence>(covering coordinates: Coordinates) where Coordinates.Element == Coordinate {
        var iterator = coordinates.makeIterator()
        guard let first = iterator.next() else { return nil }
        self.init(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        while let next = iterator.next() { expand(toInclude: next) }
    }

    /// `maxX − minX`, in the units of the coordinates.
    public var width: Double { maxX - minX }
    /// `maxY − minY`, in the units of the coordinates.
    public var height: Double { maxY - minY }

    /// True when `coordinate` lies inside or on the boundary (false for NaN).
    public func contains(_ coordinate: Coordinate) -> Bool {
        coordinate.x >= minX && coordinate.x <= maxX && coordinate.y >= minY && coordinate.y <= maxY
    }

    /// True when the boxes share at least one point (touching counts).
    public func intersects(_ other: Envelope) -> Bool {
        other.minX <= maxX && other.maxX >= minX && other.minY <= maxY && other.maxY >= minY
    }

    /// Grows the box to include `coordinate`.
    public mutating func expand(toInclude coordinate: Coordinate) {
        minX = Swift.min(minX, coordinate.x)
        minY = Swift.min(minY, coordinate.y)
        maxX = Swift.max(maxX, coordinate.x)
        maxY = Swift.max(maxY, coordinate.y)
    }

    /// Grows the box to include `other`.
    public mutating func expand(toInclude other: Envelope) {
        minX = Swift.min(minX, other.minX)
        minY = Swift.min(minY, other.minY)
        maxX = Swift.max(maxX, other.maxX)
        maxY = Swift.max(maxY, other.maxY)
    }
}
