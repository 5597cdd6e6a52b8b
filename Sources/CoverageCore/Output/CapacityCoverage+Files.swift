import Foundation
import GeoIO
import GeometryKit

/// The files of a capacity-limited coverage run, one or more analyses (target × threshold) of
/// one region, written into one folder:
///
/// - `capacity_zones.csv`: per analysis and zone, population within reach, served within
///   capacity and unserved (beyond reach, or within reach of full facilities), and the zone's
///   facilities, their capacity and how many are full;
/// - `capacity_facilities.csv` and `.geojson`: per analysis, each of the region's facilities
///   with its capacity (and where it comes from), population served and residual capacity;
/// - `capacity_unserved_villages.geojson`: the region's villages with people unserved in some
///   analysis, with per analysis the people served and unserved.
extension CapacityCoverage {
    public static let zonesFile = "capacity_zones.csv"
    public static let facilitiesTable = "capacity_facilities.csv"
    public static let facilitiesLayer = "capacity_facilities.geojson"
    public static let unservedVillagesFile = "capacity_unserved_villages.geojson"

    /// The files for `analyses` (all of one region).
    /// - Throws: ``NonFiniteNumberError`` when a value cannot be written.
    public static func files(_ analyses: [CapacityCoverage], layers: LayerSet) throws -> [OutputFile] {
        let facilities = facilityRows(analyses, layers: layers)
        return [
            .csv(zonesFile, rows: zoneRows(analyses)),
            .csv(facilitiesTable, points: facilities),
            try .points(facilitiesLayer, facilities),
            try .geoJSON(unservedVillagesFile, unservedVillageFeatures(analyses)),
        ]
    }
}
