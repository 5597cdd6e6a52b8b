import DistanceKernel
import Foundation
import GeometryKit
import TestSupport
import Testing

@Suite("PartitionedFacilityIndex")
struct PartitionedFacilityIndexTests {
    enum Tier: String, Hashable, Sendable, CaseIterable {
        case healthCentre, districtHospital, provincialHospital
    }

    /// Facilities over Laos with a tier each (many health centres, fewer hospitals), some coincident.
    static func facilities(count: Int = 1_500) -> (coordinates: [Coordinate], tiers: [Tier]) {
        var random = SplitMix64(seed: 31)
        var coordinates: [Coordinate] = [], tiers: [Tier] = []
        for _ in 0..<count {
            if !coordinates.isEmpty && random.index(10) == 0 {
                coordinates.append(coordinates[random.index(coordinates.count)])
            } else {
                coordinates.append(Coordinate(lon: random.uniform(100.08, 107.64), lat: random.uniform(13.91, 22.51)))
            }
            let roll = random.index(20)
            tiers.append(roll < 15 ? .healthCentre : roll < 19 ? .districtHospital : .provincialHospital)
        }
        return (coordinates, tiers)
    }

    @Test(
        "per-key nearest equals brute force over that key's facilities, with original positions",
        arguments: DistanceMetric.allCases)
    func perKeyNearest(metric: DistanceMetric) throws {
        let (coordinates, tiers) = Self.facilities()
        let (_, queries) = KernelDataSet.laosUniform.make(facilityCount: 10, queryCount: 600)
        let partitioned = try PartitionedFacilityIndex(coordinates: coordinates, keys: tiers)
        var firstSeen: [Tier] = []
        for tier in tiers where !firstSeen.contains(tier) { firstSeen.append(tier) }
        #expect(partitioned.keys == firstSeen, "keys in first-seen order")
        let results = try partitioned.nearest(longitudes: queries.lon, latitudes: queries.lat, options: QueryOptions(metric: metric))
        #expect(Set(results.keys) == Set(Tier.allCases))
        for tier in Tier.allCases {
            let members = tiers.indices.filter { tiers[$0] == tier }
            let result = try #require(results[tier])
            try #require(result.count == queries.count)
            for query in stride(from: 0, to: queries.count, by: metric == .haversine ? 1 : 4) {
                // Reference distances over the members only, indexed by original position.
                var row = [Double](repeating: .infinity, count: coordinates.count)
                for member in members {
                    row[member] = BruteForce.distanceMeters(queries[query], (coordinates[member].lon, coordinates[member].lat), metric)
                }
                let expected = BruteForce.ranked(row, limit: 1)[0]
                #expect(Int(result.facilityIndices[query]) == expected, "\(tier) query \(query)")
                #expect(abs(result.distancesMeters[query] - row[expected]) <= BruteForce.toleranceMeters(metric))
            }
            // The partition's own index, mapped back, answers the same.
            let local = try #require(partitioned.index(for: tier))
            #expect(local.count == members.count)
            let localResult = try local.nearest(longitudes: queries.lon, latitudes: queries.lat, options: QueryOptions(metric: metric))
            #expect(localResult.facilityIndices.map { Int32(partitioned.originalPosition(of: Int($0), in: tier)!) } == result.facilityIndices)
            #expect((0..<members.count).map { partitioned.originalPosition(of: $0, in: tier) } == members)
        }
    }

