import GeometryKit

/// True when `a` and `b` differ by at most `tolerance`.
public func isClose(_ a: Double, _ b: Double, within tolerance: Double) -> Bool {
    abs(a - b) <= tolerance
}

/// True when the two coordinates agree within `tolerance` on both axes.
public func isClose(_ a: Coordinate, _ b: Coordinate, within tolerance: Double = 1e-12) -> Bool {
    abs(a.x - b.x) <= tolerance && abs(a.y - b.y) <= tolerance
}

/// True when the coordinate lists have the same length and agree pairwise within `tolerance`.
public func isClose(_ a: [Coordinate], _ b: [Coordinate], within tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { isClose($0, $1, within: tolerance) }
}
