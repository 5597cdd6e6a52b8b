/// The maximal covering location problem on one instance: choose up to `maxCount` candidates so
/// that the demand they cover together weighs the most. Demand is what is not covered yet (the
/// existing facilities are kept by leaving out what they already cover).
///
/// A greedy start (the candidate adding the most, again and again; ties to the lowest index),
/// improved by swaps (one chosen candidate for one not chosen, the best swap while one adds
/// anything), then ranked again greedily among the chosen. The covered weight is a submodular
/// function, so for any state S reached on the way, OPT ≤ f(S) + the sum of the k largest
/// marginal gains at S (Nemhauser, Wolsey & Fisher 1978); the Lagrangian relaxation
/// (``LagrangianCoverBound``) gives another, usually far tighter. The smaller is reported as an
/// upper bound on what any k candidates could cover, so a planner knows how far from optimal the
/// answer can be. Integer weights: every figure is exact.
public struct MaximalCovering: Sendable {
    /// Why the choice stopped.
    public enum StopReason: String, Sendable, Codable {
        /// `maxCount` candidates were chosen.
        case count
        /// The covered weight reached `stopAtWeight`.
        case target
        /// No candidate would cover anything more: everything coverable is covered.
        case noGain = "no_gain"
    }

    /// A chosen candidate, in rank order.
    public struct Pick: Sendable, Equatable {
        public let candidate: Int
        /// The weight it adds after the picks ranked before it.
        public let gain: Int
        /// The weight covered by it and the picks ranked before it.
        public let coveredAfter: Int
    }

    public let picks: [Pick]
    /// The weight the picks cover together.
    public let covered: Int
    /// No choice of `picks.count` candidates covers more than this.
    public let upperBound: Int
    public let stop: StopReason
    /// How many improving swaps the local search made.
    public let swaps: Int

    /// - Parameters:
    ///   - weights: the weight of each demand point (≥ 0).
    ///   - covers: for each candidate, the demand points it covers (indices into `weights`).
    ///   - maxCount: the most candidates to choose.
    ///   - stopAtWeight: stop as soon as the covered weight reaches this.
    public init(weights: [Int], covers: [[Int32]], maxCount: Int, stopAtWeight: Int? = nil) {
        var state = CoverState(weights: weights, covers: covers)
        let limit = min(max(0, maxCount), covers.count)

        // Greedy.
        var chosen: [Int] = []
        var stop = StopReason.count
        while chosen.count < limit {
            if let stopAtWeight, state.total >= stopAtWeight {
                stop = .target
                break
            }
            guard let best = state.bestAddition(), state.gains[best] > 0 else {
                stop = .noGain
                break
            }
            state.add(best)
            chosen.append(best)
        }
        if stop == .count, let stopAtWeight, state.total >= stopAtWeight { stop = .target }

        // Swaps: only a choice that stopped at its count can be improved by one.
        var swaps = 0
        if stop == .count {
            while let (out, into) = state.bestSwap(chosen) {
                state.remove(chosen[out])
                state.add(into)
                chosen[out] = into
                swaps += 1
            }
        }
        let finalBound = state.total + state.largestGains(chosen.count)

        // Rank the choice and bound it, replaying it greedily from nothing.
        var replay = CoverState(weights: weights, covers: covers)
        var remaining = chosen.sorted()
        var picks: [Pick] = []
        var bound = min(finalBound, replay.largestGains(chosen.count))
        while !remaining.isEmpty {
            let position = remaining.indices.max { (replay.gains[remaining[$0]], remaining[$1]) < (replay.gains[remaining[$1]], remaining[$0]) }!
            let candidate = remaining.remove(at: position)
            let gain = replay.gains[candidate]
            replay.add(candidate)
            picks.append(Pick(candidate: candidate, gain: gain, coveredAfter: replay.total))
            if !remaining.isEmpty && Self.boundsAt(step: picks.count, of: chosen.count) {
                bound = min(bound, replay.total + replay.largestGains(chosen.count))
            }
        }
        self.picks = picks
        covered = state.total
        if stop == .noGain {
            upperBound = state.total  // everything coverable is covered
        } else {
            let relaxed = LagrangianCoverBound.bound(weights: weights, covers: covers, k: chosen.count, lowerBound: state.total)
            upperBound = max(min(bound, relaxed), state.total)
        }
        self.stop = stop
        self.swaps = swaps
    }

