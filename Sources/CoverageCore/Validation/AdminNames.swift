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

    /// Lower case, Latin letters without their diacritics, letters and digits only.
    static func normalized(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        var previousIsLatin = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark {
                // A mark on a Latin letter is a diacritic; on Lao (or any other script) it is part
                // of the letter and is kept.
                if !previousIsLatin { kept.append(scalar) }
                continue
            }
            previousIsLatin = scalar.value < 0x0250
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { continue }
            kept.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
        return String(kept)
    }
}
