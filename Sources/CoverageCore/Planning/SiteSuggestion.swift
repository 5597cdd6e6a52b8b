import GeometryKit

/// `coverage suggest`: where k new facilities of a tier or service would cover the most of the
/// demand (population, a target group, or facilities) that the existing ones leave beyond the
/// threshold, chosen among candidate sites (villages, or a candidate layer) by
/// ``MaximalCovering``.
///
/// "Covered" means what it means everywhere in the tool: the nearest facility within the
/// threshold, inclusive, by geodesic distance (or the minutes the standard's travel mode takes).
/// A new site covers a demand point exactly when a facility put there would; so adding the sites
/// as facilities covers `coveredAfter` (which a scenario can check).
public struct SiteSuggestion: Sendable {
    /// A suggested site, in rank order.
    public struct Site: Sendable {
        public let rank: Int
        public let candidate: CandidateSite
        /// The weight it newly covers after the sites ranked before it.
        public let gain: Int
        /// The region's covered weight with it and the sites ranked before it.
        public let coveredAfter: Int
        /// The demand points it newly covers (positions in ``points``), after those ranked before.
        public let newlyCovered: [Int]
    }

    public let target: CareTarget
    public let threshold: CoverageThreshold
    public let region: Region
    public let demand: DemandKind
    /// What is counted: a target group of villages, or facilities (each counts 1).
    public let weight: SuggestionWeight
    /// Every demand point of the layer (facilities or villages), as the assignment has them.
    public let points: [DemandPoint]
    /// The positions in ``points`` of the region's demand.
    public let regionPoints: [Int]
    /// The region's demand weight, covered or not.
    public let demandTotal: Int
    /// Covered by the existing facilities.
    public let coveredBefore: Int
    public let sites: [Site]
    /// No `sites.count` new sites among the candidates could cover more than `coveredBefore` + this.
    public let upperBoundOnGain: Int
    public let stop: MaximalCovering.StopReason
    public let candidateCount: Int
    public let swaps: Int

    public var coveredAfter: Int { sites.last?.coveredAfter ?? coveredBefore }
    public var gain: Int { coveredAfter - coveredBefore }

    /// - Parameters:
    ///   - candidates: where a site may go; those outside the region are left out.
    ///   - count: the most sites to suggest.
    ///   - targetPercent: stop once this share of the region's demand is covered.
    public init(
        layers: LayerSet, standards: CoverageStandards, target: CareTarget, threshold: CoverageThreshold,
        region: Region, demand: DemandKind = .villages, weight: SuggestionWeight = .group(.population),
        candidates: [CandidateSite], count: Int, targetPercent: Double? = nil, threads: Int? = nil
    ) throws {
        // A distance limit is judged on the geodesic nearest alone: no raster search is needed for it.
        let measured = threshold.isDistance ? standards.overriding(travel: .straight, friction: nil) : standards
        let assignment = try CoverageAssignment(layers: layers, standards: measured, targets: [target], demand: demand, threads: threads)
        let points = assignment.points
        let regionPoints = points.indices.filter { region.contains(districtPcode: points[$0].districtPcode, provincePcode: points[$0].provincePcode) }
        let nearest = assignment.care(target, judgedBy: threshold)
        let weights = regionPoints.map { weight.value(of: points[$0]) }
        let isCovered = regionPoints.map { nearest[$0].isCovered(by: threshold) }
        let demandTotal = weights.reduce(0, +)
        let coveredBefore = zip(weights, isCovered).filter(\.1).reduce(0) { $0 + $1.0 }

        // The demand left: the region's uncovered points, and which candidates would cover each.
        let open = regionPoints.indices.filter { !isCovered[$0] }
        let inRegion = candidates.filter { region.contains(districtPcode: $0.districtPcode, provincePcode: $0.provincePcode) }
        var covers = Array(repeating: [Int32](), count: inRegion.count)
        let reach = try standards.sitesCovering(
            open.map { points[regionPoints[$0]].location }, from: inRegion.map(\.location),
            target: target, threshold: threshold, threads: threads)
        for (demandIndex, sites) in reach.enumerated() {
            for (site, _) in sites { covers[site].append(Int32(demandIndex)) }
        }
        let openWeights = open.map { weights[$0] }
        let stopAt = targetPercent.map { percent in
            // The smallest whole weight that is at least `percent` of the total, less what is covered.
            let needed = Int((percent / 100 * Double(demandTotal)).rounded(.up))
            return needed - coveredBefore
        }
        let choice = MaximalCovering(weights: openWeights, covers: covers, maxCount: count, stopAtWeight: stopAt)

        var taken = Set<Int>()
        sites = choice.picks.enumerated().map { rank, pick in
            let newly = covers[pick.candidate].map(Int.init).filter { taken.insert($0).inserted }
            return Site(
                rank: rank + 1, candidate: inRegion[pick.candidate], gain: pick.gain,
                coveredAfter: coveredBefore + pick.coveredAfter, newlyCovered: newly.map { regionPoints[open[$0]] })
        }
        self.target = target
        self.threshold = threshold
        self.region = region
        self.demand = demand
        self.weight = weight
        self.points = points
        self.regionPoints = regionPoints
        self.demandTotal = demandTotal
        self.coveredBefore = coveredBefore
        upperBoundOnGain = choice.upperBound
        stop = choice.stop
        candidateCount = inRegion.count
        swaps = choice.swaps
    }
}

/// What a suggestion counts: people of a target group in villages, or facilities.
public enum SuggestionWeight: Sendable, Equatable {
    case group(TargetGroup)
    case facilities

    public var name: String {
        switch self {
        case .group(let group): group.rawValue
        case .facilities: "facilities"
        }
    }

    /// The point's weight: the group's count (0 where a village does not give it), or 1.
    func value(of point: DemandPoint) -> Int {
        switch self {
        case .group(let group): point.figures[group] ?? 0
        case .facilities: 1
        }
    }
}
