import GeometryKit

/// What coverage is measured for: villages (people), or facilities themselves (how far each is
/// from, say, its maintenance workshop).
public enum DemandKind: String, Sendable, CaseIterable, Codable {
    case villages
    case facilities

    /// "village", "facility".
    public var noun: String { self == .villages ? "village" : "facility" }
}

/// A point of demand, whatever its layer: identity, place and the people it stands for.
public struct DemandPoint: Sendable {
    public let id: String
    public let name: String
    public let location: Coordinate
    public let districtPcode: String
    public let provincePcode: String
    /// The people the point stands for (zero for a facility as demand).
    public let figures: PopulationFigures

    public init(
        id: String, name: String, location: Coordinate, districtPcode: String, provincePcode: String,
        figures: PopulationFigures
    ) {
        self.id = id
        self.name = name
        self.location = location
        self.districtPcode = districtPcode
        self.provincePcode = provincePcode
        self.figures = figures
    }

    /// The demand points of `kind` in `layers`, in layer order.
    public static func all(_ kind: DemandKind, in layers: LayerSet) -> [DemandPoint] {
        switch kind {
        case .villages:
            layers.villages.map {
                DemandPoint(
                    id: $0.code, name: $0.name, location: $0.location, districtPcode: $0.districtPcode,
                    provincePcode: $0.provincePcode, figures: $0.figures)
            }
        case .facilities:
            layers.facilities.map {
                DemandPoint(
                    id: $0.id, name: $0.name, location: $0.location, districtPcode: $0.districtPcode ?? "",
                    provincePcode: $0.provincePcode ?? "", figures: .zero)
            }
        }
    }
}
