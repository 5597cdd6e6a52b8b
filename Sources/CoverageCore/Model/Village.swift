import GeometryKit

/// A village: a point of demand with its codes and population.
public struct Village: Sendable {
    /// The village code as the source gives it (e.g. `1201045`).
    public let code: String
    public let name: String
    /// The district P-code the source states for the village.
    public let districtPcode: String
    /// The province P-code the source states for the village.
    public let provincePcode: String
    /// Longitude and latitude, WGS 84.
    public let location: Coordinate
    public let figures: PopulationFigures
    /// True when ``figures`` are estimates rather than counts (as for the shipped data).
    public let populationEstimated: Bool

    public init(
        code: String, name: String, districtPcode: String, provincePcode: String,
        location: Coordinate, figures: PopulationFigures, populationEstimated: Bool
    ) {
        self.code = code
        self.name = name
        self.districtPcode = districtPcode
        self.provincePcode = provincePcode
        self.location = location
        self.figures = figures
        self.populationEstimated = populationEstimated
    }
}