    /// Bounds are taken at every step of a short choice and at about 64 steps of a long one
    /// (each costs a sort of the gains); any subset of steps gives a valid bound.
    static func boundsAt(step: Int, of count: Int) -> Bool {
        count <= 64 || step % (count / 64 + 1) == 0
    }
}

/// Which demand the chosen candidates cover, and what each other candidate would add.
private struct CoverState {
    let weights: [Int]
    let covers: [[Int32]]
    /// For each demand point, the candidates covering it.
    let coveredBy: [[Int32]]
    /// For each demand point, how many chosen candidates cover it.
    var count: [Int32]
    /// For each candidate, the weight it would add (0 for a chosen one).
    var gains: [Int]
    var total = 0

    init(weights: [Int], covers: [[Int32]]) {
        self.weights = weights
        self.covers = covers
        var coveredBy = Array(repeating: [Int32](), count: weights.count)
        for (candidate, demand) in covers.enumerated() {
            for point in demand { coveredBy[Int(point)].append(Int32(candidate)) }
        }
        self.coveredBy = coveredBy
        count = Array(repeating: 0, count: weights.count)
        gains = covers.map { $0.reduce(0) { $0 + weights[Int($1)] } }
    }

    /// The candidate adding the most (the lowest index among equals); nil when there are none.
    func bestAddition() -> Int? {
        gains.indices.max { (gains[$0], $1) < (gains[$1], $0) }
    }

    mutating func add(_ candidate: Int) {
        for point in covers[candidate] {
            let d = Int(point)
            count[d] += 1
            guard count[d] == 1 else { continue }
            total += weights[d]
            for other in coveredBy[d] { gains[Int(other)] -= weights[d] }
        }
    }

    mutating func remove(_ candidate: Int) {
        for point in covers[candidate] {
            let d = Int(point)
            count[d] -= 1
            guard count[d] == 0 else { continue }
            total -= weights[d]
            for other in coveredBy[d] { gains[Int(other)] += weights[d] }
        }
    }

    /// The swap (position in `chosen`, candidate to take its place) that adds the most, if any
    /// adds anything: the candidate's gain once the chosen one is gone is its gain now plus the
    /// demand that only the chosen one covers and it covers too.
    func bestSwap(_ chosen: [Int]) -> (Int, Int)? {
        let isChosen = Set(chosen)
        var bonus = Array(repeating: 0, count: covers.count)
        var best: (delta: Int, out: Int, into: Int)?
        for (position, candidate) in chosen.enumerated() {
            var loss = 0
            var touched: [Int] = []
            for point in covers[candidate] where count[Int(point)] == 1 {
                let d = Int(point)
                loss += weights[d]
                for other in coveredBy[d] where Int(other) != candidate {
                    if bonus[Int(other)] == 0 { touched.append(Int(other)) }
                    bonus[Int(other)] += weights[d]
                }
            }
            for other in gains.indices where !isChosen.contains(other) {
                let delta = gains[other] + bonus[other] - loss
                if delta > (best?.delta ?? 0) { best = (delta, position, other) }
            }
            for other in touched { bonus[other] = 0 }
        }
        return best.map { ($0.out, $0.into) }
    }

    /// The sum of the `k` largest gains.
    func largestGains(_ k: Int) -> Int {
        guard k > 0 else { return 0 }
        return gains.sorted(by: >).prefix(k).reduce(0, +)
    }
}
