import CoverageCore
import GeoIO

/// What a coverage question asks, as the page's controls set it: an area (a region id, or a
/// province or district by P-code or name), one care, one limit and the travel model. The same
/// question is the CLI's `coverage gaps --region AREA --tier CARE --max-km N` (or `--max-minutes N`,
/// `--travel …`), whose rows for that limit are the same numbers.
struct Question: Sendable, Hashable {
    let area: String
    let care: CareTarget
    let threshold: CoverageThreshold
    /// nil: each care as the standards file says.
    let travel: TravelMeasure?

    /// Reads `area`, `care`, `threshold` (`5km`, `60min`) and `travel` (`standard`, `raster`,
    /// `straight`); the defaults are the CLI's: the country, the health centre, the care's first limit
    /// (its first distance limit, else its first time limit) and the standards' travel.
    init(_ fields: RequestFields, standards: CoverageStandards) throws(APIError) {
        area = try fields.text("area") ?? "national"
        guard area.count <= 200 else { throw APIError(400, "area is too long (at most 200 characters)") }
        let careName = try fields.text("care") ?? FacilityTier.healthCentre.rawValue
        guard let care = CareTarget(name: careName), let standard = standards.standards[care] else {
            throw APIError(
                400,
                "care \"\(careName)\" is not a care with a standard (expected one of \(standards.standards.keys.sorted().map(\.name).joined(separator: ", ")))")
        }
        self.care = care
        if let text = try fields.text("threshold") {
            threshold = try Self.threshold(text)
        } else if let first = standard.primaryThreshold {
            threshold = first
        } else {
            throw APIError(400, "the standard for \(care.name) has no limit; give threshold")
        }
        switch try fields.text("travel") ?? "standard" {
        case "standard": travel = nil
        case "raster": travel = .raster
        case "straight": travel = .straight
        case let other: throw APIError(400, "travel \"\(other)\" is not a travel model (expected standard, raster or straight)")
        }
    }

    /// `5km`, `2.5km`, `60min`: a positive, finite limit with its unit.
    static func threshold(_ text: String) throws(APIError) -> CoverageThreshold {
        let unit = text.hasSuffix("km") ? "km" : text.hasSuffix("min") ? "min" : ""
        let number = Double(text.dropLast(unit.count))
        guard !unit.isEmpty, let number, number.isFinite, number > 0, number <= (unit == "km" ? 2_000 : 10_000) else {
            throw APIError(
                400, "threshold \"\(text)\" is not a limit (expected a positive number and km or min, e.g. 5km or 60min; at most 2000km or 10000min)")
        }
        return unit == "km" ? .kilometers(number) : .minutes(number)
    }

    /// The standards this question applies: the travel model chosen, and for its care the one limit.
    func standards(from base: CoverageStandards) -> CoverageStandards {
        var standards = base.overriding(travel: travel, friction: nil)
        switch threshold {
        case .kilometers(let km): standards = standards.overriding(kilometers: [km], minutes: [])
        case .minutes(let minutes): standards = standards.overriding(kilometers: [], minutes: [minutes])
        }
        return standards
    }

    /// The CLI command `coverage SUBCOMMAND` that answers the same question: the area and care, then
    /// `options`, the limit and the travel, then `trailing` (`coverage gaps --region LA12 --tier
    /// health_centre --max-minutes 60`).
    func command(_ subcommand: String, options: [String] = [], trailing: [String] = []) -> String {
        var words = ["coverage", subcommand, "--region", area, care.isTier ? "--tier" : "--service", care.name] + options
        switch threshold {
        case .kilometers(let km): words += ["--max-km", CoverageThreshold.number(km)]
        case .minutes(let minutes): words += ["--max-minutes", CoverageThreshold.number(minutes)]
        }
        if let travel { words += ["--travel", travel.rawValue] }
        words += trailing
        return words.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}
