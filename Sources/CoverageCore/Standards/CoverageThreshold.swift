import Foundation

/// A coverage standard's limit: a geodesic distance or a travel time. Inclusive: a village is
/// covered when its cost is at most the limit.
public enum CoverageThreshold: Hashable, Sendable, Comparable, CustomStringConvertible {
    case kilometers(Double)
    case minutes(Double)

    /// A short name for columns and file names: `5km`, `60min`, `2.5km`.
    public var label: String {
        switch self {
        case .kilometers(let value): "\(Self.number(value))km"
        case .minutes(let value): "\(Self.number(value))min"
        }
    }

    /// "within 5 km", "within 60 minutes".
    public var phrase: String {
        switch self {
        case .kilometers(let value): "within \(Self.number(value)) km"
        case .minutes(let value): "within \(Self.number(value)) minutes"
        }
    }

    public var description: String { label }

    /// True for a distance limit (km).
    public var isDistance: Bool {
        if case .kilometers = self { true } else { false }
    }

    /// True when a trip of `distanceMeters` taking `minutes` is within the limit (inclusive).
    /// Nil inputs (no facility reachable) are never covered.
    public func covers(distanceMeters: Double?, minutes: Double?) -> Bool {
        switch self {
        case .kilometers(let limit): distanceMeters.map { $0 <= limit * 1_000 } ?? false
        case .minutes(let limit): minutes.map { $0 <= limit } ?? false
        }
    }

    /// Distances first, each kind ascending.
    public static func < (lhs: CoverageThreshold, rhs: CoverageThreshold) -> Bool {
        switch (lhs, rhs) {
        case (.kilometers(let a), .kilometers(let b)), (.minutes(let a), .minutes(let b)): a < b
        case (.kilometers, .minutes): true
        case (.minutes, .kilometers): false
        }
    }

    /// 60 for 60.0, 2.5 for 2.5: how limits, speeds and factors are written for people.
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
