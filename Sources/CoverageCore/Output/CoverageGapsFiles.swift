import Foundation
import GeoIO

/// The files of a coverage-gaps run, written into one folder:
///
/// - `gaps.csv`: ``CoverageGaps/tableRows()``, one row per zone × target × threshold;
/// - `zones_districts.geojson`, `zones_provinces.geojson`: ``CoverageGaps/zoneFeatures(level:layers:)``;
/// - `uncovered_villages.geojson`: ``CoverageGaps/uncoveredVillageFeatures(facilities:)``;
/// - `gap_areas.geojson`: ``GapAreas/features()``.
///
/// Every file's bytes are made before the first is written, and each file is written atomically
/// (``AtomicFile``): an error leaves no half-written file, and no file at all when it comes from
/// the data rather than the disk.
public enum CoverageGapsFiles {
    /// The long table.
    public static let tableFile = "gaps.csv"
    /// District polygons with their figures.
    public static let districtZonesFile = "zones_districts.geojson"
    /// Province polygons with their figures.
    public static let provinceZonesFile = "zones_provinces.geojson"
    /// The villages uncovered for some target.
    public static let uncoveredVillagesFile = "uncovered_villages.geojson"
    /// The areas beyond each threshold.
    public static let gapAreasFile = "gap_areas.geojson"

    /// Every file name, in the order written.
    public static let names = [tableFile, districtZonesFile, provinceZonesFile, uncoveredVillagesFile, gapAreasFile]

    /// Writes the files into `folder` (which must exist) and returns their names.
    /// - Throws: ``NonFiniteNumberError`` or ``GeometryError`` when a value cannot be written (no
    ///   file is written then); ``OutputError`` when a file cannot be.
    @discardableResult
    public static func write(gaps: CoverageGaps, gapAreas: GapAreas, layers: LayerSet, to folder: URL) throws -> [String] {
        let contents: [(String, [UInt8])] = [
            (tableFile, Array(CSVWriter.text(rows: gaps.tableRows()).utf8)),
            (districtZonesFile, try GeoJSONWriter.featureCollection(gaps.zoneFeatures(level: .district, layers: layers))),
            (provinceZonesFile, try GeoJSONWriter.featureCollection(gaps.zoneFeatures(level: .province, layers: layers))),
            (uncoveredVillagesFile, try GeoJSONWriter.featureCollection(gaps.uncoveredVillageFeatures(facilities: layers.facilities))),
            (gapAreasFile, try GeoJSONWriter.featureCollection(gapAreas.features())),
        ]
        for (name, bytes) in contents { try AtomicFile.write(bytes, to: folder.appendingPathComponent(name).path) }
        return contents.map(\.0)
    }
}
