import GeoIO
import GeometryKit

/// Turns facility records into ``Facility`` drafts, reporting every problem: unknown tiers and
/// services are errors that name the closest known value.
enum FacilityLoader {
    /// A facility as read, before its codes are resolved against the admin layers.
    struct Draft {
        let record: LayerRecord
        let id: String
        /// The name as given, nil when blank.
        let name: String?
        let tier: FacilityTier
        let subtype: DistrictHospitalSubtype?
        /// The services listed, nil when the layer lists none (the tier's defaults then apply).
        let services: [HealthService]?
        /// The care packages listed, nil for the tier's.
        let carePackages: [FacilityTier]?
        let capacity: Int?
        let statedDistrict: String?
        let statedProvince: String?
        let location: Coordinate
        let source: String?
        /// The schema's fields without a role, as the record gives them (absent ones left out).
        let provenance: [String: JSONValue]
    }

    /// The facility schema's fields no loader reads: where a record comes from.
    private static let provenanceFields = LayerSchema.fields(of: .facilities).filter { $0.role == nil }.map(\.name)

    /// A facility without a location is an error (see ``RecordGeometry/point(of:kind:id:into:)``):
    /// `coverage import dhis2` is the way to leave out a registry's units without coordinates,
    /// listing them.
    static func load(_ records: [LayerRecord], mapping: FieldMapping, into report: inout ValidationReport) -> [Draft] {
        var drafts: [Draft] = []
        for record in records {
            var fields = RecordFields(record, mapping)
            guard let id = fields.identifier(into: &report) else { continue }
            let name = fields.text(.name, into: &report)
            let tierText = fields.requiredText(
                .tier, "a facility needs a tier (\(FacilityTier.allCases.map(\.rawValue).joined(separator: ", ")))", into: &report)
            let tier = tierText.flatMap { readTier($0, mapping: mapping, fields: &fields, into: &report) }
            let subtype = fields.text(.subtype, into: &report).flatMap { readSubtype($0, fields: &fields, into: &report) }
            let services = fields.optionalTextList(.services, into: &report)?.compactMap { readService($0, fields: &fields, into: &report) }
            let packages = fields.optionalTextList(.carePackages, into: &report)?.compactMap {
                readPackage($0, mapping: mapping, fields: &fields, into: &report)
            }
            let capacity = fields.count(.capacity, into: &report)
            let district = fields.text(.district, into: &report)
            let province = fields.text(.province, into: &report)
            let source = fields.text(.source, into: &report)
            let location = RecordGeometry.point(of: record, kind: .facilities, id: id, into: &report)
            guard !fields.failed, let tier, let location else { continue }
            if name == nil {
                report.warning("missing_name", recordId: id, record.problem(mapping.field(.name), "no name"))
            }
            if subtype != nil && tier != .districtHospital {
                report.warning(
                    "subtype_ignored", recordId: id,
                    record.problem(mapping.field(.subtype), "a subtype (A/B) applies to district hospitals only; this is a \(tier.label), so it is dropped"))
            }
            drafts.append(
                Draft(
                    record: record, id: id, name: name, tier: tier, subtype: tier == .districtHospital ? subtype : nil,
                    services: services.map { Array(Set($0)).sorted() }, carePackages: packages, capacity: capacity,
                    statedDistrict: district, statedProvince: province, location: location, source: source,
                    provenance: Dictionary(uniqueKeysWithValues: Self.provenanceFields.compactMap { field in record.fields[field].map { (field, $0) } })))
        }
        return drafts
    }

    /// A tier from the mapping's vocabulary, or from a tier name written loosely
    /// ("Health Centre", "district-hospital").
    private static func readTier(
        _ text: String, mapping: FieldMapping, fields: inout RecordFields,
        into report: inout ValidationReport
    ) -> FacilityTier? {
        if let mapped = mapping.tierValues[text] { return mapped }
        let normalized = text.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        if let tier = FacilityTier(rawValue: normalized) { return tier }
        if normalized == "health_center" { return .healthCentre }
        let known = FacilityTier.allCases.map(\.rawValue) + mapping.tierValues.keys.sorted()
        fields.fail(
            "unknown_tier", mapping.field(.tier), "unknown tier \"\(text)\" (expected \(known.joined(separator: ", ")))",
            suggestion: ClosestName.suggestion(for: normalized, among: known).map { "did you mean \($0)?" }, into: &report)
        return nil
    }

    /// A care package: a tier name, as tiers are read.
    private static func readPackage(
        _ text: String, mapping: FieldMapping, fields: inout RecordFields, into report: inout ValidationReport
    ) -> FacilityTier? {
        let normalized = text.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        if let tier = FacilityTier(rawValue: normalized) { return tier }
        let known = FacilityTier.allCases.map(\.rawValue)
        fields.fail(
            "unknown_care_package", mapping.field(.carePackages), "unknown care package \"\(text)\" (expected a tier: \(known.joined(separator: ", ")))",
            suggestion: ClosestName.suggestion(for: normalized, among: known).map { "did you mean \($0)?" }, into: &report)
        return nil
    }

    private static func readSubtype(_ text: String, fields: inout RecordFields, into report: inout ValidationReport) -> DistrictHospitalSubtype? {
        if let subtype = DistrictHospitalSubtype(rawValue: text.uppercased()) { return subtype }
        fields.fail("unknown_subtype", fields.mapping.field(.subtype), "unknown district hospital subtype \"\(text)\" (expected A or B)", into: &report)
        return nil
    }

    private static func readService(_ text: String, fields: inout RecordFields, into report: inout ValidationReport) -> HealthService? {
        let normalized = text.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        let service = HealthService(rawValue: normalized)
        if HealthService.known.contains(service) { return service }
        let known = HealthService.known.map(\.rawValue)
        fields.fail(
            "unknown_service", fields.mapping.field(.services), "unknown service \"\(text)\" (expected \(known.joined(separator: ", ")))",
            suggestion: ClosestName.suggestion(for: normalized, among: known).map { "did you mean \($0)?" }, into: &report)
        return nil
    }
}
