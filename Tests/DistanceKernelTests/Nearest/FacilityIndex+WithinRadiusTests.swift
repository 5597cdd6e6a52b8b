import DistanceKernel
import Foundation
import GeometryKit
import TestSupport
import Testing

@Suite("FacilityIndex.withinRadius")
struct FacilityIndexWithinRadiusTests {
    // MARK: Property: the kernel equals brute force

    @Test("counts and lists equal brute force (inclusive)", arguments: KernelDataSet.allCases, DistanceMetric.allCases)
    func withinEqualsBruteForce(dataSet: KernelDataSet, metric: DistanceMetric) throws {
        let reference = Reference.of(dataSet, metric)
        let index = try FacilityIndex(longitudes: reference.facilities.lon, latitudes: reference.facilities.lat)
        var errors = ErrorTracker()
        var boundaryCases = 0
        // Only the sampled queries go to the kernel: with the largest radii every query lists
        // every facility.
        let queryLon = reference.sample.map { reference.queries.lon[$0] }, queryLat = reference.sample.map { reference.queries.lat[$0] }
        for radius in dataSet.radiiMeters {
            let options = QueryOptions(metric: metric)
            let result = try index.withinRadius(radius, longitudes: queryLon, latitudes: queryLat, listFacilities: true, options: options)
            let countsOnly = try index.withinRadius(radius, longitudes: queryLon, latitudes: queryLat, options: options)
            #expect(countsOnly.counts == result.counts, "counts must not depend on listFacilities")
            #expect(countsOnly.offsets == nil && countsOnly.facilityIndices == nil && countsOnly.distancesMeters == nil)
            try #require(result.counts.count == queryLon.count)
            let offsets = try #require(result.offsets)
            #expect(offsets.count == queryLon.count + 1 && offsets.first == 0)
            #expect(offsets.last == result.facilityIndices?.count && offsets.last == result.distancesMeters?.count)
            #expect((0..<queryLon.count).allSatisfy { offsets[$0 + 1] - offsets[$0] == Int(result.counts[$0]) })
            var missing = Failures(), extra = Failures(), wrongDistance = Failures(), unsorted = Failures()
            for (position, (row, query)) in zip(reference.rows, reference.sample).enumerated() {
                let listed = result.facilities(of: position)
                let kernelSet = Set(listed.map(\.facility))
                extra.check(kernelSet.count == listed.count, "query \(query): a facility listed twice")
                let query0 = reference.queries[query]
                // By reference distance: certainly within, a band within the tolerance of the radius
                // (either answer is right), certainly beyond.
                var certainlyIn: [Int] = [], allowed = Set<Int>()
                for facility in row.indices {
                    let distance = row[facility]
                    let tolerance = BruteForce.toleranceMeters(metric, referenceMeters: distance)
                    guard distance - tolerance <= radius else { continue }
                    allowed.insert(facility)
                    if radius == 0 ? reference.facilities[facility] == query0 : distance + tolerance <= radius {
                        certainlyIn.append(facility)  // radius 0: the facilities at the query's very coordinates
                    } else if kernelSet.contains(facility) != (distance <= radius) {
                        boundaryCases += 1
                    }
                }
                let missingHere = certainlyIn.filter { !kernelSet.contains($0) }
                missing.check(
                    missingHere.isEmpty,
                    "r=\(radius) query \(query) \(query0): facilities \(missingHere.prefix(5).map { ($0, row[$0]) }) missing")
                let extraHere = kernelSet.subtracting(allowed)
                extra.check(
                    extraHere.isEmpty,
                    "r=\(radius) query \(query): facilities \(extraHere.prefix(5).map { ($0, row[$0]) }) beyond the radius listed")
                for entry in listed {
                    let tolerance = BruteForce.toleranceMeters(metric, referenceMeters: row[entry.facility])
                    if tolerance < 0.1 { errors.record(entry.distanceMeters, row[entry.facility]) }
                    wrongDistance.check(
                        entry.distanceMeters <= radius && abs(entry.distanceMeters - row[entry.facility]) <= tolerance,
                        "r=\(radius) query \(query) facility \(entry.facility): \(entry.distanceMeters) m, reference \(row[entry.facility]) m")
                }
                for position in listed.indices.dropFirst() {
                    let (before, after) = (listed[position - 1], listed[position])
                    unsorted.check(
                        before.distanceMeters < after.distanceMeters
                            || (before.distanceMeters == after.distanceMeters && before.facility < after.facility),
                        "query \(query): \(before) before \(after)")
                }
            }
            missing.expectNone("facilities within the radius missing (\(dataSet)/\(metric), r = \(radius) m)")
            extra.expectNone("facilities beyond the radius listed (\(dataSet)/\(metric), r = \(radius) m)")
            wrongDistance.expectNone("listed distances beyond the radius or off the reference (\(dataSet)/\(metric), r = \(radius) m)")
            unsorted.expectNone("lists not nearest first, ties by index")
            if radius > 20_100_000 {
                #expect(result.counts.allSatisfy { Int($0) == reference.facilities.count }, "beyond half the Earth everything counts")
            }
        }
        print(
            "withinRadius \(dataSet)/\(metric): max |kernel − reference| = \(errors.maximum) m over \(errors.compared) entries; \(boundaryCases) within the tolerance band of the radius"
        )
    }

