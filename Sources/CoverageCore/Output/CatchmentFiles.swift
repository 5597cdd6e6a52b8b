import Foundation
import GeoIO
import GeometryKit

/// The files of a catchments run, written into one folder:
///
/// - `catchments_<target>.geojson`: a feature per facility providing the target, its catchment
///   polygon as geometry (null for a facility serving no village) and ``Catchments/rows(facilities:polygons:)``
///   as properties;
/// - `catchments_<target>.csv`: the same rows without geometry.
///
/// Both files' bytes are made before the first is written, and each is written atomically
/// (``AtomicFile``): an error leaves no half-written file.
public enum CatchmentFiles {
    /// The file names for `target`, GeoJSON first.
    public static func names(for target: CareTarget) -> [String] {
        ["catchments_\(target.name).geojson", "catchments_\(target.name).csv"]
    }

    /// Writes the files into `folder` (which must exist) and returns their names.
    /// - Throws: ``NonFiniteNumberError`` or ``GeometryError`` when a value cannot be written (no
    ///   file is written then); ``OutputError`` when a file cannot be.
    @discardableResult
    public static func write(catchments: Catchments, polygons: CatchmentPolygons, facilities: [Facility],
                             to folder: URL) throws -> [String] {
        let rows = catchments.rows(facilities: facilities, polygons: polygons)
        let names = names(for: catchments.target)
        // A fixed header, so that a target no facility provides still gives a readable table.
        let header = ["facility_id", "facility_name", "tier", "district_pcode", "province_pcode",
                      catchments.demand == .villages ? "villages" : "facilities"]
            + TargetGroup.allCases.map(\.rawValue) + ["area_km2"]
        let contents: [(String, [UInt8])] = [
            (names[0], try GeoJSONWriter.featureCollection(rows.map { GeoJSONWriter.Feature(properties: $0.properties, geometry: $0.geometry?.shape) })),
            (names[1], Array(CSVWriter.text(header: header, rows: rows.map { row in header.map { CSVWriter.cell(row.properties[$0]) } }).utf8)),
        ]
        for (name, bytes) in contents { try AtomicFile.write(bytes, to: folder.appendingPathComponent(name).path) }
        return names
    }
}
