import DistanceKernel
import Foundation
import GeometryKit
import TestSupport
import Testing

@Suite("FacilityIndex.nearest")
struct FacilityIndexNearestTests {
    // MARK: Property: the kernel equals brute force

    @Test("nearest equals brute force", arguments: KernelDataSet.allCases, DistanceMetric.allCases)
    func nearestEqualsBruteForce(dataSet: KernelDataSet, metric: DistanceMetric) throws {
        let reference = Reference.of(dataSet, metric)
        let index = try FacilityIndex(longitudes: reference.facilities.lon, latitudes: reference.facilities.lat)
        let result = try index.nearest(
            longitudes: reference.queries.lon, latitudes: reference.queries.lat,
            options: QueryOptions(metric: metric))
        try #require(result.count == reference.queries.count)
        var errors = ErrorTracker()
        var wrongFacility = Failures(), wrongDistance = Failures()
        for (s, (row, query)) in zip(reference.rows, reference.sample).enumerated() {
            let expected = reference.ranked(s, limit: 1)[0]
            let facility = Int(result.facilityIndices[query]), distance = result.distancesMeters[query]
            wrongFacility.check(
                facility == expected,
                "query \(query) \(reference.queries[query]): kernel \(facility) at \(distance) m, brute force \(expected) at \(row[expected]) m")
            guard row.indices.contains(facility) else { continue }
            let tolerance = BruteForce.toleranceMeters(metric, referenceMeters: row[facility])
            if tolerance < 0.1 { errors.record(distance, row[facility]) }
            wrongDistance.check(
                abs(distance - row[facility]) <= tolerance,
                "query \(query): kernel \(distance) m, reference \(row[facility]) m")
        }
        wrongFacility.expectNone("queries with another nearest facility than brute force (\(dataSet)/\(metric))")
        wrongDistance.expectNone("distances off the reference (\(dataSet)/\(metric))")
        for query in 0..<dataSet.queriesAtFacilities {
            #expect(result.distancesMeters[query].isZero, "query \(query) lies at a facility")
        }
        print("nearest \(dataSet)/\(metric): max |kernel − reference| = \(errors.maximum) m over \(errors.compared) queries")
    }

    @Test("the Coordinate overload answers like the buffer one", arguments: DistanceMetric.allCases)
    func coordinateOverload(metric: DistanceMetric) throws {
        let (facilities, queries) = KernelDataSet.laosUniform.make(facilityCount: 300, queryCount: 300)
        let index = try FacilityIndex(zip(facilities.lon, facilities.lat).map { Coordinate(lon: $0, lat: $1) })
        let viaCoordinates = try index.nearest(
            zip(queries.lon, queries.lat).map { Coordinate(lon: $0, lat: $1) },
            options: QueryOptions(metric: metric))
        let viaBuffers = try index.nearest(longitudes: queries.lon, latitudes: queries.lat, options: QueryOptions(metric: metric))
        #expect(viaCoordinates.facilityIndices == viaBuffers.facilityIndices)
        #expect(viaCoordinates.distancesMeters.map(\.bitPattern) == viaBuffers.distancesMeters.map(\.bitPattern))
        #expect(index.count == 300)
        #expect(index.coordinate(of: 17) == Coordinate(lon: facilities.lon[17], lat: facilities.lat[17]))
    }

    // MARK: Hand-made cases

    @Test("an empty index answers none", arguments: DistanceMetric.allCases)
    func emptyIndex(metric: DistanceMetric) throws {
        let index = try FacilityIndex(longitudes: [], latitudes: [])
        #expect(index.count == 0)
        let result = try index.nearest(longitudes: [102.6, -180, 0], latitudes: [17.97, 90, -90], options: QueryOptions(metric: metric))
        #expect(result.count == 3)
        #expect(result.facilityIndices == [-1, -1, -1])
        #expect(result.distancesMeters.allSatisfy { $0 == .infinity })
        #expect(result[0] == nil && result[2] == nil)
    }

    @Test("an empty query batch answers an empty result", arguments: DistanceMetric.allCases)
    func emptyQueries(metric: DistanceMetric) throws {
        let index = try FacilityIndex(longitudes: [102.6], latitudes: [17.97])
        let result = try index.nearest(longitudes: [], latitudes: [], options: QueryOptions(metric: metric))
        #expect(result.count == 0)
        #expect(result.distancesMeters.isEmpty)
    }

