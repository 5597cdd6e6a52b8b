import DistanceKernel
import Foundation
import GeometryKit
import TestSupport
import Testing

@Suite("FacilityIndex.kNearest")
struct FacilityIndexKNearestTests {
    // MARK: Property: the kernel equals brute force

    @Test("k nearest equal brute force, in order", arguments: KernelDataSet.allCases, DistanceMetric.allCases)
    func kNearestEqualsBruteForce(dataSet: KernelDataSet, metric: DistanceMetric) throws {
        let reference = Reference.of(dataSet, metric)
        let index = try FacilityIndex(longitudes: reference.facilities.lon, latitudes: reference.facilities.lat)
        var errors = ErrorTracker()
        // k = 3 over the whole batch; k = 1 and 10 over the sampled queries only (a smaller
        // batch, another grid), to keep the suite fast.
        let sampleLon = reference.sample.map { reference.queries.lon[$0] }, sampleLat = reference.sample.map { reference.queries.lat[$0] }
        for k in [3, 1, 10] {
            let wholeBatch = k == 3
            let result = try index.kNearest(
                k, longitudes: wholeBatch ? reference.queries.lon : sampleLon,
                latitudes: wholeBatch ? reference.queries.lat : sampleLat, options: QueryOptions(metric: metric))
            let batchCount = wholeBatch ? reference.queries.count : reference.sample.count
            try #require(result.count == batchCount && result.k == k)
            try #require(result.facilityIndices.count == batchCount * k)
            var wrongSet = Failures(), wrongDistance = Failures(), unsorted = Failures(), wrongPadding = Failures()
            for (s, (row, sampled)) in zip(reference.rows, reference.sample).enumerated() {
                let expected = reference.ranked(s, limit: k)
                let query = wholeBatch ? sampled : s
                let neighbours = result.neighbours(of: query)
                wrongSet.check(
                    neighbours.map(\.facility) == expected,
                    "query \(sampled) \(reference.queries[sampled]): kernel \(neighbours), brute force \(expected.map { ($0, row[$0]) })")
                for (rank, neighbour) in neighbours.enumerated() where row.indices.contains(neighbour.facility) {
                    let tolerance = BruteForce.toleranceMeters(metric, referenceMeters: row[neighbour.facility])
                    if tolerance < 0.1 { errors.record(neighbour.distanceMeters, row[neighbour.facility]) }
                    wrongDistance.check(
                        abs(neighbour.distanceMeters - row[neighbour.facility]) <= tolerance,
                        "query \(query) rank \(rank): \(neighbour.distanceMeters) m vs \(row[neighbour.facility]) m")
                }
                // Sorted by the kernel's own distances, ties by index.
                for rank in neighbours.indices.dropFirst() {
                    let (before, after) = (neighbours[rank - 1], neighbours[rank])
                    unsorted.check(
                        before.distanceMeters < after.distanceMeters
                            || (before.distanceMeters == after.distanceMeters && before.facility < after.facility),
                        "query \(query): \(neighbours)")
                }
                // Padding (−1, +∞) exactly beyond the facility count, at the end.
                let padded = (query * k..<(query + 1) * k).filter { result.facilityIndices[$0] < 0 }
                wrongPadding.check(
                    padded == Array((query * k + min(k, reference.facilities.count))..<(query + 1) * k)
                        && padded.allSatisfy { result.distancesMeters[$0] == .infinity }, "query \(query): padding at \(padded)")
            }
            wrongSet.expectNone("queries whose \(k) nearest differ from brute force (\(dataSet)/\(metric))")
            wrongDistance.expectNone("distances off the reference (\(dataSet)/\(metric), k = \(k))")
            unsorted.expectNone("lists out of order")
            wrongPadding.expectNone("lists padded wrongly")
        }
        print("kNearest \(dataSet)/\(metric): max |kernel − reference| = \(errors.maximum) m over \(errors.compared) neighbours")
    }

