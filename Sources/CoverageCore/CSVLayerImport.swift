import Foundation
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
    /// The schema fields of each point layer, in the shipped order, with the role that fills each.
    static func schema(for kind: LayerKind) -> [(field: String, role: FieldRole?)] {
        switch kind {
        case .villages:
            [("village_code", .id), ("name", .name), ("district_pcode", .district), ("province_pcode", .province),
             ("population", .population), ("under5", .under5), ("births_live", .birthsLive), ("women_15_49", .women15to49),
             ("population_year", .populationYear), ("population_estimated", .populationEstimated)]
        case .facilities:
            [("facility_id", .id), ("name", .name), ("tier", .tier), ("subtype", .subtype), ("services", .services),
             ("capacity", .capacity), ("district_pcode", .district), ("province_pcode", .province), ("source", .source),
             ("proxy_rule", nil), ("geonames_id", nil), ("village_code", nil)]
        case .provinces, .districts:
            []
        }
    }

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
    public static func importLayer(path: String, kind: LayerKind, mapping: FieldMapping, sourceCRS: String?,
                                   delimiter: CSVDelimiter = .comma, source: String? = nil) throws -> CSVLayerImport {
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
        for (field, role) in schema(for: kind) {
            let wanted = role.map { mapping.field($0) } ?? field
            if let index = table.columnIndex(wanted) {
                columnOf[field] = table.header[index]
            } else if field == "proxy_rule" || field == "source" {
                continue
            } else if let role, mapping.fieldNames[role] != nil {
                report.error("missing_column", InputError(file: path, location: .line(1), field: wanted,
                    reason: "no column named \"\(wanted)\" for \(field); the header has: \(table.header.joined(separator: ", "))",
                    suggestion: ClosestName.suggestion(for: wanted, among: table.header).map { "did you mean \($0)?" }))
            } else if role == .id || (kind == .villages && role == .population) || (kind == .facilities && role == .tier) {
                report.error("missing_column", InputError(file: path, location: .line(1), field: field,
                    reason: "no column for \(field); the header has: \(table.header.joined(separator: ", "))",
                    suggestion: "name the column with --map \(role?.rawValue ?? field)=COLUMN"))
            } else {
                fieldsWithoutColumn.append(field)
            }
        }
        if report.hasErrors { throw ValidationFailure(report: report) }

        let defaultSource = source ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var converter = RowConverter(kind: kind, columnOf: columnOf, tierValues: mapping.tierValues, defaultSource: defaultSource)
        var features: [GeoJSONWriter.Feature] = []
        features.reserveCapacity(records.count)
        for record in records {
            if let feature = converter.convert(record, into: &report) { features.append(feature) }
        }
        if report.hasErrors { throw ValidationFailure(report: report) }

        let used = Set(columnOf.values).union([table.header[coordinates.longitude], table.header[coordinates.latitude]])
        return CSVLayerImport(file: path, kind: kind, features: features,
                              longitudeColumn: table.header[coordinates.longitude], latitudeColumn: table.header[coordinates.latitude],
                              sourceCRS: sourceCRS.flatMap(CRSName.normalized), fieldsWithoutColumn: fieldsWithoutColumn,
                              unusedColumns: table.header.filter { !used.contains($0) }, warnings: report.warnings)
    }
}

/// Converts one CSV record to a schema feature, reporting every problem of the record.
private struct RowConverter {
    let kind: LayerKind
    /// Schema field → the table column that fills it.
    let columnOf: [String: String]
    let tierValues: [String: FacilityTier]
    let defaultSource: String
    /// Identifier → line of its first row, for duplicates.
    var firstLineOf: [String: Int] = [:]

