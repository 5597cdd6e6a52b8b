import Foundation
import GeoIO

/// Finds the village or facility a planner names on a command line: by exact code or id, else by
/// name, forgiving case, repeated spaces and the `B.` / `Ban` prefix of village names.
public enum QueryLookup {
    /// How many closest records an unknown name lists.
    public static let closestLimit = 5

    /// The position in ``LayerSet/villages`` of the village `query` names: its code exactly, else
    /// its name (see ``normalizedName(_:)``).
    /// - Throws: ``QueryLookupError`` (`ambiguous`) listing every village of that name with its
    ///   code and district when several have it; (`unknown`) listing the closest codes (for a
    ///   query of digits) or names otherwise.
    public static func village(_ query: String, in layers: LayerSet) throws -> Int {
        let trimmed = query.trimmingBlanks
        let villages = layers.villages
        if let exact = villages.firstIndex(where: { $0.code == trimmed }) { return exact }
        let wanted = normalizedName(trimmed)
        let named = villages.indices.filter { normalizedName(villages[$0].name) == wanted }
        func candidate(_ index: Int) -> QueryLookupError.Candidate {
            let village = villages[index]
            return .init(id: village.code, name: village.name, place: place(village.districtPcode, village.provincePcode, layers))
        }
        if named.count == 1 { return named[0] }
        if named.count > 1 { throw QueryLookupError(kind: .ambiguous, noun: "village", query: trimmed, candidates: named.map(candidate)) }

        if !trimmed.isEmpty, trimmed.allSatisfy(\.isNumber) {
            let codes = ClosestName.nearest(to: trimmed, among: villages.map(\.code), limit: closestLimit)
            let byCode = Dictionary(villages.indices.map { (villages[$0].code, $0) }, uniquingKeysWith: { first, _ in first })
            throw QueryLookupError(kind: .unknown, noun: "village", query: trimmed, candidates: codes.compactMap { byCode[$0] }.map(candidate))
        }
        // The closest names, each with every village that has it (at most 10 villages listed).
        var byName: [String: [Int]] = [:]
        for index in villages.indices { byName[normalizedName(villages[index].name), default: []].append(index) }
        let names = ClosestName.nearest(to: wanted, among: Array(byName.keys), limit: closestLimit)
        let matches = names.flatMap { byName[$0] ?? [] }
        throw QueryLookupError(
            kind: .unknown, noun: "village", query: trimmed, candidates: matches.prefix(10).map(candidate),
            omitted: max(0, matches.count - 10))
    }

    /// The position in ``LayerSet/facilities`` of the facility `query` names: its id (ignoring
    /// case), else its name (ignoring case and repeated spaces).
    /// - Throws: ``QueryLookupError`` (`ambiguous`) listing every facility of that name; (`unknown`)
    ///   listing the facilities whose id or name is closest.
    public static func facility(_ query: String, in layers: LayerSet) throws -> Int {
        let trimmed = query.trimmingBlanks
        let facilities = layers.facilities
        if let exact = facilities.firstIndex(where: { $0.id == trimmed }) { return exact }
        let lowered = trimmed.lowercased()
        let byId = facilities.indices.filter { facilities[$0].id.lowercased() == lowered }
        if byId.count == 1 { return byId[0] }
        func candidate(_ index: Int) -> QueryLookupError.Candidate {
            let facility = facilities[index]
            return .init(id: facility.id, name: facility.name, place: place(facility.districtPcode ?? "", facility.provincePcode ?? "", layers))
        }
        let wanted = collapsed(lowered)
        let named = facilities.indices.filter { collapsed(facilities[$0].name.lowercased()) == wanted }
        if named.count == 1 { return named[0] }
        if byId.count + named.count > 1 {
            throw QueryLookupError(kind: .ambiguous, noun: "facility", query: trimmed, candidates: (byId + named).map(candidate))
        }
        // Closest by id or by name, whichever is nearer.
        var owner: [String: Int] = [:]
        for index in facilities.indices {
            if owner[facilities[index].id] == nil { owner[facilities[index].id] = index }
            if owner[facilities[index].name] == nil { owner[facilities[index].name] = index }
        }
        var seen = Set<Int>()
        let closest = ClosestName.nearest(to: trimmed, among: Array(owner.keys), limit: 4 * closestLimit)
            .compactMap { owner[$0] }.filter { seen.insert($0).inserted }.prefix(closestLimit)
        throw QueryLookupError(kind: .unknown, noun: "facility", query: trimmed, candidates: closest.map(candidate))
    }

    /// A village name reduced for matching: lower case, runs of spaces as one, and a leading
    /// `b.`, `b ` or `ban ` (Ban, "village") dropped, so that `Nongping`, `B. Nongping`,
    /// `ban nongping` and `B.  Nongping` all match.
    public static func normalizedName(_ name: String) -> String {
        var text = collapsed(name.lowercased())
        for prefix in ["ban ", "b. ", "b.", "b "] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count)).trimmingBlanks
            break
        }
        return text
    }

    /// Trimmed, with runs of white space as one space.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// "Chanthabuly, Vientiane Capital": the district's and province's English names, else the
    /// P-codes as given.
    static func place(_ districtPcode: String, _ provincePcode: String, _ layers: LayerSet) -> String {
        let district = layers.district(districtPcode)?.nameEN ?? districtPcode
        let province = layers.province(provincePcode)?.nameEN ?? provincePcode
        return [district, province].filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
