import GeoIO

/// Field reading shared by the loaders: each helper reads one role of a record through its
/// ``FieldMapping`` and turns a wrong value into an error finding instead of throwing, so that a
/// load lists every problem of every record.
struct RecordFields {
    let record: LayerRecord
    let mapping: FieldMapping
    /// The record's identifier once read, for findings.
    var id: String?
    /// Set when any read failed: the record is then left out of the model.
    private(set) var failed = false

    init(_ record: LayerRecord, _ mapping: FieldMapping) {
        self.record = record
        self.mapping = mapping
    }

    /// The identifier; an error when missing (pointing at the feature's `id` member when the
    /// record has one that the mapping does not read).
    mutating func identifier(into report: inout ValidationReport) -> String? {
        let field = mapping.field(.id)
        id = read(.id, into: &report) { try $0.text(field) }
        if id == nil && !failed {
            let hint =
                record.featureId != nil && field != LayerRecord.featureIdField
                ? "the feature has an id member: --map \(mapping.kind.rawValue).id=\(LayerRecord.featureIdField) reads it" : nil
            fail("missing_id", field, "every \(mapping.kind.noun) needs an identifier (field \(field))", suggestion: hint, into: &report)
        }
        return id
    }

    /// Optional text.
    mutating func text(_ role: FieldRole, into report: inout ValidationReport) -> String? {
        let field = mapping.field(role)
        return read(role, into: &report) { try $0.text(field) }
    }

    /// Required text: an error when missing.
    mutating func requiredText(_ role: FieldRole, _ why: String, into report: inout ValidationReport) -> String? {
        let field = mapping.field(role)
        let value = read(role, into: &report) { try $0.text(field) }
        if value == nil && !failed {
            fail("missing_\(role.rawValue)", field, why, into: &report)
        }
        return value
    }

    /// An optional count of persons: a whole number ≥ 0.
    mutating func count(_ role: FieldRole, into report: inout ValidationReport) -> Int? {
        let field = mapping.field(role)
        guard let value = read(role, into: &report, { try $0.integer(field) }) else { return nil }
        guard value >= 0 else {
            fail("negative_\(role.rawValue)", field, "expected a whole number ≥ 0, found \(value)", into: &report)
            return nil
        }
        return value
    }

    /// Optional list of names.
    mutating func textList(_ role: FieldRole, into report: inout ValidationReport) -> [String] {
        optionalTextList(role, into: &report) ?? []
    }

    /// A list of names, nil when the field is absent or null (an empty list stays empty).
    mutating func optionalTextList(_ role: FieldRole, into report: inout ValidationReport) -> [String]? {
        let field = mapping.field(role)
        guard !record.isAbsent(field) else { return nil }
        return read(role, into: &report) { try $0.textList(field) } ?? []
    }

    /// Optional boolean.
    mutating func boolean(_ role: FieldRole, into report: inout ValidationReport) -> Bool? {
        let field = mapping.field(role)
        return read(role, into: &report) { try $0.boolean(field) }
    }

    /// Records an error about `field` and marks the record as failed.
    mutating func fail(_ code: String, _ field: String?, _ reason: String, suggestion: String? = nil, into report: inout ValidationReport) {
        failed = true
        report.error(code, recordId: id, record.problem(field, reason, suggestion: suggestion))
    }

    /// Marks the record as failed after the caller has reported why.
    mutating func markFailed() { failed = true }

    private mutating func read<T>(_ role: FieldRole, into report: inout ValidationReport, _ body: (LayerRecord) throws -> T?) -> T? {
        do {
            return try body(record)
        } catch let error as InputError {
            failed = true
            report.error("invalid_\(role.rawValue)", recordId: id, error)
            return nil
        } catch {
            failed = true
            report.error("invalid_\(role.rawValue)", recordId: id, record.problem(mapping.field(role), "\(error)"))
            return nil
        }
    }
}
