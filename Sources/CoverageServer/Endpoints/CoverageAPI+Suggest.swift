import CoverageCore
import GeoIO

extension CoverageAPI {
    /// `POST /api/suggest` with the question's fields, `count` (1 to ``APILimits/suggestedSites``)
    /// and `weight` (population, under5, births_live, women_15_49): `coverage suggest` for the
    /// question, its sites in order with the people each adds.
    func suggest(_ fields: RequestFields) async throws -> JSONValue {
        let question = try Question(fields, standards: standards)
        guard let count = try fields.whole("count", in: 1...APILimits.suggestedSites) else {
            throw APIError(400, "count: give the number of sites, 1 to \(APILimits.suggestedSites)")
        }
        let weightName = try fields.text("weight") ?? TargetGroup.population.rawValue
        guard let group = TargetGroup(rawValue: weightName) else {
            throw APIError(400, "weight \"\(weightName)\" is not a group (expected \(TargetGroup.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let region = try region(question.area)
        let suggestion = try await gate.run { [layers, standards, threads] in
            try SiteSuggestion(
                layers: layers, standards: question.standards(from: standards), target: question.care, threshold: question.threshold, region: region,
                weight: .group(group), candidates: CandidateSite.villages(of: layers), count: count, threads: threads)
        }
        let command = question.command("suggest", options: ["--count", String(count)], trailing: group == .population ? [] : ["--weight", group.rawValue])
        return .object(
            JSONObject([
                ("command", .string(command)),
                ("weight", .string(group.rawValue)),
                ("demand_total", .count(suggestion.demandTotal)), ("covered_before", .count(suggestion.coveredBefore)),
                ("covered_after", .count(suggestion.coveredAfter)), ("gain", .count(suggestion.gain)),
                ("upper_bound_on_gain", .count(suggestion.upperBoundOnGain)),
                (
                    "sites",
                    .array(
                        suggestion.sites.map { site in
                            .object(
                                JSONObject([
                                    ("rank", .count(site.rank)), ("village_code", .string(site.candidate.id)), ("name", .string(site.candidate.name)),
                                    ("district_pcode", .text(site.candidate.districtPcode)),
                                    ("lon", .coordinate(site.candidate.location.lon)), ("lat", .coordinate(site.candidate.location.lat)),
                                    ("gain", .count(site.gain)), ("covered_after", .count(site.coveredAfter)),
                                ]))
                        })
                ),
            ]))
    }
}