    // MARK: Property: within(d) ⇔ reported distance ≤ d

    /// Radii taken from the kernel's own reported distances, so that facilities lie exactly at the
    /// radius; every query's count and list must then agree with its k nearest.
    @Test(
        "within(d) ⇔ the reported distance ≤ d, at exactly the reported distance",
        arguments: [KernelDataSet.laosUniform, .clustered, .globalUniform, .antimeridian, .polar, .coincident, .longDistance],
        DistanceMetric.allCases)
    func withinAgreesWithReportedDistances(dataSet: KernelDataSet, metric: DistanceMetric) throws {
        // Far queries (clustered, longDistance) measure many pairs with Karney's algorithm: fewer of them.
        let far = dataSet == .clustered || dataSet == .longDistance
        let (facilities, queries) = dataSet.make(facilityCount: far ? 300 : 500, queryCount: far ? 300 : 600)
        let index = try FacilityIndex(longitudes: facilities.lon, latitudes: facilities.lat)
        let options = QueryOptions(metric: metric)
        let k = 16
        let nearest = try index.kNearest(k, longitudes: queries.lon, latitudes: queries.lat, options: options)
        // Radii: the 1st, 3rd, 8th and 16th reported distances of queries at the 5 %, 20 % and
        // 40 % quantiles of the nearest distance (so that lists stay short where queries are far).
        let byNearest = (0..<queries.count).sorted { nearest.distancesMeters[$0 * k] < nearest.distancesMeters[$1 * k] }
        var radii: [Double] = []
        for (quantile, rank) in [(0.05, 0), (0.05, k - 1), (0.2, 2), (0.4, 0), (0.2, 7)] {
            let query = byNearest[Int(quantile * Double(queries.count))]
            let distance = nearest.distancesMeters[query * k + rank]
            if distance.isFinite { radii.append(distance) }
            if distance.isFinite && distance > 0 { radii.append(distance.nextDown) }
        }
        for radius in radii {
            let within = try index.withinRadius(
                radius, longitudes: queries.lon, latitudes: queries.lat,
                listFacilities: true, options: options)
            var failures = Failures()
            for query in 0..<queries.count {
                let neighbours = nearest.neighbours(of: query)
                let inside = neighbours.prefix { $0.distanceMeters <= radius }
                let listed = within.facilities(of: query)
                if inside.count < neighbours.count || neighbours.count < k {
                    // Every facility within the radius is among the k nearest.
                    failures.check(
                        Int(within.counts[query]) == inside.count
                            && listed.map(\.facility) == inside.map(\.facility)
                            && listed.map(\.distanceMeters.bitPattern) == inside.map(\.distanceMeters.bitPattern),
                        "r=\(radius) query \(query): within \(within.counts[query]) \(listed.prefix(6)), k nearest ≤ r: \(inside.count) \(Array(neighbours.prefix(inside.count + 1)))"
                    )
                } else {
                    failures.check(
                        Int(within.counts[query]) >= k && listed.prefix(k).map(\.facility) == inside.map(\.facility),
                        "r=\(radius) query \(query): within \(within.counts[query]), all \(k) nearest ≤ r")
                }
            }
            failures.expectNone("queries where within(d) disagrees with the reported distances (\(dataSet)/\(metric))")
        }
    }

    @Test("beyond half the Earth every facility counts", arguments: DistanceMetric.allCases)
    func everythingCounts(metric: DistanceMetric) throws {
        var random = SplitMix64(seed: 77)
        var facilities = Points(), queries = Points()
        for _ in 0..<300 { facilities.append(random.globalPoint()) }
        for _ in 0..<40 { queries.append(random.globalPoint()) }
        facilities += [(0, 90), (0, -90), (180, 0), (-180, 0)]
        queries += [(0, 0), (0, 90), (-180, -90)]
        let index = try FacilityIndex(longitudes: facilities.lon, latitudes: facilities.lat)
        // Half a meridian of WGS 84 is 20,003,931.5 m; half the sphere's circumference πR is
        // 20,015,114.4 m, exactly the distance of the antipodal pairs here (inclusive).
        for radius in [Double.pi * EarthModel.sphereRadiusMeters, 21_000_000, 1e9, .greatestFiniteMagnitude] {
            let result = try index.withinRadius(
                radius, longitudes: queries.lon, latitudes: queries.lat, listFacilities: true,
                options: QueryOptions(metric: metric))
            #expect(result.counts.allSatisfy { Int($0) == facilities.count }, "r = \(radius) m")
            #expect(Set(result.facilities(of: 5).map(\.facility)) == Set(0..<facilities.count))
        }
    }

