import Foundation

extension String {
    /// The text reduced for comparing a name a person types with the names a layer spells: lower
    /// case, the accents of Latin letters dropped (`é` → `e`, `ô` → `o`), and blanks, hyphens and
    /// dashes, underscores, full stops and apostrophes left out, so that `Pha Oudom`, `pha-oudom`
    /// and `PHAOUDOM` are one name.
    ///
    /// Only the combining marks of the diacritical blocks are dropped: the vowel signs and tone
    /// marks of Lao script are combining marks too, but they are letters of the name, and
    /// dropping them would make different Lao names equal.
    package var foldedForMatching: String {
        var folded = String.UnicodeScalarView()
        for scalar in lowercased().decomposedStringWithCanonicalMapping.unicodeScalars where !scalar.isIgnoredWhenMatching {
            folded.append(scalar)
        }
        return String(folded).precomposedStringWithCanonicalMapping
    }
}

extension Unicode.Scalar {
    /// Left out by ``Swift/String/foldedForMatching``: Latin diacritics (the combining diacritical
    /// mark blocks), white space, dashes and connectors (`-`, `–`, `_`), `.` and apostrophes.
    fileprivate var isIgnoredWhenMatching: Bool {
        switch value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: return true
        case 0x2E, 0x27, 0x2019, 0x02BC: return true  // . ' ’ ʼ
        default: break
        }
        switch properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .dashPunctuation, .connectorPunctuation, .control: return true
        default: return false
        }
    }
}
