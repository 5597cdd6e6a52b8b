import Foundation
import GeoIO
import GeometryKit

extension CoverageAssignment {
    /// The name of the assignment's files without extension: `villages_assigned` or `facilities_assigned`.
    public var fileStem: String { "\(demand.rawValue)_assigned" }

    /// The layer of the assigned points (`<demand>_assigned.geojson`), rows as ``rows(facilities:)``.
    /// Each row is made as it is written (see ``OutputFile/init(name:isCSV:streaming:)``).
    public func layerFile(facilities: [Facility]) -> OutputFile {
        OutputFile(name: fileStem + ".geojson") { [self] sink in
            let columns = RowColumns(self, facilities: facilities)
            try GeoJSONWriter.featureCollection(count: points.count, to: &sink) {
                GeoJSONWriter.Feature(properties: columns.properties(at: $0), geometry: .point(points[$0].location))
            }
        }
    }

    /// The same rows as a table (`<demand>_assigned.csv`), with `lon` and `lat` last.
    public func tableFile(facilities: [Facility]) -> OutputFile {
        OutputFile(name: fileStem + ".csv", isCSV: true) { [self] sink in
            let columns = RowColumns(self, facilities: facilities)
            CSVWriter.table(count: points.count, to: &sink) { columns.properties(at: $0).located(at: points[$0].location) }
        }
    }

    /// Both files, the layer first.
    public func files(facilities: [Facility]) -> [OutputFile] {
        [layerFile(facilities: facilities), tableFile(facilities: facilities)]
    }
}
