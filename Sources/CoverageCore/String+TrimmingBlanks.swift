/// Trimming without Foundation: `trimmingCharacters(in: .whitespaces)` bridges through NSString
/// and was a fifth of loading the layers (four text fields per village).
extension String {
    /// The text without leading and trailing blanks: the characters of `CharacterSet.whitespaces`
    /// (tab and Unicode category Zs), so the same result as `trimmingCharacters(in: .whitespaces)`.
    var trimmingBlanks: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.isBlank && !last.isBlank { return self }
        guard let start = scalars.firstIndex(where: { !$0.isBlank }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isBlank })!
        return String(scalars[start...end])
    }
}

extension Unicode.Scalar {
    /// Tab or a space separator (Zs): what `CharacterSet.whitespaces` holds.
    var isBlank: Bool { self == "\t" || properties.generalCategory == .spaceSeparator }
}
