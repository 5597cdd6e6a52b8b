/// A query named no record, or several: the name or code as given, and the records to choose
/// from — every match when it is ambiguous, the closest ones when it is unknown.
public struct QueryLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the lookup failed.
    public enum Kind: String, Sendable, Equatable {
        /// Nothing matches; ``QueryLookupError/candidates`` are the closest records.
        case unknown
        /// Several records match; ``QueryLookupError/candidates`` are all of them.
        case ambiguous
    }

    /// A record offered to choose from.
    public struct Candidate: Sendable, Equatable {
        /// The code or id that names it exactly.
        public let id: String
        /// Its name as the layer gives it.
        public let name: String
        /// Where it is: "Chanthabuly, Vientiane Capital" (district and province names, else P-codes).
        public let place: String
    }

    /// Unknown or ambiguous.
    public let kind: Kind
    /// "village" or "facility".
    public let noun: String
    /// The name or code as given.
    public let query: String
    /// The records to choose from, in layer order (ambiguous) or closest first (unknown).
    public let candidates: [Candidate]
    /// How many more records matched than are listed (ambiguous names list them all: 0).
    public let omitted: Int
    /// The noun in the plural ("villages", "facilities").
    public let plural: String
    /// What names one record exactly ("code", "id", "P-code").
    public let codeName: String

    /// An error about `query`, a `noun`, offering `candidates` (and `omitted` more); `plural` and
    /// `codeName` default to those of villages (`villages`, `code`) and facilities (`facilities`, `id`).
    public init(
        kind: Kind, noun: String, query: String, candidates: [Candidate], omitted: Int = 0, plural: String? = nil, codeName: String? = nil
    ) {
        self.kind = kind
        self.noun = noun
        self.query = query
        self.candidates = candidates
        self.omitted = omitted
        self.plural = plural ?? (noun == "facility" ? "facilities" : noun + "s")
        self.codeName = codeName ?? (noun == "facility" ? "id" : "code")
    }

    /// The first line: what is wrong and what to do.
    public var headline: String {
        switch kind {
        case .unknown:
            "no \(noun) has the code or name \"\(query)\"" + (candidates.isEmpty ? "" : "; the closest are:")
        case .ambiguous:
            "\(candidates.count + omitted) \(plural) are named \"\(query)\"; give the \(codeName) of one:"
        }
    }

    /// The headline, then one line per candidate: `  101001  B. Nongping  (Chanthabuly, Vientiane Capital)`.
    public var description: String {
        let width = candidates.map(\.id.count).max() ?? 0
        var lines = [headline]
        for candidate in candidates {
            lines.append(
                "  " + candidate.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + candidate.name
                    + (candidate.place.isEmpty ? "" : "  (\(candidate.place))"))
        }
        if omitted > 0 { lines.append("  … and \(omitted) more") }
        return lines.joined(separator: "\n")
    }
}
