import GeoIO

/// The checks made once per layer file, before its records: a field that a mapping names, or
/// that the layer needs, and that no record has (a CSV column the header lacks) is one finding
/// for the file — naming the field, what asked for it and the closest field the file has — not
/// one per record. The caller drops the records' own findings about such a field
/// (``ValidationReport/dropping(_:)``).
enum LayerFields {
    /// The roles every record of a layer needs: without them a record is refused.
    static func required(_ kind: LayerKind) -> [FieldRole] {
        switch kind {
        case .provinces: [.id]
        case .districts: [.id, .province]
        case .villages: [.id, .population]
        case .facilities: [.id, .tier]
        }
    }

    /// Reports each mapped or required field of `kind` that no record of `records` (one file)
    /// has: an error; and the name field when the shipped schema's name is absent: one warning
    /// (each record is then named by its identifier). Returns the fields reported.
    static func checkPresent(
        _ records: [LayerRecord], kind: LayerKind, sources: LayerSources, into report: inout ValidationReport
    ) -> Set<String> {
        guard let first = records.first else { return [] }
        let mapping = sources.mapping(for: kind)
        var present: [String] = []
        var seen = Set<String>()
        for record in records {
            for key in record.fields.keys where seen.insert(key).inserted { present.append(key) }
        }
        // The feature `id` member is a field only as `@id` (``LayerRecord/featureIdField``).
        let hasFeatureIds = records.contains { $0.featureId != nil }
        if hasFeatureIds { seen.insert(LayerRecord.featureIdField) }
        let isCSV = if case .line = first.location { true } else { false }
        let location: InputError.Location = isCSV ? .line(1) : .file
        // Coordinate columns are found (or refused) by the CSV reader; the per-year prefix is not a field.
        let mapped = FieldRole.roles(for: kind).filter {
            mapping.fieldNames[$0] != nil && ![.longitude, .latitude, .populationByYearPrefix].contains($0)
        }
        let roles = mapped + required(kind).filter { !mapped.contains($0) }
        let listed = present.prefix(30).joined(separator: ", ") + (present.count > 30 ? ", …" : "")
        let held = isCSV ? "the header has: \(listed)" : "the \(kind.rawValue) have: \(present.isEmpty ? "no properties" : listed)"
        var absent = Set<String>()
        for role in roles {
            let field = mapping.field(role)
            guard !seen.contains(field) else { continue }
            absent.insert(field)
            let what = isCSV ? "no column named \"\(field)\"" : "no \(kind.noun) has the field \"\(field)\""
            report.error(
                "missing_field",
                InputError(
                    file: first.file, location: location, field: field,
                    reason: "\(what) for the \(kind.rawValue)' \(noun(of: role)), which \(sources.origin(of: role, in: kind)) asks for; \(held)",
                    suggestion: hasFeatureIds && role == .id
                        ? "the features have an id member: --map \(kind.rawValue).id=\(LayerRecord.featureIdField) reads it"
                        : suggestion(field, among: present, kind: kind, role: role)))
        }
        let nameField = mapping.field(.name)
        if mapping.fieldNames[.name] == nil && !seen.contains(nameField) {
            absent.insert(nameField)
            let standIn = kind.isAdministrative ? "its P-code" : "its identifier"
            report.warning(
                "missing_name",
                InputError(
                    file: first.file, location: location, field: nameField,
                    reason: "no \(kind.noun) has a name (field \(nameField)): each is named by \(standIn)",
                    suggestion: suggestion(nameField, among: present, kind: kind, role: .name)))
        }
        return absent
    }

    /// `did you mean pop_2023?` when a field is a plausible typo, else the closest by spelling and
    /// how to map the layer's own field.
    private static func suggestion(_ field: String, among present: [String], kind: LayerKind, role: FieldRole) -> String {
        let map = "--map \(kind.rawValue).\(role.rawValue)=FIELD names the layer's own"
        if let close = ClosestName.suggestion(for: field, among: present) { return "did you mean \(close)? \(map)" }
        guard let nearest = ClosestName.nearest(to: field, among: present, limit: 1).first else { return map }
        return "the closest field name is \(nearest); \(map)"
    }

    /// `population`, `identifier`, `district P-code`: the role as a message names it.
    private static func noun(of role: FieldRole) -> String {
        switch role {
        case .id: "identifier"
        case .district: "district P-code"
        case .province: "province P-code"
        case .nameLO: "Lao name"
        case .longitude: "longitude"
        case .latitude: "latitude"
        default: role.rawValue.replacingOccurrences(of: "_", with: " ")
        }
    }
}

extension ValidationReport {
    /// The report without the findings about a field of a file that `absent` lists (by file):
    /// the file's one finding about the field says it all.
    func dropping(_ absent: [String: Set<String>]) -> ValidationReport {
        guard absent.values.contains(where: { !$0.isEmpty }) else { return self }
        return ValidationReport(
            findings: findings.filter { finding in
                guard let field = finding.detail.field, let fields = absent[finding.detail.file] else { return true }
                return !fields.contains(field)
            })
    }
}
