import CoverageCore
import GeoIO

extension CoverageAPI {
    /// `GET /api/villages/{code}`: exactly what `coverage query village CODE --json` prints (every
    /// tier, the standards as loaded), read from one assignment of every village made on first use;
    /// with `format=text`, exactly what `coverage query village CODE` prints.
    func village(_ code: String, format: String?) async throws -> APIResponse {
        guard let position = layers.villages.firstIndex(where: { $0.code == code }) else {
            _ = try QueryLookup.village(code, in: layers)  // a name: throws with the closest codes, or finds it
            throw APIError(404, "no village with code \"\(code)\" (give the code; /api/search finds it by name)")
        }
        let assignment: CoverageAssignment
        if let made = villageAssignment.withLock({ $0 }) {
            assignment = made
        } else {
            assignment = try await gate.run { [layers, standards, threads] in
                try CoverageAssignment(layers: layers, standards: standards, targets: FacilityTier.allCases.map(CareTarget.tier), threads: threads)
            }
            villageAssignment.withLock { $0 = assignment }
        }
        let answer = try VillageQuery(position: position, assignment: assignment, layers: layers)
        switch format ?? "json" {
        case "json": return APIResponse(contentType: "application/json", body: Array((try answer.json(facilities: layers.facilities).jsonText() + "\n").utf8))
        case "text":
            return queryText(QueryText.village(answer, layers: layers))
        case let other: throw APIError(400, "format \"\(other)\" is not a format (expected json or text)")
        }
    }

    /// `GET /api/facilities/{id}`: what `coverage query facility ID --json` prints, and under
    /// `catchment_villages` the villages its catchment holds (`village_code`, `lon`, `lat`, for the
    /// map); with `format=text`, exactly what `coverage query facility ID` prints.
    func facility(_ id: String, format: String?) async throws -> APIResponse {
        guard let position = layers.facilities.firstIndex(where: { $0.id == id }) else {
            throw APIError(404, "no facility with id \"\(id)\" (/api/search finds it by name)")
        }
        guard ["json", "text"].contains(format ?? "json") else { throw APIError(400, "format \"\(format ?? "")\" is not a format (expected json or text)") }
        let answer = try await gate.run { [layers, standards, threads] in
            try FacilityQuery(layers.facilities[position].id, layers: layers, standards: standards, threads: threads)
        }
        if format == "text" {
            return queryText(QueryText.facility(answer, layers: layers))
        }
        var value = answer.json(facilities: layers.facilities)
        let villages = (answer.catchment?.points ?? []).map { position in
            let village = layers.villages[position]
            return JSONValue.object(
                JSONObject([("village_code", .string(village.code)), ("lon", .coordinate(village.location.lon)), ("lat", .coordinate(village.location.lat))]))
        }
        if case .object(let object) = value { value = .object(object.setting("catchment_villages", to: .array(villages))) }
        return try .json(value)
    }

    /// What `coverage query village|facility` prints without `--json`: the answer, then how the
    /// minutes of every tier were measured.
    private func queryText(_ answer: String) -> APIResponse {
        let notes = TravelNotes(standards: standards, targets: FacilityTier.allCases.map(CareTarget.tier)).lines.map { "Note: " + $0 }
        return APIResponse(contentType: "text/plain; charset=utf-8", body: Array(([answer] + notes).joined(separator: "\n").utf8) + [0x0A])
    }

    /// `GET /api/search?q=TEXT&limit=N`: villages and facilities whose code, id or name matches,
    /// best first (exact, prefix, contains, then the closest names).
    func search(_ fields: RequestFields) throws -> JSONValue {
        guard let text = try fields.text("q"), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError(400, "q: give the text to search for")
        }
        guard text.count <= APILimits.searchText else { throw APIError(400, "q is too long (at most \(APILimits.searchText) characters)") }
        let limit = try fields.whole("limit", in: 1...APILimits.searchResults) ?? 10
        let found = PlaceSearch(text, layers: layers, limit: limit)
        return .array(
            found.matches.map { match in
                let location = match.kind == .village ? layers.villages[match.position].location : layers.facilities[match.position].location
                return .object(
                    JSONObject([
                        ("kind", .string(match.kind.rawValue)), ("id", .string(match.id)), ("name", .string(match.name)),
                        ("place", .string(match.place)), ("match", .string(match.how)),
                        ("lon", .coordinate(location.lon)), ("lat", .coordinate(location.lat)),
                    ]))
            })
    }
}
