import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

/// The maximal covering choice against the exact optimum found by trying every set of k
/// candidates, on small seeded random instances.
@Suite("MaximalCovering")
struct MaximalCoveringTests {
    struct Instance {
        let weights: [Int]
        let covers: [[Int32]]
    }

    /// Demand points and candidates on a line, each candidate covering the points within a
    /// random reach, some weights 0 (villages without anyone counted).
    static func instance(seed: UInt64, candidates: Int = 12, demand: Int = 30) -> Instance {
        var random = SplitMix64(seed: seed)
        func uniform(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        let weights = (0..<demand).map { _ in uniform(5) == 0 ? 0 : uniform(1_000) }
        let positions = (0..<demand).map { _ in uniform(1_000) }
        let covers = (0..<candidates).map { _ -> [Int32] in
            let at = uniform(1_000), reach = 20 + uniform(150)
            return positions.indices.filter { abs(positions[$0] - at) <= reach }.map(Int32.init)
        }
        return Instance(weights: weights, covers: covers)
    }

    static func coverage(_ chosen: [Int], _ instance: Instance) -> Int {
        Set(chosen.flatMap { instance.covers[$0] }).reduce(0) { $0 + instance.weights[Int($1)] }
    }

    /// The best weight any k candidates cover, by trying every set of k.
    static func optimum(_ instance: Instance, k: Int) -> Int {
        func best(from start: Int, chosen: [Int]) -> Int {
            if chosen.count == k || start == instance.covers.count { return coverage(chosen, instance) }
            return max(best(from: start + 1, chosen: chosen + [start]), best(from: start + 1, chosen: chosen))
        }
        return best(from: 0, chosen: [])
    }

    @Test func nearOptimalWithAValidBoundOnRandomInstances() {
        var optimal = 0, runs = 0
        for seed in 1...60 {
            let instance = Self.instance(seed: UInt64(seed))
            for k in 1...4 {
                let choice = MaximalCovering(weights: instance.weights, covers: instance.covers, maxCount: k)
                let best = Self.optimum(instance, k: k)
                let picked = choice.picks.map(\.candidate)
                runs += 1
                #expect(Set(picked).count == picked.count && picked.count <= k)
                #expect(choice.covered == Self.coverage(picked, instance), "seed \(seed) k \(k)")
                #expect(choice.covered <= best)
                #expect(Double(choice.covered) >= (1 - 1 / 2.718281828) * Double(best), "the greedy guarantee, seed \(seed) k \(k)")
                #expect(choice.upperBound >= best, "the bound must hold: seed \(seed) k \(k), bound \(choice.upperBound), optimum \(best)")
                #expect(LagrangianCoverBound.bound(weights: instance.weights, covers: instance.covers, k: k, lowerBound: 0) >= best)
                if choice.covered == best { optimal += 1 }
            }
        }
        // Greedy and swaps find the optimum nearly always on instances this small.
        #expect(optimal >= runs * 9 / 10, "optimal in \(optimal) of \(runs)")
    }

    @Test func noSingleSwapImprovesTheChoice() {
        for seed in 100...130 {
            let instance = Self.instance(seed: UInt64(seed), candidates: 20, demand: 60)
            let choice = MaximalCovering(weights: instance.weights, covers: instance.covers, maxCount: 3)
            let picked = choice.picks.map(\.candidate)
            guard choice.stop == .count else { continue }
            for (position, _) in picked.enumerated() {
                for other in instance.covers.indices where !picked.contains(other) {
                    var swapped = picked
                    swapped[position] = other
                    #expect(Self.coverage(swapped, instance) <= choice.covered, "seed \(seed): swapping in \(other) would add")
                }
            }
        }
    }

    @Test func ranksByWhatEachAddsAfterThoseBefore() {
        let instance = Self.instance(seed: 7, candidates: 30, demand: 80)
        let choice = MaximalCovering(weights: instance.weights, covers: instance.covers, maxCount: 6)
        var before: [Int] = []
        for pick in choice.picks {
            let added = Self.coverage(before + [pick.candidate], instance) - Self.coverage(before, instance)
            before.append(pick.candidate)
            #expect(pick.gain == added)
            #expect(pick.coveredAfter == Self.coverage(before, instance))
        }
        #expect(zip(choice.picks, choice.picks.dropFirst()).allSatisfy { $0.gain >= $1.gain }, "gains never grow down the ranks")
    }

    @Test func stopsAtTheTargetWeight() {
        // Three disjoint candidates weighing 50, 30 and 20.
        let weights = [50, 30, 20]
        let covers: [[Int32]] = [[0], [1], [2]]
        let choice = MaximalCovering(weights: weights, covers: covers, maxCount: 3, stopAtWeight: 70)
        #expect(choice.picks.map(\.candidate) == [0, 1])
        #expect(choice.stop == .target)
        #expect(MaximalCovering(weights: weights, covers: covers, maxCount: 3, stopAtWeight: 0).picks.isEmpty)
    }

    @Test func stopsWhenNothingMoreCanBeCovered() {
        let choice = MaximalCovering(weights: [5, 5, 0], covers: [[0, 1], [1], [2], []], maxCount: 4)
        #expect(choice.picks.map(\.candidate) == [0])
        #expect(choice.stop == .noGain)
        #expect(choice.upperBound == 10)
    }

    @Test func tiesGoToTheLowerIndexAndAnEmptyInstanceChoosesNothing() {
        let choice = MaximalCovering(weights: [4, 4], covers: [[1], [0], [0]], maxCount: 1)
        #expect(choice.picks.map(\.candidate) == [0])
        let empty = MaximalCovering(weights: [], covers: [], maxCount: 5)
        #expect(empty.picks.isEmpty && empty.covered == 0 && empty.upperBound == 0)
    }

    @Test func swapsEscapeAGreedyTrap() {
        // Candidate 0 covers the middle of two clusters and wins the greedy start; 1 and 2
        // together cover everything. The swap must find that.
        let weights = [10, 10, 10, 10, 10, 10]
        let covers: [[Int32]] = [[1, 2, 3, 4], [0, 1, 2], [3, 4, 5]]
        let choice = MaximalCovering(weights: weights, covers: covers, maxCount: 2)
        #expect(Set(choice.picks.map(\.candidate)) == [1, 2])
        #expect(choice.covered == 60 && choice.upperBound == 60 && choice.swaps == 1)
    }
}
