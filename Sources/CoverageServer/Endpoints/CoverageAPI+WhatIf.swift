import CoverageCore
import GeoIO

extension CoverageAPI {
    /// `POST /api/whatif` with the question's fields and `changes` (see ``ChangeList``): the
    /// facilities changed on a copy of the layer, the question answered again, and the change per
    /// district and for the region (people newly covered, people who lose coverage, the net),
    /// the villages that change, and the districts' new shares and fills. The same figures as
    /// `coverage run` of the scenario `POST /api/scenario` writes, compared with `coverage compare`.
    func whatIf(_ fields: RequestFields) async throws -> JSONValue {
        let question = try Question(fields, standards: standards)
        let changes = try ChangeList.parse(fields.value("changes"))
        let before = try await gaps(question)
        let after = try await gate.run { [layers, standards, threads] in
            let changed: LayerSet
            do {
                changed = try layers.applying(changes, file: "changes")
            } catch let error as InputError {
                throw ChangeList.problem(error)
            }
            let assignment = try CoverageAssignment(
                layers: changed, standards: question.standards(from: standards), targets: [question.care], scope: .coverage, threads: threads)
            return try CoverageGaps(assignment: assignment, layers: changed, region: before.region)
        }
        let change = try CoverageChange(before: before, after: after, target: question.care, threshold: question.threshold)
        func zone(_ zone: CoverageChange.Zone) -> JSONValue {
            .object(
                JSONObject([
                    ("zone_pcode", .string(zone.code)), ("zone_name", .string(zone.name)), ("population", .count(zone.population)),
                    ("covered_before", .count(zone.coveredBefore)), ("covered_after", .count(zone.coveredAfter)),
                    ("newly_covered", .count(zone.newlyCovered)), ("lost", .count(zone.lost)), ("net_change", .count(zone.netChange)),
                    ("villages_newly_covered", .count(zone.villagesNewlyCovered)), ("villages_lost", .count(zone.villagesLost)),
                ]))
        }
        return .object(
            JSONObject([
                (
                    "question",
                    .object(
                        JSONObject([
                            ("area_id", .string(before.region.id)), ("care", .string(question.care.name)), ("threshold", .string(question.threshold.label)),
                        ]))
                ),
                ("changes", .array(changes.map { .string($0.description) })),
                ("region", zone(change.region)),
                ("districts", .array(change.districts.map(zone))),
                (
                    "villages",
                    .array(
                        change.villages.map { village in
                            .object(
                                JSONObject([
                                    ("village_code", .string(village.code)), ("name", .string(village.name)),
                                    ("district_pcode", .string(village.districtPcode)),
                                    ("lon", .coordinate(village.location.lon)), ("lat", .coordinate(village.location.lat)),
                                    ("population", .count(village.population)), ("now_covered", .bool(village.nowCovered)),
                                ]))
                        })
                ),
                ("districts_after", .array(zoneRows(after, question, levels: ["district"]))),
            ]))
    }

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
        var command = [
            "coverage", "suggest", "--region", question.area, question.care.isTier ? "--tier" : "--service", question.care.name, "--count", String(count),
        ]
        command +=
            question.threshold.isDistance
            ? ["--max-km", question.threshold.label.replacingOccurrences(of: "km", with: "")]
            : ["--max-minutes", question.threshold.label.replacingOccurrences(of: "min", with: "")]
        if let travel = question.travel { command += ["--travel", travel.rawValue] }
        if group != .population { command += ["--weight", group.rawValue] }
        return .object(
            JSONObject([
                ("command", .string(command.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " "))),
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

    /// `POST /api/scenario` with the question's fields, `changes` and `name`: the scenario file
    /// `coverage run` reads for this what-if (YAML, as a download).
    func scenarioFile(_ fields: RequestFields) throws -> APIResponse {
        let question = try Question(fields, standards: standards)
        let name = try fields.text("name") ?? "what-if"
        guard !name.isEmpty, name.count <= 100 else { throw APIError(400, "name must be 1 to 100 characters") }
        _ = try region(question.area)
        var scenario = Scenario(file: "", name: name)
        scenario.description = "What-if made on the web page: \(question.care.label) \(question.threshold.phrase)."
        scenario.dataDirectory = dataDirectory
        scenario.region = question.area
        scenario.targets = [question.care]
        switch question.threshold {
        case .kilometers(let km): scenario.maxKilometers = [km]
        case .minutes(let minutes): scenario.maxMinutes = [minutes]
        }
        scenario.travel = question.travel
        scenario.changes = try ChangeList.parse(fields.value("changes"))
        // A change `coverage run` would refuse (an unknown id, a point outside Laos) is refused here.
        do {
            _ = try layers.applying(scenario.changes, file: "changes")
        } catch let error as InputError {
            throw ChangeList.problem(error)
        }
        let safeName = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        return APIResponse(contentType: "application/yaml", body: Array(ScenarioFile.text(scenario).utf8), attachmentName: safeName + ".yaml")
    }
}
