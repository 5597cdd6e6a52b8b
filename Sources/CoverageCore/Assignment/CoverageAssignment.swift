import DistanceKernel
import GeoIO
import GeometryKit
import Parallelism

/// Every demand point's care, for every target: the nearest facility providing it (geographic
/// mode), the facility its administrative units refer it to (administrative mode, tiers only),
/// and for villages the referral chain health centre → district hospital → provincial hospital.
/// A tier walked over a raster has its administrative facility and referral hop by travel time
/// too: the nearest by minutes of the facilities its units refer it to.
///
/// A target measured straight (``TravelMeasure/straight``) is allocated by geodesic distance on
/// WGS 84 from the distance kernel (exact nearest, not the haversine nearest), its minutes by the
/// travel model. A target measured over a raster is allocated by travel time over its mode's
/// friction raster (``RasterAllocation``): the nearest facility in minutes, which may lie farther
/// than the geodesic nearest; its distance limits are still judged on the geodesic nearest
/// (``care(_:judgedBy:)``). Identical whatever the thread count.
public struct CoverageAssignment: Sendable {
    public let demand: DemandKind
    public let points: [DemandPoint]
    /// The targets assigned, in order (tiers in referral order, then services).
    public let targets: [CareTarget]
    /// Per target, per point: the nearest facility providing the care (a district hospital
    /// provides health-centre care), by the target's travel measure: the allocation.
    public let nearest: [CareTarget: [CareAssignment]]
    /// Per target measured over a raster, per point: the nearest facility providing the care by
    /// geodesic distance, on which its distance limits are judged.
    public let nearestByDistance: [CareTarget: [CareAssignment]]
    /// Per target measured over a raster, the minutes of every cell to its nearest provider (none
    /// when no provider lies on the raster), and which provider: its isochrones draw the gap areas,
    /// its cells the catchment polygons.
    public let travelMinutes: [CareTarget: TravelMinutes]
    /// What the raster allocation could not place: per friction kind, the facilities that start no
    /// search (outside the raster or on an impassable cell) and the points on no passable cell.
    public let unplaced: [FrictionKind: (facilities: [Int], points: [Int])]
    /// Per tier target, per point: the nearest facility of that tier itself (the nearest health
    /// centre, which may lie beyond a nearer hospital that provides the same care).
    public let nearestOfTier: [CareTarget: [CareAssignment]]
    /// Per tier, per point: health centre in the point's district, district hospital of its
    /// district, provincial hospital of its province (else the central hospital), central hospital.
    public let administrative: [CareTarget: [CareAssignment]]
    /// Per village, its referral chain (nil for facilities as demand).
    public let chains: [ReferralChain]?
    /// The standards the times were computed with.
    public let standards: CoverageStandards

    /// How much an assignment finds.
    public enum Scope: Sendable {
        /// Everything above.
        case everything
        /// Only what coverage is judged on: the nearest provider of each target, by its travel
        /// measure and by distance (``nearest``, ``nearestByDistance``, ``travelMinutes``); no nearest
        /// facility of the tier, no administrative facilities, no referral chains. A what-if on the
        /// web page asks for this: over a raster, the rest costs two thirds of the time.
        case coverage
    }

    /// Assigns every point of `demand` in `layers` to each of `targets`.
    ///
    /// - Parameter threads: worker threads for the distance kernel (default: all cores); the
    ///   result does not depend on it.
    /// - Throws: ``InputError`` when a target has no standard (its travel mode is needed).
    public init(
        layers: LayerSet, standards: CoverageStandards, targets: [CareTarget], demand: DemandKind = .villages,
        scope: Scope = .everything, threads: Int? = nil
    ) throws {
        try self.init(
            points: DemandPoint.all(demand, in: layers), facilities: layers.facilities, standards: standards,
            targets: targets, demand: demand, scope: scope, threads: threads)
    }

