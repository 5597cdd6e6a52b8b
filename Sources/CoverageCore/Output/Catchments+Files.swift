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
extension Catchments {
    /// The file names for `target`, GeoJSON first.
    public static func fileNames(for target: CareTarget) -> [String] {
        ["catchments_\(target.name).geojson", "catchments_\(target.name).csv"]
    }

    /// The files: a layer of the catchment polygons and the same rows as a table.
    /// - Throws: ``NonFiniteNumberError`` when a value cannot be written.
    public func files(polygons: CatchmentPolygons, facilities: [Facility]) throws -> [OutputFile] {
        let rows = rows(facilities: facilities, polygons: polygons)
        let names = Self.fileNames(for: target)
        // A fixed header, so that a target no facility provides still gives a readable table.
        let header =
            [
                "facility_id", "facility_name", "tier", "district_pcode", "province_pcode",
                demand == .villages ? "villages" : "facilities",
            ]
            + TargetGroup.allCases.map(\.rawValue) + ["area_km2"]
        return [
            try .geoJSON(names[0], rows.map { GeoJSONWriter.Feature(properties: $0.properties, geometry: $0.geometry?.shape) }),
            .csv(names[1], header: header, rows: rows.map(\.properties)),
        ]
    }
}
