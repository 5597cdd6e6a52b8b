import GeoIO

/// Villages and facilities found by a few letters of their name, code or id, for a search box:
/// exact matches first, then names that start with the text, then names that contain it, then the
/// closest names by edit distance (a misspelt name still finds its village). Village names are
/// matched as ``QueryLookup/normalizedName(_:)`` reads them (case, repeated spaces and the `B.`
/// prefix ignored).
public struct PlaceSearch: Sendable {
    public struct Match: Sendable, Equatable {
        public enum Kind: String, Sendable { case village, facility }
        public let kind: Kind
        /// The village's position in ``LayerSet/villages``, or the facility's in ``LayerSet/facilities``.
        public let position: Int
        /// The village code or facility id.
        public let id: String
        public let name: String
        /// "District, Province".
        public let place: String
        /// How it matched: `exact`, `prefix`, `contains` or `closest`.
        public let how: String
    }

    public let matches: [Match]

    /// The `limit` best matches of `text` among the villages and facilities of `layers`.
    public init(_ text: String, layers: LayerSet, limit: Int) {
        let wanted = QueryLookup.normalizedName(text)
        guard !wanted.isEmpty, limit > 0 else {
            matches = []
            return
        }
        // rank: 0 exact, 1 prefix, 2 contains, 3 closest; within a rank, the smaller distance first
        // (the name's length for ranks 0–2, the edit distance for rank 3).
        struct Candidate {
            let kind: Match.Kind, position: Int, id: String, name: String, normalized: String, rank: Int
            var distance: Int
        }
        var candidates: [Candidate] = []
        func consider(_ kind: Match.Kind, _ position: Int, _ id: String, _ name: String) {
            let normalized = QueryLookup.normalizedName(name)
            let lowerID = id.lowercased()
            let rank =
                lowerID == wanted || normalized == wanted
                ? 0
                : normalized.hasPrefix(wanted) || lowerID.hasPrefix(wanted)
                    ? 1
                    : normalized.contains(wanted) || lowerID.contains(wanted) ? 2 : 3
            candidates.append(Candidate(kind: kind, position: position, id: id, name: name, normalized: normalized, rank: rank, distance: normalized.count))
        }
        for (position, village) in layers.villages.enumerated() { consider(.village, position, village.code, village.name) }
        for (position, facility) in layers.facilities.enumerated() { consider(.facility, position, facility.id, facility.name) }
        // Closest names only when the better kinds leave room (their edit distances are computed only
        // then), and only plausible ones (at most half the text changed).
        var chosen = candidates.filter { $0.rank < 3 }
        if chosen.count < limit {
            for var candidate in candidates where candidate.rank == 3 {
                candidate.distance = ClosestName.distance(wanted, candidate.normalized)
                if candidate.distance <= max(1, wanted.count / 2) { chosen.append(candidate) }
            }
        }
        let how = ["exact", "prefix", "contains", "closest"]
        matches = chosen.sorted { ($0.rank, $0.distance, $0.name, $0.id) < ($1.rank, $1.distance, $1.name, $1.id) }
            .prefix(limit).map { candidate in
                let (district, province) =
                    candidate.kind == .village
                    ? (layers.villages[candidate.position].districtPcode, layers.villages[candidate.position].provincePcode)
                    : (layers.facilities[candidate.position].districtPcode ?? "", layers.facilities[candidate.position].provincePcode ?? "")
                return Match(
                    kind: candidate.kind, position: candidate.position, id: candidate.id, name: candidate.name,
                    place: QueryLookup.place(district, province, layers), how: how[candidate.rank])
            }
    }
}
