import Foundation
import TestSupport
import Testing

@testable import GeoIO

@Suite struct TrimmingBlanksTests {
    /// Foundation's `trimmingCharacters(in: .whitespaces)` is the reference the fast trim replaces.
    @Test(arguments: [
        "", " ", "\t\t", "Pakkading", "  Pakkading ", "\tBan Na\t", "Ban  Na", "\u{00A0}Ban\u{00A0}",
        "\u{3000}ບ້ານນາ\u{2003}", "\nBan\n", " \r\nBan \r\n", " \u{301}e", "e\u{301} ", "🏥 ", "\u{200B}Ban\u{200B}",
        "\u{FEFF}Ban", " \u{2028}Ban\u{2029} ", "\u{1680}\u{202F}\u{205F}Ban",
    ])
    func trimsWhatFoundationTrims(_ text: String) {
        #expect(text.trimmingBlanks == text.trimmingCharacters(in: .whitespaces))
        #expect(Array(text.trimmingBlanks.unicodeScalars) == Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars))
    }

    @Test func blanksAreFoundationsWhitespaces() {
        let disagreeing = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter { $0.isBlank != CharacterSet.whitespaces.contains($0) }
        #expect(disagreeing.isEmpty, "\(disagreeing.map { "U+" + String($0.value, radix: 16, uppercase: true) })")
    }
}
