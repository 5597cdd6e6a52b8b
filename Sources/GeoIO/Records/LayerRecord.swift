import GeometryKit

/// One record of an input layer, whatever its format: a GeoJSON feature, a CSV row or a DHIS2
/// organisation unit, with its fields and its geometry in WGS 84.
///
/// Loaders read domain values out of records through the typed accessors below, which turn a
/// value of the wrong type, or a text or list longer than ``FieldLimits`` allow, into an
/// ``InputError`` that names the file, the record and the field.
public struct LayerRecord: Sendable {
    /// The file the record comes from, as named to the loader.
    public let file: String
    /// The feature index or CSV line.
    public let location: InputError.Location
    /// The record's fields: JSON values for GeoJSON and DHIS2, strings for CSV.
    public let fields: JSONObject
    /// The geometry in WGS 84, nil when absent or when it could not be built (see ``geometryProblem``).
    public let geometry: Shape?
    /// Why the geometry could not be built, when it could not.
    public let geometryProblem: InputError?
    /// A GeoJSON feature's `id` member (RFC 7946 §3.2: a string or a number), read as the field
    /// ``featureIdField``; nil for other formats and for features without one.
    public let featureId: JSONValue?

    /// The field name that reads the feature's `id` member rather than a property:
    /// `--map villages.id=@id`, or `id: "@id"` in a mapping file (quoted: YAML reserves `@`).
    public static let featureIdField = "@id"

    public init(
        file: String, location: InputError.Location, fields: JSONObject, geometry: Shape?, geometryProblem: InputError? = nil,
        featureId: JSONValue? = nil
    ) {
        self.file = file
        self.location = location
        self.fields = fields
        self.geometry = geometry
        self.geometryProblem = geometryProblem
        self.featureId = featureId
    }

    /// The value of `field`: the property, or the feature's `id` member for ``featureIdField``.
    public func value(_ field: String) -> JSONValue? {
        field == Self.featureIdField ? featureId : fields[field]
    }

    /// An ``InputError`` about `field` of this record.
    public func problem(_ field: String?, _ reason: String, suggestion: String? = nil) -> InputError {
        InputError(file: file, location: location, field: field, reason: reason, suggestion: suggestion)
    }

    /// True when the field is absent or null (an empty string or list is present).
    public func isAbsent(_ field: String) -> Bool {
        switch value(field) {
        case nil, .null?: true
        default: false
        }
    }

    /// True when the field is absent, null or an empty string.
    public func isBlank(_ field: String) -> Bool {
        switch value(field) {
        case nil, .null?: true
        case .string(let text)?: text.trimmingBlanks.isEmpty
        default: false
        }
    }

    /// The field as text: strings as they are (trimmed), numbers without a trailing `.0`; nil
    /// when blank. Throws for arrays, objects and booleans.
    public func text(_ field: String) throws -> String? {
        switch value(field) {
        case nil, .null?: return nil
        case .string(let text)?:
            let trimmed = try limited(field, text).trimmingBlanks
            return trimmed.isEmpty ? nil : trimmed
        case .number(let value)?: return JSONValue.number(value).brief
        case let other?: throw problem(field, "expected text, found \(other.typeName)")
        }
    }

    /// The field as a whole number; nil when blank. Accepts JSON numbers without a fraction and
    /// CSV text such as `1234`; throws for anything else.
    public func integer(_ field: String) throws -> Int? {
        switch value(field) {
        case nil, .null?: return nil
        case .number(let value)?:
            guard value.isFinite, value == value.rounded(), abs(value) < 9e15 else {
                throw problem(field, "expected a whole number, found \(JSONValue.number(value).brief)")
            }
            return Int(value)
        case .string(let text)?:
            let trimmed = try limited(field, text).trimmingBlanks
            if trimmed.isEmpty { return nil }
            if let value = Int(trimmed) { return value }
            if let value = Double(trimmed), value.isFinite, value == value.rounded(), abs(value) < 9e15 { return Int(value) }
            throw problem(field, "expected a whole number, found \"\(trimmed)\"")
        case let other?:
            throw problem(field, "expected a whole number, found \(other.typeName)")
        }
    }

    /// The field as a number; nil when blank. Throws for non-numeric text, NaN and infinities.
    public func number(_ field: String) throws -> Double? {
        switch value(field) {
        case nil, .null?: return nil
        case .number(let value)?: return value
        case .string(let text)?:
            let trimmed = try limited(field, text).trimmingBlanks
            if trimmed.isEmpty { return nil }
            guard let value = Double(trimmed) else { throw problem(field, "expected a number, found \"\(trimmed)\"") }
            guard value.isFinite else { throw problem(field, "expected a finite number, found \(trimmed)") }
            return value
        case let other?:
            throw problem(field, "expected a number, found \(other.typeName)")
        }
    }

    /// The field as a boolean; nil when blank. Accepts JSON booleans and `true`/`false`/`yes`/`no`/`1`/`0` text.
    public func boolean(_ field: String) throws -> Bool? {
        switch value(field) {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case .number(let value)? where value == 0 || value == 1: return value == 1
        case .string(let text)?:
            switch try limited(field, text).trimmingBlanks.lowercased() {
            case "": return nil
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: throw problem(field, "expected true or false, found \"\(text)\"")
            }
        case let other?:
            throw problem(field, "expected true or false, found \(other.typeName)")
        }
    }

    /// The field as a list of text values: a JSON array of strings, or text separated by `;`,
    /// `|` or `,`. Empty when blank.
    public func textList(_ field: String) throws -> [String] {
        switch value(field) {
        case nil, .null?: return []
        case .array(let values)?:
            if let tooLong = FieldLimits.problem(listCount: values.count) { throw problem(field, tooLong) }
            return try values.enumerated().map { index, value in
                guard let text = value.stringValue else {
                    throw problem("\(field)[\(index)]", "expected text, found \(value.typeName)")
                }
                return try limited("\(field)[\(index)]", text).trimmingBlanks
            }.filter { !$0.isEmpty }
        case .string(let text)?:
            let entries = text.split(whereSeparator: { ";|,".contains($0) })
            if let tooLong = FieldLimits.problem(listCount: entries.count) { throw problem(field, tooLong) }
            return try entries.enumerated().map { index, entry in
                try limited("\(field)[\(index)]", String(entry)).trimmingBlanks
            }.filter { !$0.isEmpty }
        case let other?:
            throw problem(field, "expected a list of names, found \(other.typeName)")
        }
    }

    /// `text`, or an error when it is longer than ``FieldLimits/maximumTextCharacters``: checked
    /// before the text is trimmed, parsed or copied anywhere.
    private func limited(_ field: String, _ text: String) throws -> String {
        if let tooLong = FieldLimits.problem(text: text) { throw problem(field, tooLong) }
        return text
    }
}