    @Test("a facility exactly at the radius is counted; just inside the radius it is not", arguments: DistanceMetric.allCases)
    func exactlyAtTheRadius(metric: DistanceMetric) throws {
        let facilities = Points(lon: [102.6, 102.7, 103.5, -77.4], lat: [17.97, 18.0, 19.0, -17.97])
        let index = try FacilityIndex(longitudes: facilities.lon, latitudes: facilities.lat)
        let options = QueryOptions(metric: metric)
        let queryLon = [102.65, 102.6, 103.0, 10.0], queryLat = [17.99, 17.97, 18.5, -5.0]
        let nearest = try index.nearest(longitudes: queryLon, latitudes: queryLat, options: options)
        for query in 0..<queryLon.count {
            let (facility, distance) = try #require(nearest[query])
            let at = try index.withinRadius(
                distance, longitudes: [queryLon[query]], latitudes: [queryLat[query]],
                listFacilities: true, options: options)
            #expect(at.facilities(of: 0).map(\.facility).contains(facility), "query \(query): the facility at \(distance) m is not within \(distance) m")
            if distance > 0 {
                let below = try index.withinRadius(
                    distance.nextDown, longitudes: [queryLon[query]], latitudes: [queryLat[query]],
                    options: options)
                #expect(below.counts == [0], "query \(query): nothing is nearer than the nearest")
            }
        }
        // Radius 0: exactly the facilities at the query point.
        let zero = try index.withinRadius(0, longitudes: [102.6, 102.6001], latitudes: [17.97, 17.97], options: options)
        #expect(zero.counts == [1, 0])
    }

    // MARK: Hand-made cases

    @Test("an empty index counts nothing", arguments: DistanceMetric.allCases, [false, true])
    func emptyIndex(metric: DistanceMetric, lists: Bool) throws {
        let index = try FacilityIndex(longitudes: [], latitudes: [])
        let result = try index.withinRadius(
            1e7, longitudes: [0, 102.6, 180], latitudes: [0, 17.97, -90],
            listFacilities: lists, options: QueryOptions(metric: metric))
        #expect(result.counts == [0, 0, 0])
        #expect(result.facilities(of: 1).isEmpty)
        if lists {
            #expect(result.offsets == [0, 0, 0, 0])
            #expect(result.facilityIndices == [] && result.distancesMeters == [])
        } else {
            #expect(result.offsets == nil)
        }
    }

    @Test("an empty query batch", arguments: DistanceMetric.allCases)
    func emptyQueries(metric: DistanceMetric) throws {
        let index = try FacilityIndex(longitudes: [1, 2], latitudes: [1, 2])
        let result = try index.withinRadius(1e6, longitudes: [], latitudes: [], listFacilities: true, options: QueryOptions(metric: metric))
        #expect(result.counts.isEmpty)
        #expect(result.offsets == [0])
    }

    @Test("coincident facilities are all counted, in index order", arguments: DistanceMetric.allCases)
    func coincident(metric: DistanceMetric) throws {
        let index = try FacilityIndex(longitudes: [103, 104, 103, 103, 180, -180], latitudes: [18, 18, 18, 18, 0, 0])
        let result = try index.withinRadius(
            10, longitudes: [103, 103, 179.99999, -180], latitudes: [18, 18, 0, 0],
            listFacilities: true, options: QueryOptions(metric: metric))
        #expect(result.counts == [3, 3, 2, 2])
        #expect(result.facilities(of: 0).map(\.facility) == [0, 2, 3])
        #expect(result.facilities(of: 1).map(\.facility) == [0, 2, 3])
        #expect(result.facilities(of: 2).map(\.facility) == [4, 5])
        #expect(result.facilities(of: 3).map(\.facility) == [4, 5])
        #expect(result.facilities(of: 3).allSatisfy { $0.distanceMeters.isZero })
    }

    // MARK: Determinism

    @Test("bit-identical with 1, 2 and 8 threads and across runs", arguments: DistanceMetric.allCases)
    func deterministic(metric: DistanceMetric) throws {
        let (facilities, queries) = DeterminismInput.make()
        let index = try FacilityIndex(longitudes: facilities.lon, latitudes: facilities.lat)
        let runs = try [1, 2, 8, 8].map {
            try index.withinRadius(
                20_000, longitudes: queries.lon, latitudes: queries.lat, listFacilities: true,
                options: QueryOptions(metric: metric, threads: $0))
        }
        for run in runs.dropFirst() {
            #expect(run.counts == runs[0].counts)
            #expect(run.offsets == runs[0].offsets)
            #expect(run.facilityIndices == runs[0].facilityIndices)
            #expect(run.distancesMeters?.map(\.bitPattern) == runs[0].distancesMeters?.map(\.bitPattern))
        }
        #expect(runs[0].counts.contains { $0 > 0 } && runs[0].counts.contains(0))
    }
}
