/// Trimming without Foundation: `trimmingCharacters(in: .whitespaces)` bridges through NSString
/// and was a fifth of loading the layers (four text fields per village).
extension String {
    /// The text without leading and trailing blanks: the characters of `CharacterSet.whitespaces`
    /// (see ``Unicode/Scalar/isBlank``), so the same result as `trimmingCharacters(in: .whitespaces)`.
    package var trimmingBlanks: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.isBlank && !last.isBlank { return self }
        guard let start = scalars.firstIndex(where: { !$0.isBlank }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isBlank })!
        return String(scalars[start...end])
    }
}

extension Unicode.Scalar {
    /// What `CharacterSet.whitespaces` holds in swift-corelibs-foundation: tab, the space
    /// separators (Zs) and the zero width space U+200B (found by testing every scalar).
    package var isBlank: Bool { self == "\t" || self == "\u{200B}" || properties.generalCategory == .spaceSeparator }
}
