import CoverageCore
import DistanceKernel
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

// Support for the coverage-gaps tests: a tiny hand-made layer set written to a temporary folder
// and loaded with `LayerSet.load`, and the golden Bolikhamxay fixture (Fixtures/coverage).
//
// The tiny set, lon/lat squares at Lao latitudes:
//
//   provinces  LA11 Eleven [103, 105] × [18, 19]          LA12 Twelve [103, 105] × [17, 18]
//   districts  LA1101 West [103, 104] × [18, 19]           LA1102 East [104, 105] × [18, 19]
//              LA1201 South West [103, 104] × [17, 18]     LA1202 South East [104, 105] × [17, 18] (no village)
//   facilities HC-1 health centre, epi + delivery (103.3, 18.5) LA1101
//              HC-2 health centre, epi (103.99, 18.5) LA1101 — 2.1 km from V3 across the district border
//              DH-1 district hospital, epi + delivery + cold_chain (103.5, 18.6) LA1101
//              (no provincial or central hospital: unreachable targets)
//   villages   V1 1101001 (103.5, 18.5) LA1101 1,000 (under5 100, births 20, women 250): 21.1 km from HC-1, 11.1 km from DH-1
//              V2 1101002 at exactly 5,000.0 m from HC-1 (as the kernel measures), LA1101 500 (50, 10, 125)
//              V6 1101003 just outside that circle (by at most a micrometre), LA1101 1 (0, 0, 0)
//              V3 1102001 (104.01, 18.5) LA1102 800 (80, 16, 200): 2.1 km from HC-2
//              V4 1102002 (104.8, 18.8) LA1102 200, no target-group figures (null)
//              V5 1201001 (103.5, 17.5) LA1201 0 (0, 0, 0): a zone nobody lives in
//   regions    eleven (LA11), pair (LA11, LA12); national is added by the loader.
//
// Distances from pyproj `Geod(ellps="WGS84").inv` (metres): V1–HC-1 21,120.5, V1–DH-1 11,068.7,
// V2–DH-1 19,551.2, V3–HC-2 2,112.1, V3–DH-1 54,967.6, V4–HC-2 91,687.5, V5–HC-1 112,688.8.

enum TinyGapsSet {
    static let healthCentre = Coordinate(lon: 103.3, lat: 18.5)

    /// Two points due east of HC-1 on its 5 km circle, as the distance kernel measures
    /// (``PairDistance``, bit for bit the kernel's): `inside` at exactly 5,000.0 m, `outside` at
    /// more than 5,000 m by at most a micrometre. Found by bisection on the length of the geodesic
    /// from `Geodesic.direct`, then, for `inside`, by a search of the points around it.
    static let boundary: (inside: Coordinate, outside: Coordinate) = try! findBoundary()

    static func findBoundary() throws -> (inside: Coordinate, outside: Coordinate) {
        func point(_ azimuth: Double, _ meters: Double) throws -> Coordinate {
            try Geodesic.wgs84.direct(from: healthCentre, azimuthDegrees: azimuth, distanceMeters: meters).destination
        }
        func kernel(_ point: Coordinate) throws -> Double { try PairDistance.meters(from: point, to: healthCentre, metric: .geodesic) }
        /// The last length along `azimuth` the kernel measures as ≤ 5,000 m, and the first beyond.
        func bisect(_ azimuth: Double) throws -> (low: Double, high: Double) {
            var low = 4_999.99, high = 5_000.01
            guard try kernel(point(azimuth, low)) <= 5_000, try kernel(point(azimuth, high)) > 5_000 else {
                throw GeometryError(source: .invalidArgument, operation: "findBoundary", message: "the 5 km circle is not between the bounds")
            }
            while true {
                let middle = (low + high) / 2
                if middle == low || middle == high { return (low, high) }
                if try kernel(point(azimuth, middle)) <= 5_000 { low = middle } else { high = middle }
            }
        }
        // Where the kernel's distance crosses 5,000 m its values are ~10⁻⁹ m apart (chords of 3-D
        // coordinates of ~6,400 km), so a point at exactly 5,000.0 m is about one in a thousand:
        // try the crossing points along azimuths a micro-degree apart, and their last-bit neighbours.
        for step in 0..<20_000 {
            let azimuth = 90 + Double((step + 1) / 2) * (step % 2 == 0 ? 1e-6 : -1e-6)
            let crossing = try point(azimuth, bisect(azimuth).low)
            for lon in [crossing.lon, crossing.lon.nextUp, crossing.lon.nextDown] {
                for lat in [crossing.lat, crossing.lat.nextUp, crossing.lat.nextDown] where try kernel(Coordinate(lon: lon, lat: lat)) == 5_000 {
                    return (Coordinate(lon: lon, lat: lat), try point(azimuth, bisect(azimuth).high))
                }
            }
        }
        throw GeometryError(source: .invalidArgument, operation: "findBoundary", message: "no point at exactly 5,000 m east of HC-1")
    }