    @Test("coincident facilities: the lowest index wins", arguments: DistanceMetric.allCases)
    func coincidentFacilities(metric: DistanceMetric) throws {
        // 0, 2 and 4 at A; 1 and 3 at B.
        let a = (102.6, 17.97), b = (102.7, 18.0)
        let index = try FacilityIndex(longitudes: [a.0, b.0, a.0, b.0, a.0], latitudes: [a.1, b.1, a.1, b.1, a.1])
        let result = try index.nearest(
            longitudes: [a.0, 102.61, b.0, 102.69, a.0], latitudes: [a.1, 17.97, b.1, 18.0, a.1],
            options: QueryOptions(metric: metric))
        #expect(result.facilityIndices == [0, 0, 1, 1, 0])
        #expect(result.distancesMeters[0].isZero && result.distancesMeters[2].isZero && result.distancesMeters[4].isZero)
    }

    @Test("longitudes −180 and 180 are one place; so is every longitude at a pole", arguments: DistanceMetric.allCases)
    func sameMeridianAndPole(metric: DistanceMetric) throws {
        let index = try FacilityIndex(longitudes: [180, -180, 10, -170, 99], latitudes: [10, 10, 90, 90, -90])
        let queries = try index.nearest(
            longitudes: [-180, 180, 179.99, -179.99, -45, 180, 0],
            latitudes: [10, 10, 10.001, 9.999, 90, 89.99, -90],
            options: QueryOptions(metric: metric))
        #expect(queries.facilityIndices == [0, 0, 0, 0, 2, 2, 4])
        #expect(queries.distancesMeters[0].isZero && queries.distancesMeters[1].isZero)
        #expect(queries.distancesMeters[4].isZero && queries.distancesMeters[6].isZero)
        // 0.01° of latitude from the pole, any longitude: the meridian arc.
        let arc = BruteForce.distanceMeters((180, 89.99), (10, 90), metric)
        #expect(abs(queries.distancesMeters[5] - arc) <= BruteForce.toleranceMeters(metric))
    }

    @Test("a single facility answers every query, even at its antipode", arguments: DistanceMetric.allCases)
    func singleFacility(metric: DistanceMetric) throws {
        let index = try FacilityIndex(longitudes: [0], latitudes: [0])
        let result = try index.nearest(
            longitudes: [0, 180, -180, 90, 0, 0], latitudes: [0, 0, 0, 0, 90, -90],
            options: QueryOptions(metric: metric))
        #expect(result.facilityIndices == [0, 0, 0, 0, 0, 0])
        let expected = [(0.0, 0.0), (180, 0), (-180, 0), (90, 0), (0, 90), (0, -90)].map {
            BruteForce.distanceMeters($0, (0, 0), metric)
        }
        for (got, want) in zip(result.distancesMeters, expected) {
            #expect(abs(got - want) <= BruteForce.toleranceMeters(metric), "\(got) m vs \(want) m")
        }
    }

    #if arch(x86_64) || arch(i386)
        /// Near the antipode 2R·asin(c / 2R) is ill-conditioned: the chord c carries no information
        /// about how far from the antipode the query is, once that is under ~0.2 m, and it has lost
        /// half its digits within tens of km. GeometryKit's haversine formula has the same weakness,
        /// so the arbiter here is an extended-precision atan2(|p × q|, p · q).
        @Test("haversine distances near the antipode are exact to 1e-6 m")
        func haversineNearTheAntipode() throws {
            let facility = (lon: 0.0, lat: 0.0)
            var queries: [(lon: Double, lat: Double)] = [(180, 0), (-180, 0)]
            for exponent in -9 ... -1 {
                let offset = pow(10, Double(exponent))  // degrees from the antipode: 0.1 mm … 11 km
                queries += [(180 - offset, 0), (-180 + offset, 0), (180, offset), (180 - offset, -offset)]
            }
            let index = try FacilityIndex(longitudes: [facility.lon], latitudes: [facility.lat])
            let result = try index.nearest(longitudes: queries.map(\.lon), latitudes: queries.map(\.lat))
            let kNearest = try index.kNearest(1, longitudes: queries.map(\.lon), latitudes: queries.map(\.lat))
            var failures = Failures()
            var maxKernel = 0.0, maxHaversine = 0.0
            for (position, query) in queries.enumerated() {
                let truth = BruteForce.sphereArcExtended(query, facility)
                let haversine = BruteForce.distanceMeters(query, facility, .haversine)
                maxKernel = max(maxKernel, abs(result.distancesMeters[position] - truth))
                maxHaversine = max(maxHaversine, abs(haversine - truth))
                failures.check(
                    abs(result.distancesMeters[position] - truth) <= 1e-6,
                    "query \(query): kernel \(result.distancesMeters[position]) m, exact \(truth) m (error \(result.distancesMeters[position] - truth) m; GeometryKit haversine \(haversine) m)"
                )
                failures.check(kNearest.distancesMeters[position].bitPattern == result.distancesMeters[position].bitPattern, "kNearest differs at \(query)")
            }
            print("near the antipode: max error kernel \(maxKernel) m, GeometryKit haversine \(maxHaversine) m")
            failures.expectNone("near-antipodal haversine distances off by more than 1e-6 m")
        }
    #endif

