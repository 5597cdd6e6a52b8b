/// Builders for the property values of output files, so that every output writes absent values
/// as null and numbers at one precision.
extension JSONValue {
    /// A string, or null.
    package static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// A count, or null.
    package static func count(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }

    /// Metres to the millimetre, or null.
    package static func meters(_ value: Double?) -> JSONValue { value.map { .number(($0 * 1_000).rounded() / 1_000) } ?? .null }

    /// Minutes to the hundredth, or null.
    package static func minutes(_ value: Double?) -> JSONValue { value.map { .number(($0 * 100).rounded() / 100) } ?? .null }

    /// A percentage to the hundredth, or null.
    package static func percent(_ value: Double?) -> JSONValue { value.map { .number(($0 * 100).rounded() / 100) } ?? .null }

    /// A longitude or latitude as ``GeoJSONWriter`` writes it (7 decimals), so that a table's
    /// `lon`/`lat` read back as the same numbers as its GeoJSON twin's coordinates.
    package static func coordinate(_ value: Double) -> JSONValue {
        let scaled = (value * 10_000_000).rounded()
        // Beyond ±9 × 10⁸ the writer keeps the value as it is; so does this.
        return .number(abs(scaled) < 9e15 ? scaled / 10_000_000 : value)
    }

    /// Square metres as km², to the square metre (6 decimals).
    package static func squareKilometers(_ squareMeters: Double) -> JSONValue {
        .number(squareMeters.rounded() / 1_000_000)
    }
}
