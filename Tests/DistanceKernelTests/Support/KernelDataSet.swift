import DistanceKernel
import Foundation
import TestSupport
import Testing

/// Seeded facility and query sets for the property tests. Every set starts its queries with a few
/// that lie exactly at a facility (distance 0), so that case is always among the sampled queries.
enum KernelDataSet: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// Uniform over the Laos bounding box.
    case laosUniform
    /// A few tight clusters in Laos; most queries far away (the grid lists do not cover them).
    case clustered
    /// Uniform over the whole sphere.
    case globalUniform
    /// Both sides of the antimeridian, longitudes ±179.9…180 (±180 exactly included).
    case antimeridian
    /// Near both poles, latitudes ±89.9…90 (±90 and longitude ±180 exactly included).
    case polar
    /// Few distinct sites, many facilities on each; queries at the sites, duplicated.
    case coincident
    /// One facility, queries over the globe.
    case singleFacility
    /// Facilities in Laos, queries thousands of km away (Karney's algorithm in the geodesic path).
    case longDistance

    var testDescription: String { rawValue }

    static let laosLon = 100.08...107.64
    static let laosLat = 13.91...22.51

    var seed: UInt64 {
        UInt64(KernelDataSet.allCases.firstIndex(of: self)! + 1) &* 0x1234_5678_9ABC_DEF1
    }

    /// How many of the first queries lie exactly at a facility.
    var queriesAtFacilities: Int { self == .singleFacility ? 1 : 4 }

    /// The default sizes: 2,000 × 2,000, smaller where queries lie far from the facilities (there
    /// the kernel measures a large share of all pairs, Karney's algorithm included, and the suite
    /// must stay fast).
    var defaultSizes: (facilities: Int, queries: Int) {
        switch self {
        case .clustered: (600, 1_000)
        case .longDistance: (400, 1_000)
        default: (2_000, 2_000)
        }
    }

    /// Facility longitudes and latitudes, query longitudes and latitudes.
    func make(facilityCount: Int? = nil, queryCount: Int? = nil) -> (facilities: Points, queries: Points) {
        let facilityCount = facilityCount ?? defaultSizes.facilities, queryCount = queryCount ?? defaultSizes.queries
        var random = SplitMix64(seed: seed)
        var facilities = Points(), queries = Points()
        func laos() -> (Double, Double) {
            (
                random.uniform(Self.laosLon.lowerBound, Self.laosLon.upperBound),
                random.uniform(Self.laosLat.lowerBound, Self.laosLat.upperBound)
            )
        }
        switch self {
        case .laosUniform:
            for _ in 0..<facilityCount { facilities.append(laos()) }
            for _ in 0..<queryCount { queries.append(laos()) }
        case .clustered:
            let centres = [(101.2, 20.1), (102.6, 17.97), (104.8, 16.55), (106.2, 15.1)]
            for index in 0..<facilityCount {
                let centre = centres[index % centres.count]
                facilities.append((centre.0 + random.uniform(-0.01, 0.01), centre.1 + random.uniform(-0.01, 0.01)))
            }
            for index in 0..<queryCount {
                if index % 10 == 0 {
                    queries.append(laos())  // some inside the country, between the clusters
                } else {
                    queries.append((random.uniform(40, 170), random.uniform(-50, 70)))
                }
            }
        case .globalUniform:
            for _ in 0..<facilityCount { facilities.append(random.globalPoint()) }
            for _ in 0..<queryCount { queries.append(random.globalPoint()) }
        case .antimeridian:
            func point() -> (Double, Double) {
                let lon = random.uniform(179.9, 180) * (random.index(2) == 0 ? 1 : -1)
                let lat = random.index(3) == 0 ? random.uniform(64.9, 65.1) : random.uniform(-0.1, 0.1)
                return (lon, lat)
            }
            facilities += [(180, 0), (-180, 0.01), (180, 65), (-180, 65)]
            while facilities.count < facilityCount { facilities.append(point()) }
            queries += [(-180, 0), (180, 0.01), (-180, -0.05), (180, 65.05), (-179.95, 0), (179.95, 0)]
            while queries.count < queryCount { queries.append(point()) }
        case .polar:
            func point() -> (Double, Double) {
                let lon = random.uniform(-180, 180)
                let lat = random.uniform(89.9, 90) * (random.index(2) == 0 ? 1 : -1)
                return (lon, lat)
            }
            facilities += [(0, 90), (-180, 90), (180, -90), (45, -90), (180, 89.95), (-180, -89.95)]
            while facilities.count < facilityCount { facilities.append(point()) }
            queries += [(77, 90), (-180, -90), (180, 90), (-180, 89.95), (180, -89.95), (0, 89.9), (0, -89.9)]
            while queries.count < queryCount { queries.append(point()) }
        case .coincident:
            let sites = (0..<150).map { _ in laos() }
            for _ in 0..<facilityCount { facilities.append(sites[random.index(sites.count)]) }
            for index in 0..<queryCount {
                if index % 2 == 0 {
                    queries.append(sites[random.index(sites.count)])  // exactly at a site
                } else if index % 4 == 1 {
                    queries.append(laos())
                } else {
                    queries.append(queries[index - 1])  // a duplicate query
                }
            }
        case .singleFacility:
            facilities.append((102.6, 17.97))
            queries += [(102.6, 17.97), (-77.4, -17.97)]  // at the facility, and at its antipode
            while queries.count < queryCount { queries.append(random.globalPoint()) }
        case .longDistance:
            for _ in 0..<facilityCount { facilities.append(laos()) }
            while queries.count < queryCount {
                let point = random.globalPoint()
                // Keep out of Asia: the nearest facility is at least ~2,000 km away.
                if !(40...170 ~= point.lon && -20...60 ~= point.lat) { queries.append(point) }
            }
        }
        // The first queries lie exactly at facilities.
        for position in 0..<min(4, facilities.count) {
            let facility = (position * 7919) % facilities.count
            queries.lon[position] = facilities.lon[facility]
            queries.lat[position] = facilities.lat[facility]
        }
        return (facilities, queries)
    }

    /// Radii (metres) for within-radius tests: 0, small, medium, large for the set's spacing, and
    /// for the single facility one beyond half the Earth's circumference (everything counts).
    var radiiMeters: [Double] {
        switch self {
        case .laosUniform, .coincident: [0, 5_000, 25_000, 120_000]
        case .clustered: [0, 300, 1_500, 1_000_000]
        case .globalUniform: [0, 200_000, 1_000_000, 3_000_000]
        case .singleFacility: [0, 200_000, 1_000_000, 10_000_000, 21_000_000]
        case .antimeridian, .polar: [0, 500, 2_000, 8_000]
        case .longDistance: [0, 2_500_000, 8_000_000]
        }
    }
}

/// Longitudes and latitudes as the two contiguous buffers the kernel takes.
struct Points: Sendable {
    var lon: [Double] = []
    var lat: [Double] = []

    var count: Int { lon.count }

    mutating func append(_ point: (Double, Double)) {
        lon.append(point.0)
        lat.append(point.1)
    }

    static func += (points: inout Points, more: [(Double, Double)]) {
        for point in more { points.append(point) }
    }

    subscript(index: Int) -> (lon: Double, lat: Double) { (lon[index], lat[index]) }
}
