import Foundation
import GeoIO

/// The admin units by name, to answer a name written where a P-code belongs: `"Thakhek"` in a
/// `district_pcode` field is the name of LA1201, and the message says so instead of "not in the
/// districts layer" (a layer keyed by names fails on every record, and each should say why).
///
/// Names match without regard to case, spaces, punctuation and Latin diacritics (`Thakhek`,
/// `THA KHEK` and `Thàkhek` are one name), against the units' English and Lao names; a Lao district
/// name matches with or without its "ມ." (muang) prefix.
struct AdminNames {
    /// The units of each normalised name, in layer order (several districts share a name).
    private let unitsByName: [String: [AdminUnit]]

    init(_ units: [AdminUnit]) {
        var byName: [String: [AdminUnit]] = [:]
        for unit in units {
            var names = [unit.nameEN] + (unit.nameLO.map { [$0] } ?? [])
            if let lao = unit.nameLO, lao.hasPrefix("ມ.") { names.append(String(lao.dropFirst(2))) }
            for key in Set(names.map(Self.normalized)) where !key.isEmpty {
                byName[key, default: []].append(unit)
            }
        }
        unitsByName = byName
    }

    /// The units named `text`, in layer order; empty when none is.
    func units(named text: String) -> [AdminUnit] {
        unitsByName[Self.normalized(text)] ?? []
    }

    /// The answer to a name found where a P-code belongs, e.g. `expected a P-code; "Thakhek" is
    /// the name of LA1201 (Thakhek)`; nil when `text` names no unit. `expected`: the level the
    /// field holds, so that a province's name in a district field says it is a province.
    func answer(for text: String, expected level: AdminLevel) -> String? {
        let named = units(named: text)
        guard !named.isEmpty else { return nil }
        let units = named.map { unit in
            let level = unit.level == level ? "" : "\(unit.level == .province ? "province" : "district") "
            let province = named.count > 1 && unit.level == .district ? ", province \(unit.provincePcode)" : ""
            return "\(level)\(unit.pcode) (\(unit.nameEN)\(province))"
        }
        let list = units.count == 1 ? units[0] : units.dropLast().joined(separator: ", ") + " and " + units.last!
        return "expected a P-code; \"\(text)\" is the name of \(list)"
    }

    /// The name as ``Swift/String/foldedForMatching`` folds it (case, Latin diacritics, blanks,
    /// hyphens, full stops), and with any other punctuation or symbol left out too: letters,
    /// digits and the marks of Lao script only.
    static func normalized(_ text: String) -> String {
        let kept = text.foldedForMatching.unicodeScalars.filter { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark,
                .decimalNumber, .letterNumber, .otherNumber:
                true
            default: false
            }
        }
        return String(String.UnicodeScalarView(kept))
    }
}
