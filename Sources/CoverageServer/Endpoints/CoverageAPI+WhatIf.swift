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
                ("districts_after", .array(zoneRows(after.tableRows(), question, levels: ["district"]))),
            ]))
    }
}
