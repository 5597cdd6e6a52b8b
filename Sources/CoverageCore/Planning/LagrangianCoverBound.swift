/// An upper bound on the maximal covering problem by Lagrangian relaxation (Galvão & ReVelle
/// 1996): relaxing "demand i counts only if a chosen candidate covers it" with multipliers
/// λᵢ ≥ 0 leaves a problem solved by inspection,
///
///     L(λ) = Σᵢ max(0, wᵢ − λᵢ) + (the sum of the k largest Σ_{i covered by j} λᵢ over candidates j),
///
/// and every L(λ) bounds the optimum from above. Subgradient steps lower it towards the linear
/// programming bound, usually within a fraction of a percent of the optimum, which the greedy
/// bound of ``MaximalCovering`` (often 20–30 % above) is not.
enum LagrangianCoverBound {
    /// The smallest L(λ) found, rounded down (the optimum is a whole number).
    /// - Parameters:
    ///   - k: how many candidates may be chosen.
    ///   - lowerBound: the weight a known choice covers (guides the step size).
    ///   - workLimit: about how many multiply-adds to spend (each iteration costs the instance's
    ///     size); the bound stays valid, only less tight, when it runs out.
    static func bound(weights: [Int], covers: [[Int32]], k: Int, lowerBound: Int, workLimit: Int = 200_000_000) -> Int {
        let demand = weights.count
        let size = max(1, covers.reduce(0) { $0 + $1.count } + covers.count + demand)
        let iterations = max(30, min(600, workLimit / size))
        let w = weights.map(Double.init)
        var lambda = w.map { $0 / 2 }
        var best = Double(weights.reduce(0, +))
        var step = 2.0
        var sinceImproved = 0
        var worth = Array(repeating: 0.0, count: covers.count)
        var timesCovered = Array(repeating: 0, count: demand)
        var gradient = Array(repeating: 0.0, count: demand)
        for _ in 0..<iterations {
            var value = 0.0
            for i in 0..<demand where w[i] > lambda[i] { value += w[i] - lambda[i] }
            for j in covers.indices { worth[j] = covers[j].reduce(0.0) { $0 + lambda[Int($1)] } }
            let chosen = largest(k, of: worth)
            value += chosen.reduce(0.0) { $0 + worth[$1] }
            if value < best - 1e-9 {
                best = value
                sinceImproved = 0
            } else {
                sinceImproved += 1
            }
            if sinceImproved >= 20 {
                step /= 2
                sinceImproved = 0
            }
            if best < Double(lowerBound) + 1 || step < 1e-4 { break }

            // Subgradient: wanted (wᵢ > λᵢ) minus how often the chosen candidates cover i.
            for i in timesCovered.indices { timesCovered[i] = 0 }
            for j in chosen { for i in covers[j] { timesCovered[Int(i)] += 1 } }
            var norm = 0.0
            for i in 0..<demand {
                gradient[i] = (w[i] > lambda[i] ? 1.0 : 0.0) - Double(timesCovered[i])
                norm += gradient[i] * gradient[i]
            }
            guard norm > 0 else { break }
            let length = step * (value - Double(lowerBound)) / norm
            for i in 0..<demand { lambda[i] = max(0, lambda[i] + length * gradient[i]) }
        }
        // Sums of up to millions of whole numbers in doubles: a relative slack keeps the bound safe.
        return Int((best * (1 + 1e-12) + 1e-6).rounded(.down))
    }

    /// The indices of the `k` largest values (the lower index first among equals), in O(n·k) at
    /// worst and about O(n) when few values beat the k-th.
    static func largest(_ k: Int, of values: [Double]) -> [Int] {
        guard k > 0 else { return [] }
        var top: [Int] = []  // descending
        top.reserveCapacity(k + 1)
        for index in values.indices {
            if top.count == k, values[index] <= values[top[k - 1]] { continue }
            var position = top.count
            while position > 0, values[top[position - 1]] < values[index] { position -= 1 }
            top.insert(index, at: position)
            if top.count > k { top.removeLast() }
        }
        return top
    }
}
