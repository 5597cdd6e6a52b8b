import Foundation
import GeoIO

/// The files of a coverage-gaps run, written into one folder:
///
/// - `gaps.csv`: ``CoverageGaps/tableRows()``, one row per zone × target × threshold;
/// - `zones_districts.geojson`, `zones_provinces.geojson`: ``CoverageGaps/zoneFeatures(level:layers:)``;
/// - `uncovered_villages.geojson`: ``CoverageGaps/uncoveredVillageFeatures(facilities:)``, and
///   `uncovered_villages.csv`, the same properties with `lon` and `lat`;
/// - `gap_areas.geojson`: ``GapAreas/features()``.
///
/// Every file's bytes but those of the uncovered villages (a row per village, made as it is
/// written) are made before the first is written, and each file is written atomically
/// (``AtomicFile``): an error leaves no half-written file.
extension CoverageGaps {
    /// The long table.
    public static let tableFile = "gaps.csv"
    /// District polygons with their figures.
    public static let districtZonesFile = "zones_districts.geojson"
    /// Province polygons with their figures.
    public static let provinceZonesFile = "zones_provinces.geojson"
    /// The villages uncovered for some target.
    public static let uncoveredVillagesFile = "uncovered_villages.geojson"
    /// The same villages as a table, for a spreadsheet.
    public static let uncoveredVillagesTable = "uncovered_villages.csv"
    /// The areas beyond each threshold.
    public static let gapAreasFile = "gap_areas.geojson"

    /// Every file name, in the order written.
    public static let fileNames = [tableFile, districtZonesFile, provinceZonesFile, uncoveredVillagesFile, uncoveredVillagesTable, gapAreasFile]

    /// The files, in the order of ``fileNames``.
    /// - Throws: ``NonFiniteNumberError`` when a value cannot be written.
    public func files(gapAreas: GapAreas, layers: LayerSet) throws -> [OutputFile] {
        try tableFiles(layers: layers) + [try .geoJSON(Self.gapAreasFile, gapAreas.features())]
    }

    /// The files of the tables and of the zone and village layers: every file of ``files(gapAreas:layers:)``
    /// but the gap areas (the web page's exports, the same bytes as the command's).
    public func tableFiles(layers: LayerSet) throws -> [OutputFile] {
        // Both files of the uncovered villages make each row from the same columns, found once.
        let uncovered = UncoveredVillageRows(self, facilities: layers.facilities)
        return [
            .csv(Self.tableFile, rows: tableRows()),
            try .geoJSON(Self.districtZonesFile, zoneFeatures(level: .district, layers: layers)),
            try .geoJSON(Self.provinceZonesFile, zoneFeatures(level: .province, layers: layers)),
            OutputFile(name: Self.uncoveredVillagesFile) { sink in
                try GeoJSONWriter.featureCollection(count: uncovered.positions.count, to: &sink) { uncovered.feature(at: $0) }
            },
            OutputFile(name: Self.uncoveredVillagesTable, isCSV: true) { [self] sink in
                CSVWriter.table(header: uncoveredVillageColumns() + ["lon", "lat"], count: uncovered.positions.count, to: &sink) { index in
                    uncovered.feature(at: index).properties.located(at: assignment.points[uncovered.positions[index]].location)
                }
            },
        ]
    }
}
