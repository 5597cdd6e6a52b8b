import Foundation
import GeoIO
import GeometryKit

/// A CSV point layer converted to the shipped schema (GeoData/README.md) by
/// ``CSVLayerReader/importLayer(path:kind:mapping:sourceCRS:delimiter:source:)``, ready to write
/// with ``GeoJSONWriter``.
public struct CSVLayerImport: Sendable {
    /// The CSV file, as named to the import.
    public let file: String
    /// `.villages` or `.facilities`.
    public let kind: LayerKind
    /// One feature per row, in file order, with the schema's properties in the schema's order.
    public let features: [GeoJSONWriter.Feature]
    /// The column the longitude (or easting) was read from.
    public let longitudeColumn: String
    /// The column the latitude (or northing) was read from.
    public let latitudeColumn: String
    /// The CRS the coordinates were transformed from, nil for WGS 84 lon/lat.
    public let sourceCRS: String?
    /// Schema fields for which the table has no column: they are written as null.
    public let fieldsWithoutColumn: [String]
    /// Columns of the table that are not part of the schema and were left out.
    public let unusedColumns: [String]
    /// Problems that do not stop the import (a missing name, a subtype on a health centre, …).
    public let warnings: [Finding]
}

extension CSVLayerReader {
    /// Reads the CSV table at `path` as a villages or facilities layer and converts every row to
    /// the shipped schema, checking what can be checked without the other layers: identifiers
    /// present and unique; population and the other counts whole numbers ≥ 0 (population
    /// required for villages); tiers, subtypes and services known (with the closest known name
    /// as a suggestion); coordinates present, numeric and within longitude/latitude range.
    ///
    /// - Parameters:
    ///   - kind: `.villages` or `.facilities`.
    ///   - mapping: which column plays each role (defaults: the schema's own field names).
    ///   - sourceCRS: the CRS of the coordinates when not WGS 84 (e.g. "EPSG:32648").
    ///   - delimiter: the field separator.
    ///   - source: the facilities' `source` where the table has no such column (default: the
    ///     file's name without extension).
    /// - Returns: the converted layer with its warnings.
    /// - Throws: ``InputError`` when the file cannot be read as a CSV table or the kind is not a
    ///   point layer; ``ValidationFailure`` listing every error of every row (nothing is
    ///   converted when there is one).
    public static func importLayer(
        path: String, kind: LayerKind, mapping: FieldMapping, sourceCRS: String?,
        delimiter: CSVDelimiter = .comma, source: String? = nil
    ) throws -> CSVLayerImport {
        guard kind == .villages || kind == .facilities else {
            throw InputError(file: path, reason: "a CSV table can be imported as villages or facilities, not as \(kind.rawValue)")
        }
        let table = try CSVTable.read(path: path, delimiter: delimiter)
        let records = try records(table, mapping: mapping, sourceCRS: sourceCRS)
        let coordinates = try coordinateColumns(of: table, mapping: mapping)

        // Which column fills each schema field.
        var report = ValidationReport()
        var columnOf: [String: String] = [:]
        var fieldsWithoutColumn: [String] = []
        for (field, role) in LayerSchema.fields(of: kind) {
            let wanted = role.map { mapping.field($0) } ?? field
            if let index = table.columnIndex(wanted) {
                columnOf[field] = table.header[index]
            } else if role == nil || role == .source || role == .carePackages {
                continue  // optional: provenance, the source (a default is written) and the packages (the tier's)
            } else if let role, mapping.fieldNames[role] != nil {
                report.error(
                    "missing_column",
                    InputError(
                        file: path, location: .line(1), field: wanted,
                        reason: "no column named \"\(wanted)\" for \(field); the header has: \(table.header.joined(separator: ", "))",
                        suggestion: ClosestName.suggestion(for: wanted, among: table.header).map { "did you mean \($0)?" }))
            } else if role == .id || (kind == .villages && role == .population) || (kind == .facilities && role == .tier) {
                report.error(
                    "missing_column",
                    InputError(
                        file: path, location: .line(1), field: field,
                        reason: "no column for \(field); the header has: \(table.header.joined(separator: ", "))",
                        suggestion: "name the column with --map \(role?.rawValue ?? field)=COLUMN"))
            } else {
                fieldsWithoutColumn.append(field)
            }
        }
        if report.hasErrors { throw ValidationFailure(report: report) }

        let defaultSource = source ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        // The same checks as a layer load, so that what imports also loads.
        DuplicateIdentifiers.check(records, mapping: mapping, into: &report)
        let features: [GeoJSONWriter.Feature]
        switch kind {
        case .villages:
            let drafts = VillageLoader.load(records, mapping: mapping, into: &report)
            features = try drafts.map(villageFeature)
        default:
            let drafts = FacilityLoader.load(records, mapping: mapping, into: &report)
            features = try drafts.map { try facilityFeature($0, defaultSource: defaultSource, columnOf: columnOf, into: &report) }
        }
        if report.hasErrors { throw ValidationFailure(report: report.sortedByLocation()) }

        let used = Set(columnOf.values).union([table.header[coordinates.longitude], table.header[coordinates.latitude]])
        return CSVLayerImport(
            file: path, kind: kind, features: features,
            longitudeColumn: table.header[coordinates.longitude], latitudeColumn: table.header[coordinates.latitude],
            sourceCRS: sourceCRS.flatMap(CRSName.normalized), fieldsWithoutColumn: fieldsWithoutColumn,
            unusedColumns: table.header.filter { !used.contains($0) }, warnings: report.warnings)
    }

