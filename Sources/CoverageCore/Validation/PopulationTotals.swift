import Foundation
import GeoIO

/// Compares the villages' populations with the districts' own (LSB) figures: a village layer
/// from another year, another source or the wrong field adds up to something else, and every
/// count of people rests on it. One warning for the village layer, naming the worst districts.
enum PopulationTotals {
    /// A village sum may differ from its district's figure by this share of the figure.
    static let tolerance = 0.01
    /// How many districts the warning names.
    static let named = 5

    /// Warns when, in any district with a population figure, the villages' sum differs from the
    /// figure by more than ``tolerance`` (a district without villages sums to 0).
    static func check(
        _ villages: [Village], districts: [AdminUnit], file: String, field: String, into report: inout ValidationReport
    ) {
        var sums: [String: Int] = [:]
        for village in villages { sums[village.districtPcode, default: 0] += village.figures.population }
        var seen = Set<String>()
        let compared = districts.compactMap { district -> (unit: AdminUnit, villages: Int, figure: Int)? in
            guard seen.insert(district.pcode).inserted, let figure = district.figures?.population else { return nil }
            return (district, sums[district.pcode] ?? 0, figure)
        }
        let differing = compared.filter { abs(Double($0.villages - $0.figure)) > tolerance * Double($0.figure) }
        guard !differing.isEmpty else { return }
        let worst = differing.map { ($0, factor($0.villages, $0.figure)) }.sorted { $0.1 > $1.1 }
        let listed = worst.prefix(named).map { entry, _ in
            "\(entry.unit.pcode) \(entry.unit.nameEN) \(entry.villages.grouped) against \(entry.figure.grouped) (\(ratio(entry.villages, entry.figure)))"
        }
        let villageTotal = compared.reduce(0) { $0 + $1.villages }, figureTotal = compared.reduce(0) { $0 + $1.figure }
        report.warning(
            "population_mismatch", magnitude: worst[0].1,
            InputError(
                file: file, field: field,
                reason: "the villages' populations differ from the districts' own figures (population) by more than "
                    + "\(Int(tolerance * 100)) % in \(differing.count) of \(compared.count) districts; "
                    + (differing.count > named ? "the worst: " : "") + listed.joined(separator: "; ")
                    + "; in all \(villageTotal.grouped) against \(figureTotal.grouped) (\(ratio(villageTotal, figureTotal)))",
                suggestion: "every count of people rests on the villages' figures: check the field and year they come from"))
    }

    /// How far apart two figures are as a factor ≥ 1 (infinite when one is 0 and the other not).
    private static func factor(_ villages: Int, _ figure: Int) -> Double {
        let (low, high) = (Double(min(villages, figure)), Double(max(villages, figure)))
        return low == 0 ? (high == 0 ? 1 : .infinity) : high / low
    }

    /// The villages' sum as a multiple of the figure, to three significant digits: `×0.09`,
    /// `×75`, `×1.02`, `×0` (no people in the district's villages).
    private static func ratio(_ villages: Int, _ figure: Int) -> String {
        guard figure > 0 else { return "the district's figure is 0" }
        let value = Double(villages) / Double(figure)
        return "×" + String(format: value >= 100 ? "%.0f" : "%.3g", value)
    }
}
