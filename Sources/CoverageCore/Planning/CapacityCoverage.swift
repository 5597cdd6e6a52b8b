import GeoIO

/// Capacity-limited coverage of one care target within one threshold: every facility serves at
/// most its capacity (people), and absorbs the villages closest to it first.
///
/// All pairs of a village and a facility within the threshold (decided as coverage decides it:
/// geodesic distance, or minutes by the standard's travel mode, inclusive) are taken in order of
/// distance, nearest first (ties by village, then facility, in layer order); each pair moves as
/// many people as both the village's unserved population and the facility's residual capacity
/// allow. A village may so be shared between facilities. The result does not depend on the order
/// of the facilities (unlike AccessMod's facility-by-facility processing), and with capacity
/// ignored every village within reach is served whole by its nearest facility: plain coverage.
///
/// Counted over every village of the layer (a facility near a province border also serves the
/// neighbours' villages), and reported for the zones of a region. Population only: target groups
/// are not split between facilities.
public struct CapacityCoverage: Sendable {
    /// Where a facility's capacity comes from.
    public enum CapacitySource: String, Sendable {
        /// The facility layer's own `capacity`.
        case facility
        /// The default of the target's standard.
        case standard
        /// Capacity ignored: the facility serves everyone within reach.
        case ignored
    }

    /// One facility's load.
    public struct Load: Sendable {
        /// The facility's position in ``LayerSet/facilities``.
        public let facility: Int
        /// People it can serve; nil when capacity is ignored.
        public let capacity: Int?
        public let source: CapacitySource
        /// People it serves.
        public let served: Int
        /// Villages it serves some of.
        public let villagesServed: Int

        /// Capacity left; nil when capacity is ignored.
        public var residual: Int? { capacity.map { $0 - served } }
    }

    /// One zone's figures.
    public struct ZoneRow: Sendable {
        public let zone: CoverageZone
        public let villages: Int
        public let population: Int
        /// People with a facility within the threshold (plain coverage).
        public let withinReach: Int
        /// People served within capacity.
        public let served: Int
        /// The target's facilities in the zone (by their codes), their summed capacity (nil when
        /// ignored) and how many of them are full.
        public let facilities: Int
        public let capacity: Int?
        public let facilitiesFull: Int

        /// The residual (unserved) population.
        public var unserved: Int { population - served }
        /// Unserved because no facility is within the threshold.
        public var unservedBeyondReach: Int { population - withinReach }
        /// Unserved although within reach: the facilities within reach are full.
        public var unservedOverCapacity: Int { withinReach - served }
    }

    public let target: CareTarget
    public let threshold: CoverageThreshold
    public let region: Region
    public let capacityIgnored: Bool
    /// Every village of the layer, as the assignment has them.
    public let points: [DemandPoint]
    /// Per point: people served within capacity.
    public let served: [Int]
    /// Per point: a facility of the target within the threshold.
    public let withinReach: [Bool]
    /// The facilities providing the target, in layer order.
    public let loads: [Load]
    /// The zones of the region, in report order.
    public let rows: [ZoneRow]
    /// The positions in ``points`` of the region's villages.
    public let regionVillages: [Int]

    /// - Parameters:
    ///   - ignoringCapacity: every facility serves everyone within reach (plain coverage).
    ///   - includingNational: also report the whole country as a zone.
    /// - Throws: ``InputError`` when a facility of the target has no capacity and its standard
    ///   gives none (unless capacity is ignored), or the target has no standard.
    public init(
        layers: LayerSet, standards: CoverageStandards, target: CareTarget, threshold: CoverageThreshold, region: Region,
        ignoringCapacity: Bool = false, includingNational: Bool = false, threads: Int? = nil
    ) throws {
        let standard = try standards.standard(for: target)
        let points = DemandPoint.all(.villages, in: layers)
        let providers = layers.facilities.indices.filter { target.isProvided(by: layers.facilities[$0]) }
        let capacities: [(Int?, CapacitySource)] = try providers.map { position in
            let facility = layers.facilities[position]
            if ignoringCapacity { return (nil, .ignored) }
            if let own = facility.capacity { return (own, .facility) }
            if let fallback = standard.capacity { return (fallback, .standard) }
            throw InputError(
                file: "standards", field: target.name,
                reason: "facility \(facility.id) has no capacity and the standard of \(target.name) gives none: "
                    + "add capacity to tiers/services.\(target.name) in the standards file, give the facilities a capacity, or ignore capacity")
        }

        // Every village–facility pair within the threshold, nearest first (in metres, or in minutes
        // over a raster).
        var pairs: [(cost: Double, village: Int32, provider: Int32)] = []
        let reach = try standards.sitesCovering(
            points.map(\.location), from: providers.map { layers.facilities[$0].location },
            target: target, threshold: threshold, threads: threads)
        for (village, sites) in reach.enumerated() {
            for (provider, cost) in sites { pairs.append((cost, Int32(village), Int32(provider))) }
        }
        pairs.sort { ($0.cost, $0.village, $0.provider) < ($1.cost, $1.village, $1.provider) }

        var unserved = points.map(\.figures.population)
        var residual = capacities.map { $0.0 ?? Int.max }
        var servedBy = Array(repeating: 0, count: providers.count)
        var villagesServed = Array(repeating: 0, count: providers.count)
        var withinReach = Array(repeating: false, count: points.count)
        for pair in pairs {
            let village = Int(pair.village), provider = Int(pair.provider)
            withinReach[village] = true
            let moved = min(unserved[village], residual[provider])
            guard moved > 0 else { continue }
            unserved[village] -= moved
            residual[provider] -= moved
            servedBy[provider] += moved
            villagesServed[provider] += 1
        }
        let served = zip(points, unserved).map { $0.figures.population - $1 }
        let loads = providers.indices.map {
            Load(
                facility: providers[$0], capacity: capacities[$0].0, source: capacities[$0].1,
                served: servedBy[$0], villagesServed: villagesServed[$0])
        }

        let zones = CoverageZone.zones(of: region, in: layers, includingNational: includingNational)
        var villages = Array(repeating: 0, count: zones.count), population = villages, reached = villages, servedInZone = villages
        for (position, inZones) in CoverageZone.memberships(of: points, in: zones).enumerated() {
            for zone in inZones {
                villages[zone] += 1
                population[zone] += points[position].figures.population
                if withinReach[position] { reached[zone] += points[position].figures.population }
                servedInZone[zone] += served[position]
            }
        }
        rows = zones.indices.map { zone in
            let inZone = loads.filter {
                let facility = layers.facilities[$0.facility]
                return zones[zone].contains(districtPcode: facility.districtPcode, provincePcode: facility.provincePcode)
            }
            return ZoneRow(
                zone: zones[zone], villages: villages[zone], population: population[zone], withinReach: reached[zone],
                served: servedInZone[zone], facilities: inZone.count,
                capacity: ignoringCapacity ? nil : inZone.reduce(0) { $0 + $1.capacity! },
                facilitiesFull: inZone.filter { $0.residual == 0 }.count)
        }
        regionVillages = points.indices.filter { region.contains(districtPcode: points[$0].districtPcode, provincePcode: points[$0].provincePcode) }
        self.target = target
        self.threshold = threshold
        self.region = region
        capacityIgnored = ignoringCapacity
        self.points = points
        self.served = served
        self.withinReach = withinReach
        self.loads = loads
    }

    /// The row of the region itself (the country when the region is national).
    public var regionRow: ZoneRow { rows.first { $0.zone.code == region.id }! }
}