    mutating func convert(_ record: LayerRecord, into report: inout ValidationReport) -> GeoJSONWriter.Feature? {
        var row = RowReader(record: record, columnOf: columnOf)
        let idField = kind == .villages ? "village_code" : "facility_id"
        let id = row.text(idField, into: &report)
        if id == nil && row.isBlank(idField) {
            row.fail("missing_id", idField, "every \(kind.noun) needs an identifier", into: &report)
        }
        row.id = id
        if let id, case .line(let line) = record.location {
            if let first = firstLineOf[id] {
                row.fail("duplicate_id", idField, "duplicate \(idField) \"\(id)\" (first on line \(first))", into: &report)
            } else {
                firstLineOf[id] = line
            }
        }
        let name = row.text("name", into: &report)
        if name == nil, columnOf["name"] != nil, row.isBlank("name") {
            report.warning("missing_name", recordId: id, record.problem(columnOf["name"] ?? "name", "no name; it is written as null"))
        }
        let district = row.text("district_pcode", into: &report)
        var province = row.text("province_pcode", into: &report)
        if province == nil, let district, district.count == 6, district.hasPrefix("LA"), district.dropFirst(2).allSatisfy(\.isNumber) {
            province = String(district.prefix(4))
        }
        var properties: [(key: String, value: JSONValue)] = []
        switch kind {
        case .villages:
            let population = row.count("population", into: &report)
            if population == nil && row.isBlank("population") {
                row.fail("missing_population", "population", "a village needs a population (a whole number ≥ 0)", into: &report)
            }
            let under5 = row.count("under5", into: &report)
            let births = row.count("births_live", into: &report)
            let women = row.count("women_15_49", into: &report)
            let year = row.integer("population_year", into: &report)
            let estimated = row.boolean("population_estimated", into: &report)
            properties = [("village_code", .text(id)), ("name", .text(name)), ("district_pcode", .text(district)),
                          ("province_pcode", .text(province)), ("population", .count(population)), ("under5", .count(under5)),
                          ("births_live", .count(births)), ("women_15_49", .count(women)), ("population_year", .count(year)),
                          ("population_estimated", estimated.map(JSONValue.bool) ?? .null)]
        case .facilities:
            var tier: FacilityTier?
            if let text = row.text("tier", into: &report) {
                tier = readTier(text, row: &row, into: &report)
            } else if row.isBlank("tier") {
                row.fail("missing_tier", "tier", "a facility needs a tier (\(FacilityTier.allCases.map(\.rawValue).joined(separator: ", ")))", into: &report)
            }
            var subtype: DistrictHospitalSubtype?
            if let text = row.text("subtype", into: &report) {
                if let value = DistrictHospitalSubtype(rawValue: text.uppercased()) {
                    if let tier, tier != .districtHospital {
                        report.warning("subtype_ignored", recordId: id, record.problem(columnOf["subtype"],
                            "a subtype (A/B) applies to district hospitals only; this is a \(tier.label), so it is written as null"))
                    } else {
                        subtype = value
                    }
                } else {
                    row.fail("unknown_subtype", "subtype", "unknown district hospital subtype \"\(text)\" (expected A or B)", into: &report)
                }
            }
            var services: [HealthService] = []
            for text in row.textList("services", into: &report) {
                let normalized = text.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
                let service = HealthService(rawValue: normalized)
                if HealthService.known.contains(service) {
                    if !services.contains(service) { services.append(service) }
                } else {
                    let known = HealthService.known.map(\.rawValue)
                    row.fail("unknown_service", "services", "unknown service \"\(text)\" (expected \(known.joined(separator: ", ")))",
                             suggestion: ClosestName.suggestion(for: normalized, among: known).map { "did you mean \($0)?" }, into: &report)
                }
            }
            let capacity = row.count("capacity", into: &report)
            let source = row.text("source", into: &report) ?? defaultSource
            let geonamesId = row.integer("geonames_id", into: &report)
            let villageCode = row.text("village_code", into: &report)
            properties = [("facility_id", .text(id)), ("name", .text(name)), ("tier", .text(tier?.rawValue)),
                          ("subtype", .text(subtype?.rawValue)), ("services", .array(services.sorted().map { .string($0.rawValue) })),
                          ("capacity", .count(capacity)), ("district_pcode", .text(district)), ("province_pcode", .text(province)),
                          ("source", .string(source)), ("proxy_rule", .null), ("geonames_id", .count(geonamesId)),
                          ("village_code", .text(villageCode))]
        case .provinces, .districts:
            return nil
        }
        let point = self.point(record, id: id, into: &report)
        guard !row.failed, let point else { return nil }
        return GeoJSONWriter.Feature(properties: JSONObject(properties), geometry: point)
    }