    /// Assigns any demand points (a spot a planner asks about, a candidate site) to `facilities`;
    /// see ``init(layers:standards:targets:demand:threads:)``. Referral chains are made when
    /// `demand` is villages.
    public init(
        points: [DemandPoint], facilities: [Facility], standards: CoverageStandards, targets: [CareTarget],
        demand: DemandKind = .villages, scope: Scope = .everything, threads: Int? = nil
    ) throws {
        let everything = scope == .everything
        let targets = Array(Set(targets)).sorted()
        for target in targets { _ = try standards.standard(for: target) }
        self.demand = demand
        self.points = points
        self.targets = targets
        self.standards = standards

        // Geographic: one kernel index partitioned by target and tier answers everything at once.
        var entries: [(key: NearestKey, facility: Int)] = []
        for target in targets {
            // A raster target's nearest of its own tier comes from the raster alone.
            let ofTier = everything && target.isTier && standards.standards[target]?.travel != .raster
            for (index, facility) in facilities.enumerated() {
                if target.isProvided(by: facility) { entries.append((.providing(target), index)) }
                if ofTier && target.isOwnTier(of: facility) { entries.append((.ofTier(target), index)) }
            }
        }
        let index = try PartitionedFacilityIndex(entries: entries, coordinates: facilities.map(\.location))
        var found = try index.nearest(
            longitudes: points.map(\.location.lon), latitudes: points.map(\.location.lat),
            options: QueryOptions(metric: .geodesic, threads: threads))
        // Each answer of the kernel is dropped once turned into assignments (each key is asked
        // once): for a national layer they are hundreds of megabytes.
        func assignments(_ key: NearestKey, _ target: CareTarget) -> [CareAssignment] {
            guard let result = found.removeValue(forKey: key) else { return Array(repeating: .unreachable, count: points.count) }
            return (0..<points.count).map { position in
                guard let (facility, meters) = result[position] else { return .unreachable }
                return CareAssignment(facility: facility, distanceMeters: meters, minutes: standards.minutes(distanceMeters: meters, to: target))
            }
        }
        var nearest: [CareTarget: [CareAssignment]] = [:]
        var nearestOfTier: [CareTarget: [CareAssignment]] = [:]
        var nearestByDistance: [CareTarget: [CareAssignment]] = [:]
        var travelMinutes: [CareTarget: TravelMinutes] = [:]
        // The raster targets' searches, made together: from the providers of each (keeping every
        // cell's minutes for its isochrones) and, for a tier, from the facilities of the tier itself.
        var requests: [CareTarget: (providing: RasterAllocation.Request, ofTier: RasterAllocation.Request?)] = [:]
        for target in targets {
            let standard = try standards.standard(for: target)
            guard standard.travel == .raster else { continue }
            let kind = standard.mode.frictionKind
            requests[target] = (
                RasterAllocation.Request(among: facilities.indices.filter { target.isProvided(by: facilities[$0]) }, kind: kind, keepingMinutes: true),
                everything && target.isTier
                    ? RasterAllocation.Request(among: facilities.indices.filter { target.isOwnTier(of: facilities[$0]) }, kind: kind, keepingMinutes: false)
                    : nil
            )
        }
        // The administrative facilities and the referral hops of a tier walked over a raster start
        // from the search from every facility of the tier (most answers are read from it; the
        // others come from a search among the candidates alone, RestrictedNearest). Motorized
        // tiers keep the straight line here: on roads RestrictedNearest's windows grow to the
        // whole country, ~0.15 s a district (TravelNotes says so).
        let withChains = everything && demand == .villages
        let referralTiers = Set(targets.compactMap { target -> FacilityTier? in if everything, case .tier(let tier) = target { tier } else { nil } })
            .union(withChains ? [.healthCentre, .districtHospital, .provincialHospital] : [])
        var referralRequests: [FacilityTier: RasterAllocation.Request] = [:]
        for tier in referralTiers {
            guard let standard = standards.standards[.tier(tier)], standard.travel == .raster, standard.mode.frictionKind == .walking else { continue }
            referralRequests[tier] = RasterAllocation.Request(
                among: facilities.indices.filter { CareTarget.tier(tier).isOwnTier(of: facilities[$0]) }, kind: standard.mode.frictionKind,
                keepingMinutes: false)
        }
        let raster = try RasterAllocation(
            requests: requests.values.flatMap { [$0.providing] + ($0.ofTier.map { [$0] } ?? []) } + referralRequests.values,
            points: points.map(\.location), facilities: facilities.map(\.location), standards: standards, threads: threads)
        for target in targets {
            guard let request = requests[target] else {
                nearest[target] = assignments(.providing(target), target)
                if everything && target.isTier { nearestOfTier[target] = assignments(.ofTier(target), target) }
                continue
            }
            nearestByDistance[target] = assignments(.providing(target), target)
            let allocated = raster.allocated(request.providing)
            nearest[target] = allocated.assignments
            travelMinutes[target] = allocated.minutes
            if let ofTier = request.ofTier { nearestOfTier[target] = raster.allocated(ofTier).assignments }
        }
        self.nearest = nearest
        self.nearestOfTier = nearestOfTier
        self.nearestByDistance = nearestByDistance
        self.travelMinutes = travelMinutes
        var unplaced: [FrictionKind: (facilities: [Int], points: [Int])] = [:]
        for kind in FrictionKind.allCases { unplaced[kind] = raster.unplaced(kind) }
        self.unplaced = unplaced

        // Administrative, straight-line tiers: every point on its own, in blocks of points on all
        // threads; likewise the chains unless a hop of them is walked over a raster (below).
        let referral = AdministrativeReferral(facilities: facilities, standards: standards)
        let allTiers = targets.compactMap { target -> (CareTarget, FacilityTier)? in
            if everything, case .tier(let tier) = target { (target, tier) } else { nil }
        }
        let tiers = allTiers.filter { referralRequests[$0.1] == nil }
        let chainsByRaster = withChains && [FacilityTier.healthCentre, .districtHospital, .provincialHospital].contains { referralRequests[$0] != nil }
        let straightChains = withChains && !chainsByRaster
        let blockSize = 256
        let blocks = try Parallel.map(count: (points.count + blockSize - 1) / blockSize, threads: threads) { block in
            let positions = block * blockSize..<min(points.count, (block + 1) * blockSize)
            let assigned = try tiers.map { _, tier in
                try positions.map {
                    try referral.assignment(
                        of: points[$0].location, district: points[$0].districtPcode,
                        province: points[$0].provincePcode, tier: tier)
                }
            }
            return (assigned: assigned, chains: straightChains ? try positions.map { try referral.chain(of: points[$0]) } : [])
        }
        var administrative: [CareTarget: [CareAssignment]] = [:]
        for (index, (target, _)) in tiers.enumerated() { administrative[target] = blocks.flatMap { $0.assigned[index] } }
        var chains = straightChains ? blocks.flatMap(\.chains) : nil

        // Tiers measured over a raster: their administrative facilities by travel time, and the
        // referral chains hop by hop, each hop measured as its tier is.
        func hop(_ tier: FacilityTier, from origins: [RasterAllocation.Origin]) throws -> [CareAssignment] {
            let candidates = points.map {
                referral.candidates(tier: tier, district: $0.districtPcode, province: $0.provincePcode).facilities
            }
            if let national = referralRequests[tier] {
                return try raster.nearest(among: Array(zip(origins, candidates)), kind: national.kind, national: national)
            }
            return try origins.indices.map { try referral.nearest(to: raster.location(of: origins[$0]), among: candidates[$0], tier: tier) }
        }
        let fromPoints = points.indices.map { RasterAllocation.Origin.point($0) }
        for (target, tier) in allTiers where referralRequests[tier] != nil {
            administrative[target] = try hop(tier, from: fromPoints)
        }
        if chainsByRaster {
            // From the facility of the hop below, or from where the hop below started when it found none.
            func next(_ found: [CareAssignment], after origins: [RasterAllocation.Origin]) -> [RasterAllocation.Origin] {
                zip(found, origins).map { care, origin in care.facility.map { .facility($0) } ?? origin }
            }
            // The first hop is the administrative health centre, when that was assigned.
            let healthCentres = try administrative[.tier(.healthCentre)] ?? hop(.healthCentre, from: fromPoints)
            let afterHealthCentres = next(healthCentres, after: fromPoints)
            let districtHospitals = try hop(.districtHospital, from: afterHealthCentres)
            let provincialHospitals = try hop(.provincialHospital, from: next(districtHospitals, after: afterHealthCentres))
            chains = points.indices.map { position in
                let point = points[position]
                let central = referral.candidates(tier: .provincialHospital, district: point.districtPcode, province: point.provincePcode).central
                return ReferralChain(
                    healthCentre: healthCentres[position], districtHospital: districtHospitals[position],
                    provincialHospital: provincialHospitals[position], referredToCentral: central && provincialHospitals[position].facility != nil)
            }
        }
        self.administrative = administrative
        self.chains = chains
    }

    /// The assignments of `target`, one per point (all unreachable for a target not assigned).
    public func nearest(_ target: CareTarget) -> [CareAssignment] {
        nearest[target] ?? Array(repeating: .unreachable, count: points.count)
    }

    /// The assignments `threshold` is judged on for `target`: a distance limit on the geodesic
    /// nearest, a time limit on the allocation (``nearest(_:)``).
    public func care(_ target: CareTarget, judgedBy threshold: CoverageThreshold) -> [CareAssignment] {
        if case .kilometers = threshold, let byDistance = nearestByDistance[target] { return byDistance }
        return nearest(target)
    }
}

/// The partitions of the assignment's kernel index: the facilities providing a care, and those of
/// a tier itself.
private enum NearestKey: Hashable, Sendable {
    case providing(CareTarget)
    case ofTier(CareTarget)
}