    @Test("a facility may belong to several partitions")
    func entriesUnderSeveralKeys() throws {
        let coordinates = [Coordinate(lon: 102.6, lat: 17.97), Coordinate(lon: 104.8, lat: 16.55), Coordinate(lon: 101.9, lat: 20.7)]
        let entries: [(key: String, facility: Int)] = [("epi", 0), ("delivery", 0), ("epi", 1), ("rehabilitation", 2), ("delivery", 2)]
        let partitioned = try PartitionedFacilityIndex(entries: entries, coordinates: coordinates)
        #expect(partitioned.keys == ["epi", "delivery", "rehabilitation"])
        let results = try partitioned.nearest(longitudes: [104.7, 102.0], latitudes: [16.5, 20.6])
        #expect(results["epi"]?.facilityIndices == [1, 0])
        #expect(results["delivery"]?.facilityIndices == [0, 2])
        #expect(results["rehabilitation"]?.facilityIndices == [2, 2])
        #expect(partitioned.index(for: "surgery") == nil)
        #expect(partitioned.originalPosition(of: 0, in: "surgery") == nil)
    }

    /// Ties are broken by the lowest facility index, and results name original positions, so
    /// coincident facilities must resolve to the lowest original position whatever the order of
    /// the entries.
    @Test("coincident facilities: the lowest original position wins, whatever the entry order")
    func tieBreakingUsesOriginalPositions() throws {
        let site = Coordinate(lon: 103.0, lat: 18.0)
        let coordinates = [Coordinate(lon: 101, lat: 15), site, Coordinate(lon: 106, lat: 21), site]
        let entries: [(key: String, facility: Int)] = [("hc", 3), ("hc", 0), ("hc", 1)]
        let partitioned = try PartitionedFacilityIndex(entries: entries, coordinates: coordinates)
        let result = try #require(try partitioned.nearest(longitudes: [103.0, 103.01], latitudes: [18.0, 18.0])["hc"])
        #expect(result.facilityIndices == [1, 1], "facilities 1 and 3 are at the same place; 1 is the lower position")
    }

    @Test("an empty partitioned index answers no partition")
    func empty() throws {
        let partitioned = try PartitionedFacilityIndex<String>(coordinates: [], keys: [])
        #expect(partitioned.keys.isEmpty)
        #expect(try partitioned.nearest(longitudes: [102.6], latitudes: [17.97]).isEmpty)
    }

    @Test("an empty partitioned index still refuses a bad query")
    func emptyRefusesBadQuery() throws {
        let partitioned = try PartitionedFacilityIndex<String>(coordinates: [], keys: [])
        #expect(throws: KernelError.self) { try partitioned.nearest(longitudes: [.nan], latitudes: [0]) }
    }

    @Test("errors: mismatched keys, unknown positions, bad coordinates named by original position")
    func errors() throws {
        let coordinates = [Coordinate(lon: 102.6, lat: 17.97), Coordinate(lon: 104.8, lat: 16.55), Coordinate(lon: 181, lat: 0)]
        let mismatch = #expect(throws: KernelError.self) {
            try PartitionedFacilityIndex(coordinates: coordinates, keys: ["a", "b"])
        }
        #expect(mismatch?.input == "keys")
        let unknown = #expect(throws: KernelError.self) {
            try PartitionedFacilityIndex(entries: [(key: "a", facility: 0), (key: "a", facility: 3)], coordinates: coordinates)
        }
        #expect(unknown?.input == "facility" && unknown?.index == 3)
        let negative = #expect(throws: KernelError.self) {
            try PartitionedFacilityIndex(entries: [(key: "a", facility: -1)], coordinates: coordinates)
        }
        #expect(negative?.index == -1)
        // Facility 2 (original position) is bad; in its partition it is the second member.
        let bad = #expect(throws: KernelError.self) {
            try PartitionedFacilityIndex(coordinates: coordinates, keys: ["a", "b", "b"])
        }
        #expect(bad?.input == "facility")
        #expect(bad?.index == 2, "the error must name the facility's original position, found \(String(describing: bad?.index))")
        // Queries are validated too.
        let partitioned = try PartitionedFacilityIndex(coordinates: Array(coordinates.prefix(2)), keys: ["a", "b"])
        let query = #expect(throws: KernelError.self) {
            try partitioned.nearest(longitudes: [0, 0, .infinity], latitudes: [0, 0, 0])
        }
        #expect(query?.input == "query" && query?.index == 2)
    }
}