    private static func villageFeature(_ draft: VillageLoader.Draft) throws -> GeoJSONWriter.Feature {
        let figures = draft.figures
        return GeoJSONWriter.Feature(
            properties: JSONObject([
                ("village_code", .string(draft.code)), ("name", .text(draft.name)), ("district_pcode", .text(draft.statedDistrict)),
                ("province_pcode", .text(provincePcode(draft.statedProvince, district: draft.statedDistrict))),
                ("population", .count(figures.population)), ("under5", .count(figures.under5)), ("births_live", .count(figures.birthsLive)),
                ("women_15_49", .count(figures.women15to49)), ("population_year", .count(draft.populationYear)),
                ("population_estimated", draft.estimated.map(JSONValue.bool) ?? .null),
            ]), geometry: .point(draft.location))
    }

    private static func facilityFeature(
        _ draft: FacilityLoader.Draft, defaultSource: String, columnOf: [String: String],
        into report: inout ValidationReport
    ) throws -> GeoJSONWriter.Feature {
        // The schema fields no loader reads (names, where a facility comes from), copied when the table has them.
        var provenance: [String: JSONValue] = [:]
        do {
            for (field, role) in LayerSchema.fields(of: .facilities) where role == nil {
                guard let column = columnOf[field] else { continue }
                let isCount = field == "osm_row" || field == "geonames_id"
                provenance[field] = isCount ? .count(try draft.record.integer(column)) : .text(try draft.record.text(column))
            }
        } catch let error as InputError {
            report.error("invalid_field", recordId: draft.id, error)
        }
        let record = LayerSchema.FacilityRecord(
            id: draft.id, name: draft.name, tier: draft.tier, subtype: draft.subtype, services: draft.services,
            carePackages: draft.carePackages, capacity: draft.capacity, districtPcode: draft.statedDistrict,
            provincePcode: provincePcode(draft.statedProvince, district: draft.statedDistrict), source: draft.source ?? defaultSource,
            provenance: provenance)
        return GeoJSONWriter.Feature(properties: JSONObject(LayerSchema.properties(record)), geometry: .point(draft.location))
    }

    /// The stated province, else the one a district P-code of the form LAppdd names.
    private static func provincePcode(_ stated: String?, district: String?) -> String? {
        if let stated { return stated }
        guard let district, district.count == 6, district.hasPrefix("LA"), district.dropFirst(2).allSatisfy(\.isNumber) else { return nil }
        return String(district.prefix(4))
    }
}