    @Test(
        "the first of the k nearest is the nearest", arguments: [KernelDataSet.laosUniform, .clustered, .coincident, .polar],
        DistanceMetric.allCases)
    func firstIsNearest(dataSet: KernelDataSet, metric: DistanceMetric) throws {
        let (facilities, queries) = dataSet.make(facilityCount: 600, queryCount: 1_500)
        let index = try FacilityIndex(longitudes: facilities.lon, latitudes: facilities.lat)
        let options = QueryOptions(metric: metric)
        let nearest = try index.nearest(longitudes: queries.lon, latitudes: queries.lat, options: options)
        let three = try index.kNearest(3, longitudes: queries.lon, latitudes: queries.lat, options: options)
        var failures = Failures()
        for query in 0..<queries.count {
            failures.check(
                three.facilityIndices[query * 3] == nearest.facilityIndices[query]
                    && three.distancesMeters[query * 3].bitPattern == nearest.distancesMeters[query].bitPattern,
                "query \(query): k nearest \(three.neighbours(of: query)), nearest \(String(describing: nearest[query]))")
        }
        failures.expectNone("queries whose first neighbour is not their nearest (\(dataSet)/\(metric))")
    }

    // MARK: Hand-made cases

    @Test("k larger than the facility count pads with −1 and +∞", arguments: DistanceMetric.allCases)
    func paddingBeyondFacilityCount(metric: DistanceMetric) throws {
        let lons = [102.6, 102.6, 101.0], lats = [17.97, 17.97, 20.0]
        let index = try FacilityIndex(longitudes: lons, latitudes: lats)
        let result = try index.kNearest(5, longitudes: [102.6, -77.4], latitudes: [17.97, -17.97], options: QueryOptions(metric: metric))
        #expect(result.count == 2)
        #expect(Array(result.facilityIndices[0..<5]) == [0, 1, 2, -1, -1])
        #expect(result.distancesMeters[0].isZero && result.distancesMeters[1].isZero)
        #expect(result.distancesMeters[3] == .infinity && result.distancesMeters[4] == .infinity)
        #expect(result.neighbours(of: 0).map(\.facility) == [0, 1, 2])
        // From (nearly) the antipode of facilities 0 and 1, facility 2 may be nearest; all three are listed, in reference order.
        let row = (0..<3).map { BruteForce.distanceMeters((-77.4, -17.97), (lons[$0], lats[$0]), metric) }
        #expect(result.neighbours(of: 1).map(\.facility) == BruteForce.ranked(row, limit: 5))
        #expect(Array(result.facilityIndices[8..<10]) == [-1, -1])
    }

    @Test("an empty index pads everything", arguments: DistanceMetric.allCases)
    func emptyIndex(metric: DistanceMetric) throws {
        let index = try FacilityIndex(longitudes: [], latitudes: [])
        let result = try index.kNearest(4, longitudes: [0, 102.6], latitudes: [0, 17.97], options: QueryOptions(metric: metric))
        #expect(result.count == 2)
        #expect(result.facilityIndices == [Int32](repeating: -1, count: 8))
        #expect(result.distancesMeters.allSatisfy { $0 == .infinity })
        #expect(result.neighbours(of: 1).isEmpty)
    }

    @Test("coincident facilities come out in index order", arguments: DistanceMetric.allCases)
    func coincidentInIndexOrder(metric: DistanceMetric) throws {
        let a = (104.0, 16.0), b = (104.001, 16.0)
        // Index:              0     1     2     3     4     5
        let sites = [b, a, b, a, a, b]
        let index = try FacilityIndex(longitudes: sites.map(\.0), latitudes: sites.map(\.1))
        let result = try index.kNearest(6, longitudes: [a.0, b.0], latitudes: [a.1, b.1], options: QueryOptions(metric: metric))
        #expect(result.neighbours(of: 0).map(\.facility) == [1, 3, 4, 0, 2, 5])
        #expect(result.neighbours(of: 1).map(\.facility) == [0, 2, 5, 1, 3, 4])
    }

    // MARK: Sub-metre distances (the chord and the geodesic are nearly equal)

