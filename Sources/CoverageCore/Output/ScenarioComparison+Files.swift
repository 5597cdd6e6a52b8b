import Foundation

extension ScenarioComparison {
    public static let tableFile = "comparison.csv"
    public static let districtsFile = "comparison_districts.geojson"
    public static let villagesFile = "changed_villages.geojson"
    public static let mapFile = "comparison_map.svg"

    /// The files: the table, the district and village layers, and the map.
    /// - Throws: ``NonFiniteNumberError`` when a value cannot be written; ``GeometryError`` when
    ///   the map cannot be drawn.
    public func files() throws -> [OutputFile] {
        [
            .csv(Self.tableFile, rows: tableRows()),
            try .geoJSON(Self.districtsFile, districtFeatures()),
            try .geoJSON(Self.villagesFile, villageFeatures()),
            OutputFile(name: Self.mapFile, bytes: Array(try ComparisonMap(self).svg().utf8)),
        ]
    }
}
