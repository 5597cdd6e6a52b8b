/// An axis-aligned bounding box in the geometry's own units.
public struct Envelope: Hashable, Sendable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

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

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }

    public func contains(_ coordinate: Coordinate) -> Bool {
        coordinate.x >= minX && coordinate.x <= maxX && coordinate.y >= minY && coordinate.y <= maxY
    }

    public func intersects(_ other: Envelope) -> Bool {
        other.minX <= maxX && other.maxX >= minX && other.minY <= maxY && other.maxY >= minY
    }

    public mutating func expand(toInclude coordinate: Coordinate) {
        minX = Swift.min(minX, coordinate.x)
        minY = Swift.min(minY, coordinate.y)
        maxX = Swift.max(maxX, coordinate.x)
        maxY = Swift.max(maxY, coordinate.y)
    }

    public mutating func expand(toInclude other: Envelope) {
        minX = Swift.min(minX, other.minX)
        minY = Swift.min(minY, other.minY)
        maxX = Swift.max(maxX, other.maxX)
        maxY = Swift.max(maxY, other.maxY)
    }
}
