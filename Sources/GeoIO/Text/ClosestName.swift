/// Suggestions for misspelt names: the known name nearest by edit distance.
package enum ClosestName {
    /// The candidate closest to `name` (case-insensitive Levenshtein distance), if it is close
    /// enough to be a plausible typo: at most a third of the name's length, and at least 1.
    package static func suggestion(for name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        let scored = candidates.map { ($0, distance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(1, lowered.count / 3) ? best.0 : nil
    }

    /// The `limit` candidates closest to `name`, nearest first (for "did you mean" lists).
    package static func nearest(to name: String, among candidates: [String], limit: Int) -> [String] {
        let lowered = name.lowercased()
        return
            candidates
            .map { ($0, distance(lowered, $0.lowercased())) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit).map(\.0)
    }

    /// Levenshtein edit distance between two strings, by characters.
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