    @Test("under .geodesic the geodesic-nearest facility wins, not the haversine-nearest")
    func geodesicNearestIsNotHaversineNearest() throws {
        // From (102, 18): facility 0 is 1° north, facility 1 east at a distance that is shorter
        // on the sphere but longer on the ellipsoid (a degree of latitude is shorter on WGS 84 here).
        let query = (102.0, 18.0), north = (102.0, 19.0), east = (102.0 + 1.0496, 18.0)
        let sphere = [north, east].map { BruteForce.distanceMeters(query, $0, .haversine) }
        let ellipsoid = [north, east].map { BruteForce.distanceMeters(query, $0, .geodesic) }
        try #require(sphere[1] < sphere[0] && ellipsoid[0] < ellipsoid[1], "the case must separate the metrics: \(sphere) \(ellipsoid)")
        let index = try FacilityIndex(longitudes: [north.0, east.0], latitudes: [north.1, east.1])
        let onSphere = try index.nearest(longitudes: [query.0], latitudes: [query.1], options: QueryOptions(metric: .haversine))
        let onEllipsoid = try index.nearest(longitudes: [query.0], latitudes: [query.1], options: QueryOptions(metric: .geodesic))
        #expect(onSphere.facilityIndices == [1])
        #expect(onEllipsoid.facilityIndices == [0])
        #expect(abs(onEllipsoid.distancesMeters[0] - ellipsoid[0]) <= 1e-3)
    }

    @Test("the geodesic-nearest wins among many facilities at nearly equal distance")
    func geodesicNearestOnARing() throws {
        // 360 facilities on a 50 km sphere circle round the query: on the ellipsoid they are not
        // equidistant, and only brute force over Karney tells which is nearest.
        let query = (104.0, 19.0)
        var lons: [Double] = [], lats: [Double] = []
        for bearing in 0..<360 {
            let point = try Geodesic(equatorialRadiusMeters: EarthModel.sphereRadiusMeters, flattening: 0)
                .direct(from: Coordinate(lon: query.0, lat: query.1), azimuthDegrees: Double(bearing), distanceMeters: 50_000).destination
            lons.append(point.lon)
            lats.append(point.lat)
        }
        let reference = (0..<360).map { BruteForce.distanceMeters(query, (lons[$0], lats[$0]), .geodesic) }
        let expected = BruteForce.ranked(reference, limit: 1)[0]
        let index = try FacilityIndex(longitudes: lons, latitudes: lats)
        let result = try index.nearest(longitudes: [query.0], latitudes: [query.1], options: QueryOptions(metric: .geodesic))
        #expect(Int(result.facilityIndices[0]) == expected)
        #expect(abs(result.distancesMeters[0] - reference[expected]) <= 1e-3)
    }

    // MARK: Determinism

    @Test("bit-identical with 1, 2 and 8 threads and across runs", arguments: DistanceMetric.allCases)
    func deterministic(metric: DistanceMetric) throws {
        let (facilities, queries) = DeterminismInput.make()
        let index = try FacilityIndex(longitudes: facilities.lon, latitudes: facilities.lat)
        let runs = try [1, 2, 8, 8].map {
            try index.nearest(longitudes: queries.lon, latitudes: queries.lat, options: QueryOptions(metric: metric, threads: $0))
        }
        for run in runs.dropFirst() {
            #expect(run.facilityIndices == runs[0].facilityIndices)
            #expect(run.distancesMeters.map(\.bitPattern) == runs[0].distancesMeters.map(\.bitPattern))
        }
        #expect(runs[0].facilityIndices.allSatisfy { $0 >= 0 })
    }
}

/// A batch large enough to span several work chunks of every query kind, with queries near and far.
enum DeterminismInput {
    static func make() -> (facilities: Points, queries: Points) {
        var random = SplitMix64(seed: 99)
        var facilities = Points(), queries = Points()
        for index in 0..<2_000 {
            if index % 5 == 0 {
                facilities.append((102.6 + random.uniform(-0.02, 0.02), 17.97 + random.uniform(-0.02, 0.02)))  // a tight cluster
            } else {
                facilities.append((random.uniform(100.08, 107.64), random.uniform(13.91, 22.51)))
            }
        }
        for index in 0..<12_000 {
            if index % 100 == 0 {
                queries.append((random.uniform(95, 115), random.uniform(5, 30)))  // farther out: other cells, fallbacks
            } else if index % 97 == 0 {
                queries.append(facilities[random.index(facilities.count)])  // at a facility
            } else {
                queries.append((random.uniform(100.08, 107.64), random.uniform(13.91, 22.51)))
            }
        }
        return (facilities, queries)
    }
}