    static let provinces = [
        admin("LA11", "Eleven", nil, 2_501, squareGeometry(103, 18, 105, 19)),
        admin("LA12", "Twelve", nil, 0, squareGeometry(103, 17, 105, 18)),
    ]
    static let districts = [
        admin("LA1101", "West", "LA11", 1_501, squareGeometry(103, 18, 104, 19)),
        admin("LA1102", "East", "LA11", 1_000, squareGeometry(104, 18, 105, 19)),
        admin("LA1201", "South West", "LA12", 0, squareGeometry(103, 17, 104, 18)),
        admin("LA1202", "South East", "LA12", 0, squareGeometry(104, 17, 105, 18)),
    ]
    static var villages: [String] {
        [
            village("1101001", "LA1101", 1_000, [100, 20, 250], Coordinate(lon: 103.5, lat: 18.5)),
            village("1101002", "LA1101", 500, [50, 10, 125], boundary.inside),
            village("1101003", "LA1101", 1, [0, 0, 0], boundary.outside),
            village("1102001", "LA1102", 800, [80, 16, 200], Coordinate(lon: 104.01, lat: 18.5)),
            village("1102002", "LA1102", 200, nil, Coordinate(lon: 104.8, lat: 18.8)),
            village("1201001", "LA1201", 0, [0, 0, 0], Coordinate(lon: 103.5, lat: 17.5)),
        ]
    }
    static let facilities = [
        facilityFeature("HC-1", tier: "health_centre", services: ["epi", "delivery"], geometry: pointGeometry(103.3, 18.5)),
        facilityFeature("HC-2", tier: "health_centre", services: ["epi"], geometry: pointGeometry(103.99, 18.5)),
        facilityFeature(
            "DH-1", name: "West District Hospital", tier: "district_hospital", services: ["epi", "delivery", "cold_chain"],
            geometry: pointGeometry(103.5, 18.6)),
    ]
    static let regions =
        #"{"regions": [{"id": "eleven", "name": "Eleven", "provinces": ["LA11"]}, {"id": "pair", "name": "Eleven and Twelve", "provinces": ["LA11", "LA12"]}]}"#

    /// Standards: health centre 5 km / 60 min walking; district hospital 20 km / 60 min motorbike;
    /// provincial hospital 60 km / 120 min car; epi 5 km walking. Detour 1.4; 4, 30, 40 km/h.
    static let standards = CoverageStandards(
        travelModel: TravelModel(detourFactor: 1.4, speedsKmh: [.walking: 4, .motorbike: 30, .car: 40]),
        standards: [
            .tier(.healthCentre): CoverageStandard(target: .tier(.healthCentre), maxKilometers: [5], maxMinutes: [60], mode: .walking),
            .tier(.districtHospital): CoverageStandard(target: .tier(.districtHospital), maxKilometers: [20], maxMinutes: [60], mode: .motorbike),
            .tier(.provincialHospital): CoverageStandard(target: .tier(.provincialHospital), maxKilometers: [60], maxMinutes: [120], mode: .car),
            .service(.epi): CoverageStandard(target: .service(.epi), maxKilometers: [5], maxMinutes: [], mode: .walking),
        ])

