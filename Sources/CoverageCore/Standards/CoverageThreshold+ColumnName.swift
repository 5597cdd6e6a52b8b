extension CoverageThreshold {
    /// The threshold as part of a snake_case property name: the ``label`` with a decimal point
    /// written `p` (`5km`, `60min`, `2p5km`), so that names stay plain identifiers.
    public var columnName: String { Self.columnName(label: label) }

    /// The column name of the threshold with this ``label`` (as output tables write it).
    public static func columnName(label: String) -> String { label.replacingOccurrences(of: ".", with: "p") }
}
