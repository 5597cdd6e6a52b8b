import Testing

@testable import GeoIO

/// The fold a typed name and a layer's spelling are compared by: case, blanks, hyphens, full stops,
/// apostrophes and Latin diacritics ignored; other scripts' marks kept.
@Suite struct FoldedForMatchingTests {
    @Test(arguments: [
        ("Pha Oudom", "phaoudom"), ("pha-oudom", "phaoudom"), ("PHAOUDOM", "phaoudom"), ("Pha_Oudom", "phaoudom"),
        ("Nyot-ou", "nyotou"), ("B. Nongping", "bnongping"), ("Sékong", "sekong"), ("Xaisettha (Attapu)", "xaisettha(attapu)"),
        ("Luang\u{00A0}Prabang", "luangprabang"), ("Pak–Ou", "pakou"), ("Ban Na’s", "bannas"), ("\tKhammouan\n", "khammouan"),
        ("Đông", "đong"), ("", ""),
    ])
    func folds(_ text: String, _ folded: String) {
        #expect(text.foldedForMatching == folded)
    }

    @Test func precomposedAndDecomposedAccentsFoldAlike() {
        #expect("S\u{00E9}kong".foldedForMatching == "Se\u{0301}kong".foldedForMatching)
    }

    /// Lao vowel signs and tone marks are combining marks but letters of the name: kept, so that
    /// ຜົ້ງສາລີ (Phongsaly) does not become its consonants alone; the "ມ. " prefix folds to "ມ".
    @Test func laoMarksAreKept() {
        let phongsaly = "ຜົ້ງສາລີ"
        #expect(phongsaly.foldedForMatching == phongsaly)
        #expect(phongsaly.foldedForMatching != "ຜງສາລ")
        #expect("ມ. ຜົ້ງສາລີ".foldedForMatching == "ມ" + phongsaly)
    }
}
