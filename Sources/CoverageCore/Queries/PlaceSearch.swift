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
        var scored: [(rank: Int, distance: Int, match: Match)] = []
        func consider(_ kind: Match.Kind, _ position: Int, _ id: String, _ name: String) {
            let normalized = QueryLookup.normalizedName(name)
            let lowerID = id.lowercased()
            let rank: Int
            let how: String
            if lowerID == wanted || normalized == wanted {
                (rank, how) = (0, "exact")
            } else if normalized.hasPrefix(wanted) || lowerID.hasPrefix(wanted) {
                (rank, how) = (1, "prefix")
            } else if normalized.contains(wanted) || lowerID.contains(wanted) {
                (rank, how) = (2, "contains")
            } else {
                (rank, how) = (3, "closest")
            }
            let distance = rank == 3 ? ClosestName.distance(wanted, normalized) : normalized.count
            scored.append((rank, distance, Match(kind: kind, position: position, id: id, name: name, place: "", how: how)))
        }
        guard !wanted.isEmpty, limit > 0 else {
            matches = []
            return
        }
        for (position, village) in layers.villages.enumerated() { consider(.village, position, village.code, village.name) }
        for (position, facility) in layers.facilities.enumerated() { consider(.facility, position, facility.id, facility.name) }
        // Closest names only when the better kinds leave room, and only plausible ones (at most half the text changed).
        let better = scored.filter { $0.rank < 3 }
        let closest = better.count >= limit ? [] : scored.filter { $0.rank == 3 && $0.distance <= max(1, wanted.count / 2) }
        matches = (better + closest)
            .sorted { ($0.rank, $0.distance, $0.match.name, $0.match.id) < ($1.rank, $1.distance, $1.match.name, $1.match.id) }
            .prefix(limit).map { scoredMatch in
                let match = scoredMatch.match
                let (district, province) =
                    match.kind == .village
                    ? (layers.villages[match.position].districtPcode, layers.villages[match.position].provincePcode)
                    : (layers.facilities[match.position].districtPcode ?? "", layers.facilities[match.position].provincePcode ?? "")
                return Match(
                    kind: match.kind, position: match.position, id: match.id, name: match.name,
                    place: QueryLookup.place(district, province, layers), how: match.how)
            }
    }
}
