import Foundation
import GeoIO
import GeometryKit

extension CoverageAssignment {
    /// The name of the assignment's files without extension: `villages_assigned` or `facilities_assigned`.
    public var fileStem: String { "\(demand.rawValue)_assigned" }

    /// The layer of the assigned points (`<demand>_assigned.geojson`).
    public func layerFile(_ rows: [(properties: JSONObject, location: Coordinate)]) throws -> OutputFile {
        try .points(fileStem + ".geojson", rows)
    }

    /// The same rows as a table (`<demand>_assigned.csv`), with `lon` and `lat` last.
    public func tableFile(_ rows: [(properties: JSONObject, location: Coordinate)]) -> OutputFile {
        .csv(fileStem + ".csv", points: rows)
    }

    /// Both files, the layer first.
    /// - Throws: ``NonFiniteNumberError`` when a value cannot be written.
    public func files(facilities: [Facility]) throws -> [OutputFile] {
        let rows = rows(facilities: facilities)
        return [try layerFile(rows), tableFile(rows)]
    }
}