    /// A tier from the mapping's vocabulary or a tier name written loosely ("Health Centre").
    private func readTier(_ text: String, row: inout RowReader, into report: inout ValidationReport) -> FacilityTier? {
        if let mapped = tierValues[text] { return mapped }
        let normalized = text.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        if let tier = FacilityTier(rawValue: normalized) { return tier }
        if normalized == "health_center" { return .healthCentre }
        let known = FacilityTier.allCases.map(\.rawValue) + tierValues.keys.sorted()
        row.fail("unknown_tier", "tier", "unknown tier \"\(text)\" (expected \(known.joined(separator: ", ")))",
                 suggestion: ClosestName.suggestion(for: normalized, among: known).map { "did you mean \($0)?" }, into: &report)
        return nil
    }

    /// The record's point in longitude/latitude range, or nil after reporting why there is none.
    private func point(_ record: LayerRecord, id: String?, into report: inout ValidationReport) -> Geometry? {
        if let problem = record.geometryProblem {
            report.error(problem.reason.hasPrefix("no coordinates") ? "missing_coordinates" : "malformed_coordinates", recordId: id, problem)
            return nil
        }
        guard let geometry = record.geometry, let point = geometry.coordinates.first else {
            report.error("missing_coordinates", recordId: id, record.problem(nil, "no coordinates"))
            return nil
        }
        guard point.isValidLonLat else {
            var suggestion: String?
            if abs(point.x) > 1000 || abs(point.y) > 1000 {
                suggestion = "the values look projected (metres); pass the CRS, e.g. --crs EPSG:32648 for UTM zone 48N"
            } else if abs(point.y) > 90 && abs(point.x) <= 90 {
                suggestion = "longitude and latitude look swapped; swap the columns with --lon-column and --lat-column"
            }
            report.error("coordinate_out_of_range", recordId: id, record.problem(nil,
                "(\(JSONValue.number(point.x).brief), \(JSONValue.number(point.y).brief)) is not a longitude/latitude (longitude within ±180°, latitude within ±90°)",
                suggestion: suggestion))
            return nil
        }
        return geometry
    }
}

/// Reads the schema fields of one record through their columns, recording each problem.
private struct RowReader {
    let record: LayerRecord
    let columnOf: [String: String]
    var id: String?
    private(set) var failed = false

    init(record: LayerRecord, columnOf: [String: String]) {
        self.record = record
        self.columnOf = columnOf
    }

    /// True when the field's column is absent from the table or blank in this row.
    func isBlank(_ field: String) -> Bool {
        columnOf[field].map { record.isBlank($0) } ?? true
    }

    mutating func text(_ field: String, into report: inout ValidationReport) -> String? {
        read(field, into: &report) { try $0.text($1) }
    }

    mutating func textList(_ field: String, into report: inout ValidationReport) -> [String] {
        read(field, into: &report) { try $0.textList($1) } ?? []
    }

    mutating func integer(_ field: String, into report: inout ValidationReport) -> Int? {
        read(field, into: &report) { try $0.integer($1) }
    }

    mutating func boolean(_ field: String, into report: inout ValidationReport) -> Bool? {
        read(field, into: &report) { try $0.boolean($1) }
    }

    /// A count of persons: a whole number ≥ 0.
    mutating func count(_ field: String, into report: inout ValidationReport) -> Int? {
        guard let value = integer(field, into: &report) else { return nil }
        guard value >= 0 else {
            fail("negative_\(field)", field, "expected a whole number ≥ 0, found \(value)", into: &report)
            return nil
        }
        return value
    }

    mutating func fail(_ code: String, _ field: String, _ reason: String, suggestion: String? = nil, into report: inout ValidationReport) {
        failed = true
        report.error(code, recordId: id, record.problem(columnOf[field] ?? field, reason, suggestion: suggestion))
    }

    private mutating func read<T>(_ field: String, into report: inout ValidationReport, _ body: (LayerRecord, String) throws -> T?) -> T? {
        guard let column = columnOf[field] else { return nil }
        do {
            return try body(record, column)
        } catch let error as InputError {
            failed = true
            report.error("invalid_\(field)", recordId: id, error)
            return nil
        } catch {
            failed = true
            report.error("invalid_\(field)", recordId: id, record.problem(column, "\(error)"))
            return nil
        }
    }
}

private extension JSONValue {
    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func count(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
}