    static let targets: [CareTarget] = [.tier(.healthCentre), .tier(.districtHospital), .tier(.provincialHospital), .service(.epi)]

    /// Writes the set (with `villages` and `facilities` replaced when given) and loads it.
    static func load(villages: [String]? = nil, facilities: [String]? = nil) throws -> LayerSet {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            "provinces.geojson": collection(features: provinces),
            "districts.geojson": collection(features: districts),
            "villages.geojson": collection(features: villages ?? Self.villages),
            "facilities.geojson": collection(features: facilities ?? Self.facilities),
            "regions.json": regions,
        ]
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        return try LayerSet.load(LayerSources(dataDirectory: directory))
    }

    /// The gaps of `region` in the set, assigned with ``standards`` (overridden when given).
    static func gaps(
        region: String = "pair", standards: CoverageStandards = standards, targets: [CareTarget] = targets,
        includingNational: Bool = false, layers: LayerSet? = nil
    ) throws -> CoverageGaps {
        let set = try layers ?? load()
        let assignment = try CoverageAssignment(layers: set, standards: standards, targets: targets)
        return try CoverageGaps(assignment: assignment, layers: set, region: try set.requireRegion(region), includingNational: includingNational)
    }

    static func admin(_ pcode: String, _ name: String, _ province: String?, _ population: Int, _ geometry: String) -> String {
        let provinceMember = province.map { #", "province_pcode": "\#($0)""# } ?? ""
        return
            #"{"type": "Feature", "properties": {"pcode": "\#(pcode)", "name_en": "\#(name)"\#(provinceMember), "population": \#(population)}, "geometry": \#(geometry)}"#
    }

    /// A village; `groups` are under5, births_live, women_15_49 (nil: the fields are absent).
    static func village(_ code: String, _ district: String, _ population: Int, _ groups: [Int]?, _ location: Coordinate) -> String {
        let absent = JSONLiteral.absent
        let values = groups.map { $0.map { JSONLiteral(integerLiteral: $0) } } ?? [absent, absent, absent]
        return featureText(
            [
                "village_code": JSONLiteral(stringLiteral: code), "name": JSONLiteral(stringLiteral: "B. \(code)"),
                "district_pcode": JSONLiteral(stringLiteral: district),
                "province_pcode": JSONLiteral(stringLiteral: String(district.prefix(4))),
                "population": JSONLiteral(integerLiteral: population), "under5": values[0], "births_live": values[1],
                "women_15_49": values[2],
            ],
            geometry: #"{"type": "Point", "coordinates": [\#(location.lon), \#(location.lat)]}"#)
    }
}

/// The golden Bolikhamxay fixture: the shipped data cut to LA11 (Fixtures/coverage, see its README).
enum CoverageFixture {
    static func directory() throws -> URL { try fixtureURL("coverage/provinces.geojson").deletingLastPathComponent() }

    static let loaded: Result<LayerSet, any Error> = Result { try LayerSet.load(LayerSources(dataDirectory: directory())) }

    static func layers() throws -> LayerSet { try loaded.get() }

    static func standards() throws -> CoverageStandards {
        try StandardsFile.read(path: directory().appendingPathComponent("standards.yaml").path)
    }

    /// Every tier and every service.
    static var allTargets: [CareTarget] { CareTarget.knownNames.compactMap(CareTarget.init(name:)) }

    /// A CSV of the fixture folder, as rows of header → field.
    static func table(_ name: String) throws -> [[String: String]] {
        let table = try CSVTable.read(path: directory().appendingPathComponent(name).path)
        return table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0.fields)) }
    }
}
