import GeoIO
import GeometryKit

/// The geometry checks every loader applies to a record: present, well formed, not empty, of the
/// layer's type, and in longitude/latitude range. Each failure is an error finding.
enum RecordGeometry {
    /// The record's point, or nil after reporting why there is none. A village or facility without
    /// a location is an error, never left out: a village left out drops its people from every
    /// count, and a facility left out changes the coverage of its tier (a central hospital without
    /// a location makes central care 0 % everywhere).
    static func point(of record: LayerRecord, kind: LayerKind, id: String?, into report: inout ValidationReport) -> Coordinate? {
        guard let geometry = present(record, kind: kind, id: id, into: &report) else { return nil }
        let coordinates: [Coordinate]
        switch geometry {
        case .point(let position): coordinates = position.map { [$0] } ?? []
        case .multiPoint(let positions): coordinates = positions
        default:
            report.error(
                "wrong_geometry_type", recordId: id, record.problem("geometry", "expected a Point for a \(kind.noun), found a \(geometry.kind.rawValue)"))
            return nil
        }
        guard coordinates.count == 1, let point = coordinates.first else {
            report.error(
                "wrong_geometry_type", recordId: id,
                record.problem("geometry", "expected one point for a \(kind.noun), found a MultiPoint of \(coordinates.count)"))
            return nil
        }
        guard point.isValidLonLat else {
            report.error("coordinate_out_of_range", recordId: id, outOfRange(point, record))
            return nil
        }
        return point
    }

    /// The record's polygonal geometry (repaired when asked), or nil after reporting why not.
    static func area(of record: LayerRecord, kind: LayerKind, id: String?, repair: Bool, into report: inout ValidationReport) -> Geometry? {
        guard let shape = present(record, kind: kind, id: id, into: &report) else { return nil }
        guard shape.kind.isPolygonal else {
            report.error(
                "wrong_geometry_type", recordId: id,
                record.problem("geometry", "expected a Polygon or MultiPolygon for a \(kind.noun), found a \(shape.kind.rawValue)"))
            return nil
        }
        if let bad = shape.allCoordinates.first(where: { !$0.isValidLonLat }) {
            report.error("coordinate_out_of_range", recordId: id, outOfRange(bad, record))
            return nil
        }
        do {
            let geometry = try Geometry(shape)
            let validity = try geometry.validity()
            if validity.isValid { return geometry }
            let place = validity.location.map { " at \($0.x) \($0.y)" } ?? ""
            let reason = "invalid polygon: \(validity.reason ?? "invalid")\(place)"
            guard repair else {
                report.error("invalid_polygon", recordId: id, record.problem("geometry", reason, suggestion: "--repair applies GEOS make-valid"))
                return nil
            }
            let repaired = try geometry.makeValid()
            let polygons = try Geometry.multiPolygon(repaired.polygons)
            let before = try Geodesic.wgs84.areaPerimeter(of: geometry).areaSquareMeters / 1e6
            let after = try Geodesic.wgs84.areaPerimeter(of: polygons).areaSquareMeters / 1e6
            report.warning(
                "repaired_polygon", recordId: id,
                record.problem(
                    "geometry",
                    "\(reason); repaired with make-valid into \(polygons.polygons.count) polygon(s), area \(String(format: "%.3f", before)) → \(String(format: "%.3f", after)) km²"
                ))
            return polygons
        } catch {
            report.error("invalid_polygon", recordId: id, record.problem("geometry", "GEOS could not check the polygon: \(error)"))
            return nil
        }
    }

    private static func present(_ record: LayerRecord, kind: LayerKind, id: String?, into report: inout ValidationReport) -> Shape? {
        // A problem that names no field is an absence (a CSV row with blank coordinates, a DHIS2
        // unit without coordinates), like a null geometry.
        if let problem = record.geometryProblem {
            report.error(problem.field == nil ? "missing_geometry" : "malformed_geometry", recordId: id, problem)
            return nil
        }
        guard let geometry = record.geometry else {
            report.error("missing_geometry", recordId: id, record.problem("geometry", "a \(kind.noun) needs a geometry, found none"))
            return nil
        }
        guard !geometry.isEmpty else {
            report.error("empty_geometry", recordId: id, record.problem("geometry", "the geometry is empty"))
            return nil
        }
        return geometry
    }

    /// The error for a coordinate outside longitude/latitude range, with a hint when the values
    /// look projected or swapped.
    private static func outOfRange(_ point: Coordinate, _ record: LayerRecord) -> InputError {
        var suggestion: String?
        if abs(point.x) > 1000 || abs(point.y) > 1000 {
            suggestion = "the values look projected (metres); pass the layer's CRS, e.g. EPSG:32648 for UTM zone 48N"
        } else if abs(point.y) > 90 && abs(point.x) <= 90 {
            suggestion = "longitude and latitude look swapped"
        }
        return record.problem(
            "geometry",
            "(\(JSONValue.number(point.x).brief), \(JSONValue.number(point.y).brief)) is not a longitude/latitude (longitude within ±180°, latitude within ±90°)",
            suggestion: suggestion)
    }
}
