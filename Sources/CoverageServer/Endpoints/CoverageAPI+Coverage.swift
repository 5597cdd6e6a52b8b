import CoverageCore
import GeoIO

extension CoverageAPI {
    /// `GET /api/coverage?area&care&threshold&travel`: the question's zones — the region and each
    /// of its districts as their `gaps.csv` rows (the columns `coverage gaps` writes) with the
    /// share uncovered and the map's fill — and the villages beyond the limit with their nearest
    /// facility, distance and minutes; how the minutes were measured; the data's caveats; and the
    /// command that gives the same rows.
    func coverage(_ question: Question) async throws -> JSONValue {
        let gaps = try await gaps(question)
        let threshold = question.threshold.label
        let rows = gaps.tableRows()
        let care = gaps.assignment.care(question.care, judgedBy: question.threshold)
        let uncovered = gaps.regionVillages.filter { !gaps.isCovered($0, target: question.care, threshold: question.threshold) }
        let villages = uncovered.map { position -> JSONValue in
            let point = gaps.assignment.points[position], trip = care[position]
            var members: [(key: String, value: JSONValue)] = [
                ("village_code", .string(point.id)), ("name", .string(point.name)), ("district_pcode", .string(point.districtPcode)),
                ("lon", .coordinate(point.location.lon)), ("lat", .coordinate(point.location.lat)),
            ]
            members += TargetGroup.allCases.map { ($0.rawValue, JSONValue.count(point.figures[$0])) }
            members += [
                ("facility_id", .text(trip.facility.map { layers.facilities[$0].id })),
                ("facility_name", .text(trip.facility.map { layers.facilities[$0].name })),
                ("distance_m", .meters(trip.distanceMeters)), ("minutes", .minutes(trip.minutes)),
            ]
            return .object(JSONObject(members))
        }
        let region = gaps.region
        return .object(
            JSONObject([
                (
                    "question",
                    .object(
                        JSONObject([
                            ("area", .string(question.area)), ("area_id", .string(region.id)), ("area_name", .string(region.name)),
                            ("care", .string(question.care.name)), ("care_label", .string(question.care.label)), ("threshold", .string(threshold)),
                            ("travel", .string(question.travel?.rawValue ?? "standard")),
                        ]))
                ),
                ("command", .string(question.command("gaps"))),
                ("travel_notes", .array(TravelNotes(gaps.assignment, facilities: layers.facilities).lines.map(JSONValue.string))),
                ("caveats", .array(DataNotes(layers: layers, targets: [question.care]).caveats.map(JSONValue.string))),
                ("region", zoneRows(rows, question, levels: ["region", "national"]).first ?? .null),
                ("districts", .array(zoneRows(rows, question, levels: ["district"]))),
                ("uncovered_villages", .array(villages)),
            ]))
    }

    /// Of `rows` (``CoverageGaps/tableRows()``), those of `levels` for the question's limit, each with
    /// the share uncovered and the fill the SVG maps give it.
    func zoneRows(_ rows: [JSONObject], _ question: Question, levels: Set<String>) -> [JSONValue] {
        rows.filter { levels.contains($0["zone_level"]?.stringValue ?? "") && $0["threshold"]?.stringValue == question.threshold.label }
            .map { row in
                let uncovered = row["population_pct_covered"]?.numberValue.map { 100 - $0 }
                return .object(
                    row.setting("population_pct_uncovered", to: .percent(uncovered)).setting("fill", to: .string(MapClasses.equalFifths.colour(of: uncovered))))
            }
    }

    /// `GET /api/export/{file}?area&care&threshold&travel`: one file of `coverage gaps` for the
    /// question, the same bytes the command writes for its limit (tables with the byte-order mark, as
    /// by default): `gaps.csv`,
    /// `zones_districts.geojson`, `zones_provinces.geojson`, `uncovered_villages.geojson` or
    /// `uncovered_villages.csv`.
    func export(_ name: String, _ question: Question) async throws -> APIResponse {
        let gaps = try await gaps(question)
        let files = try gaps.tableFiles(layers: layers)
        guard let file = files.first(where: { $0.name == name }) else {
            throw APIError(404, "no export \"\(name)\" (expected \(files.map(\.name).joined(separator: ", ")))")
        }
        // A table starts with the byte-order mark, as the command writes it by default: planners open it in Excel.
        let type = file.isCSV ? "text/csv; charset=utf-8" : "application/geo+json"
        return APIResponse(contentType: type, body: (file.isCSV ? CSVWriter.byteOrderMark : []) + (try file.bytes), attachmentName: name)
    }
}
