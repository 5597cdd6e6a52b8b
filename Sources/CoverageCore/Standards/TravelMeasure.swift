/// How a standard's minutes are measured.
public enum TravelMeasure: String, Sendable, CaseIterable, Codable {
    /// The geodesic distance × the detour factor ÷ the mode's speed (``TravelModel``).
    case straight
    /// Over a friction raster: the walking surface for walking, the motorized one for motorbike and
    /// car (``FrictionRasters``).
    case raster
}

/// The friction surfaces raster travel times are measured on.
public enum FrictionKind: String, Sendable, CaseIterable, Comparable {
    case walking
    case motorized

    public static func < (lhs: FrictionKind, rhs: FrictionKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension TravelMode {
    /// The friction surface a trip by this mode is measured on: motorbikes and cars share the
    /// motorized surface (its road speeds are theirs; off-road they walk).
    public var frictionKind: FrictionKind { self == .walking ? .walking : .motorized }
}
