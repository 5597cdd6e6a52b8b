extension JSONValue {
    /// Square metres as km², to the square metre (6 decimals).
    static func squareKilometres(_ squareMeters: Double) -> JSONValue {
        .number(squareMeters.rounded() / 1_000_000)
    }
}
