import GeometryKit

/// The administrative levels of Laos that coverage is reported by.
public enum AdminLevel: String, Sendable, CaseIterable, Codable {
    case province
    case district
}

/// A province or district: P-code, names, LSB population and boundary polygon (WGS 84).
public struct AdminUnit: Sendable {
    /// The P-code: `LA01`…`LA18` for provinces, `LA0101`… for districts.
    public let pcode: String
    public let level: AdminLevel
    public let nameEN: String
    /// The Lao-script name, where the source has one.
    public let nameLO: String?
    /// The province P-code (the unit's own for a province).
    public let provincePcode: String
    /// Population and target groups in ``populationYear``, where the layer gives them.
    public let figures: PopulationFigures?
    /// The year of ``figures``.
    public let populationYear: Int?
    /// Population by year, as many years as the layer gives (`population_2015` … fields).
    public let populationByYear: [Int: Int]
    /// The boundary: a Polygon or MultiPolygon in longitude/latitude.
    public let geometry: Geometry
    /// Other spellings the layer gives (its other `name_…` fields, such as the LSB/DHIS2
    /// `name_lsb`), for finding the unit by a name typed on a command line.
    public let otherNames: [String]
}
