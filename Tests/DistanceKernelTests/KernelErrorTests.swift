import DistanceKernel
import Foundation
import GeometryKit
import TestSupport
import Testing

@Suite("KernelError")
struct KernelErrorTests {
    /// Coordinates that are not a longitude/latitude, as (longitude, latitude).
    static let badCoordinates: [(Double, Double)] = [
        (.nan, 10), (10, .nan), (.infinity, 10), (-.infinity, 10), (10, .infinity), (10, -.infinity),
        (180.0001, 10), (-180.0001, 10), (10, -90.5), (10, 90.0001), (180.nextUp, 0), (0, (-90.0).nextDown),
        (-Double.greatestFiniteMagnitude, 0), (.signalingNaN, 0),
    ]

    /// Five queries, the one at position 3 bad.
    static func queries(with bad: (Double, Double)) -> (lon: [Double], lat: [Double]) {
        var lon = [102.6, 180, -180, 0, 103.0], lat = [17.97, 90, -90, 0, 18.0]
        lon[3] = bad.0
        lat[3] = bad.1
        return (lon, lat)
    }

    enum Query: String, CaseIterable, Sendable {
        case nearest, kNearest, withinRadius
    }

    static func run(_ query: Query, _ index: FacilityIndex, _ lon: [Double], _ lat: [Double], _ metric: DistanceMetric) throws {
        let options = QueryOptions(metric: metric)
        switch query {
        case .nearest: _ = try index.nearest(longitudes: lon, latitudes: lat, options: options)
        case .kNearest: _ = try index.kNearest(2, longitudes: lon, latitudes: lat, options: options)
        case .withinRadius: _ = try index.withinRadius(1_000, longitudes: lon, latitudes: lat, listFacilities: true, options: options)
        }
    }

    @Test("a bad query coordinate is named by its position", arguments: Query.allCases, DistanceMetric.allCases)
    func badQuery(query: Query, metric: DistanceMetric) throws {
        for facilities in [[Double](), [102.6, 104.8]] {
            let index = try FacilityIndex(longitudes: facilities, latitudes: facilities.map { _ in 17.0 })
            for bad in Self.badCoordinates {
                let (lon, lat) = Self.queries(with: bad)
                let error = #expect(throws: KernelError.self, "\(bad) with \(facilities.count) facilities") {
                    try Self.run(query, index, lon, lat, metric)
                }
                #expect(error?.input == "query" && error?.index == 3, "\(bad): \(String(describing: error))")
                #expect(error?.description.hasPrefix("query 3: ") == true)
            }
        }
    }

    @Test("the first bad query is named")
    func firstBadQuery() throws {
        let index = try FacilityIndex(longitudes: [102.6], latitudes: [17.97])
        let error = #expect(throws: KernelError.self) {
            try index.nearest(longitudes: [0, 0, 200, .nan], latitudes: [0, 0, 0, 0])
        }
        #expect(error?.index == 2)
    }

    @Test("a bad facility coordinate is named by its position")
    func badFacility() throws {
        for bad in Self.badCoordinates {
            let (lon, lat) = Self.queries(with: bad)
            let error = #expect(throws: KernelError.self, "\(bad)") {
                try FacilityIndex(longitudes: lon, latitudes: lat)
            }
            #expect(error?.input == "facility" && error?.index == 3, "\(bad): \(String(describing: error))")
            let viaCoordinates = #expect(throws: KernelError.self) {
                try FacilityIndex(zip(lon, lat).map { Coordinate(lon: $0, lat: $1) })
            }
            #expect(viaCoordinates?.index == 3)
        }
    }

    @Test("the extremes of the valid range are accepted", arguments: DistanceMetric.allCases)
    func extremesAccepted(metric: DistanceMetric) throws {
        let lon: [Double] = [180, -180, 180, -180, 0, 0], lat: [Double] = [90, 90, -90, -90, 90, -90]
        let index = try FacilityIndex(longitudes: lon, latitudes: lat)
        let result = try index.nearest(longitudes: lon, latitudes: lat, options: QueryOptions(metric: metric))
        // All of the first four and the last two are at the two poles: the lowest index at each pole.
        #expect(result.facilityIndices == [0, 0, 2, 2, 0, 2])
        #expect(result.distancesMeters.allSatisfy { $0.isZero })
    }

    @Test("mismatched buffer lengths")
    func mismatchedLengths() throws {
        let facilityError = #expect(throws: KernelError.self) {
            try FacilityIndex(longitudes: [1, 2, 3], latitudes: [1, 2])
        }
        #expect(facilityError?.input == "facility" && facilityError?.index == nil)
        let index = try FacilityIndex(longitudes: [1, 2], latitudes: [1, 2])
        for query in Query.allCases {
            for (lon, lat) in [([1.0, 2.0], [1.0]), ([], [1.0]), ([1.0], [])] {
                let error = #expect(throws: KernelError.self, "\(query)") {
                    try Self.run(query, index, lon, lat, .haversine)
                }
                #expect(error?.input == "query" && error?.index == nil)
            }
        }
    }

    @Test("k must be at least 1", arguments: [0, -1, Int.min])
    func badK(k: Int) throws {
        for facilities in [[Double](), [102.6]] {
            let index = try FacilityIndex(longitudes: facilities, latitudes: facilities.map { _ in 17.97 })
            let error = #expect(throws: KernelError.self) {
                try index.kNearest(k, longitudes: [0], latitudes: [0])
            }
            #expect(error?.input == "k")
        }
    }

    @Test("the radius must be finite and not negative", arguments: [-1, -1e-300, .nan, .infinity, -.infinity])
    func badRadius(radius: Double) throws {
        for facilities in [[Double](), [102.6]] {
            let index = try FacilityIndex(longitudes: facilities, latitudes: facilities.map { _ in 17.97 })
            for lists in [false, true] {
                let error = #expect(throws: KernelError.self) {
                    try index.withinRadius(radius, longitudes: [0], latitudes: [0], listFacilities: lists)
                }
                #expect(error?.input == "radius")
            }
        }
    }

    @Test("description names the input, the position and the reason")
    func description() {
        #expect(KernelError(input: "query", index: 7, reason: "bad").description == "query 7: bad")
        #expect(KernelError(input: "radius", reason: "negative").description == "radius: negative")
    }

    /// Bad input never crashes: a huge k must be refused (or answered) rather than overflow the
    /// k × queries result buffer.
    @Test("a huge k is refused, not a crash")
    func hugeK() async {
        await #expect(processExitsWith: .success) {
            let index = try? FacilityIndex(longitudes: [102.6, 104.8], latitudes: [17.97, 16.55])
            _ = try? index?.kNearest(Int.max / 2, longitudes: [102.0, 103.0], latitudes: [18.0, 18.0])
        }
    }
}