    /// Queries a millimetre to a metre from a facility: the geodesic is then longer than the chord
    /// by less than a rounding error. Sites are 10 km apart, so the answer is obvious; with
    /// `pairs`, every site holds two coincident facilities (2i and 2i + 1).
    @Test("queries within a metre of a facility", arguments: [1, 2, 3], [false, true])
    func subMetreOffsets(k: Int, pairs: Bool) throws {
        var random = SplitMix64(seed: 2024)
        var facilities = Points(), queries = Points()
        for row in 0..<20 {
            for column in 0..<20 {
                facilities.append((101 + Double(column) * 0.1, 15 + Double(row) * 0.1))
                if pairs { facilities.append((101 + Double(column) * 0.1, 15 + Double(row) * 0.1)) }
            }
        }
        var owner: [Int] = []
        for _ in 0..<2_000 {
            let facility = pairs ? 2 * random.index(facilities.count / 2) : random.index(facilities.count)
            let offset = random.uniform(1e-8, 1e-5)  // degrees: 1 mm to 1 m
            let bearing = random.uniform(0, 2 * .pi)
            queries.append((facilities.lon[facility] + offset * cos(bearing), facilities.lat[facility] + offset * sin(bearing)))
            owner.append(facility)
        }
        let index = try FacilityIndex(longitudes: facilities.lon, latitudes: facilities.lat)
        for metric in DistanceMetric.allCases {
            let result = try index.kNearest(k, longitudes: queries.lon, latitudes: queries.lat, options: QueryOptions(metric: metric))
            var failures = Failures()
            for query in 0..<queries.count {
                let neighbours = result.neighbours(of: query).map(\.facility)
                let expectedFirst = pairs ? [owner[query], owner[query] + 1] : [owner[query]]
                failures.check(
                    neighbours.count == k && Array(neighbours.prefix(expectedFirst.count)) == Array(expectedFirst.prefix(k)),
                    "query \(query) \(queries[query]): k nearest \(result.neighbours(of: query)), expected \(expectedFirst) first")
            }
            failures.expectNone("queries of \(queries.count) with a wrong or short list (\(metric), k = \(k))")
        }
    }

    /// The smallest reproduction of the case above: one facility, one query 6.2 mm from it.
    @Test("a single facility 6 mm away is the geodesic k = 1 nearest")
    func singleFacilityMillimetersAway() throws {
        let index = try FacilityIndex(longitudes: [101.5], latitudes: [15.0])
        let query = (lon: 101.50000004206824, lat: 14.999999961324614)
        let karney = BruteForce.distanceMeters(query, (101.5, 15.0), .geodesic)  // 0.0062277 m
        let nearest = try index.nearest(longitudes: [query.lon], latitudes: [query.lat], options: QueryOptions(metric: .geodesic))
        let kNearest = try index.kNearest(1, longitudes: [query.lon], latitudes: [query.lat], options: QueryOptions(metric: .geodesic))
        #expect(nearest.facilityIndices == [0] && abs(nearest.distancesMeters[0] - karney) < 1e-6)
        #expect(kNearest.facilityIndices == [0], "kNearest answers \(kNearest.facilityIndices) at \(kNearest.distancesMeters) m")
        #expect(abs(kNearest.distancesMeters[0] - karney) < 1e-6)
    }

    // MARK: Determinism

    @Test("bit-identical with 1, 2 and 8 threads and across runs", arguments: DistanceMetric.allCases)
    func deterministic(metric: DistanceMetric) throws {
        let (facilities, queries) = DeterminismInput.make()
        let index = try FacilityIndex(longitudes: facilities.lon, latitudes: facilities.lat)
        let runs = try [1, 2, 8, 8].map {
            try index.kNearest(4, longitudes: queries.lon, latitudes: queries.lat, options: QueryOptions(metric: metric, threads: $0))
        }
        for run in runs.dropFirst() {
            #expect(run.facilityIndices == runs[0].facilityIndices)
            #expect(run.distancesMeters.map(\.bitPattern) == runs[0].distancesMeters.map(\.bitPattern))
        }
    }
}
