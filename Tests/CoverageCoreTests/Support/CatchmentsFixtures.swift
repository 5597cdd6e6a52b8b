import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

// Support for the catchments and query tests: a tiny hand-made layer set built in memory, and the
// Xaisomboun (LA18) cut of the shipped data in Fixtures/catchments with its independent expected
// values (make_catchments_fixture.py: pyproj Geod brute force).
//
// The tiny set, lon/lat degrees:
//
//   districts  LA1101 West  square [103, 104] × [18, 19]
//              LA1102 East  triangle (104, 18) (105, 18) (104, 19): the country is not its envelope
//   facilities A  HC (103.3, 18.5)   B  HC (104.2, 18.3)   C  HC (103.9, 18.9)
//              Z  HC (103.05, 18.95): farther than A or C from every village, so it serves none
//              D  district hospital (103.55, 18.45): provides health-centre care too (the hierarchy),
//                 but every village is nearer A, B or C (v2: 15.3 km to A, 22.9 km to D), so it serves none
//   villages   v1 1101001 (103.2, 18.4) 100 → A      v2 1101002 (103.4, 18.6) 200 → A
//              v3 1102001 (104.3, 18.2) 300 → B      v4 1102002 (104.25, 18.35) 400 → B, no target groups (null)
//              v5 1101003 (103.8, 18.85) 500 → C     v6 1101004 (103.8, 18.85) 50 → C: v5's coordinates
//
// Every village is within 0.15° of its facility and more than 0.4° from any other health centre,
// so the nearest facility is plain by construction, whatever the metric.
enum TinyCatchmentSet {
    static let a = Coordinate(lon: 103.3, lat: 18.5)
    static let b = Coordinate(lon: 104.2, lat: 18.3)
    static let c = Coordinate(lon: 103.9, lat: 18.9)
    static let z = Coordinate(lon: 103.05, lat: 18.95)

    static let westRing = [(103.0, 18.0), (104.0, 18.0), (104.0, 19.0), (103.0, 19.0), (103.0, 18.0)]
    static let eastRing = [(104.0, 18.0), (105.0, 18.0), (104.0, 19.0), (104.0, 18.0)]

    static func polygon(_ ring: [(Double, Double)]) throws -> Geometry {
        try Geometry.polygon(exterior: ring.map { Coordinate(lon: $0.0, lat: $0.1) })
    }

    static func districts() throws -> [AdminUnit] {
        [
            AdminUnit(
                pcode: "LA1101", level: .district, nameEN: "West", nameLO: nil, provincePcode: "LA11",
                figures: PopulationFigures(population: 850), populationYear: 2023, populationByYear: [:], geometry: try polygon(westRing), otherNames: []),
            AdminUnit(
                pcode: "LA1102", level: .district, nameEN: "East", nameLO: nil, provincePcode: "LA11",
                figures: PopulationFigures(population: 700), populationYear: 2023, populationByYear: [:], geometry: try polygon(eastRing), otherNames: []),
        ]
    }

    static func provinces() throws -> [AdminUnit] {
        [
            AdminUnit(
                pcode: "LA11", level: .province, nameEN: "Eleven", nameLO: nil, provincePcode: "LA11",
                figures: PopulationFigures(population: 1_550), populationYear: 2023, populationByYear: [:],
                geometry: try Geometry.unaryUnion(of: districts().map(\.geometry)), otherNames: [])
        ]
    }

    static func village(_ code: String, _ lon: Double, _ lat: Double, _ population: Int, groups: Bool = true) -> Village {
        Village(
            code: code, name: "B. V\(code.suffix(1))", districtPcode: "LA11\(code.dropFirst(2).prefix(2))", provincePcode: "LA11",
            location: Coordinate(lon: lon, lat: lat),
            figures: groups
                ? PopulationFigures(
                    population: population, under5: population / 10, birthsLive: population / 50,
                    women15to49: population / 4)
                : PopulationFigures(population: population),
            populationEstimated: false)
    }

    static let villages = [
        village("1101001", 103.2, 18.4, 100),
        village("1101002", 103.4, 18.6, 200),
        village("1102001", 104.3, 18.2, 300),
        village("1102002", 104.25, 18.35, 400, groups: false),
        village("1101003", 103.8, 18.85, 500),
        village("1101004", 103.8, 18.85, 50),
    ]

    static func facility(_ id: String, _ tier: FacilityTier, _ location: Coordinate, district: String) -> Facility {
        Facility(
            id: id, name: "\(id) Health Centre", tier: tier, subtype: nil, services: [.epi], capacity: nil,
            districtPcode: district, provincePcode: "LA11", location: location, source: "test")
    }

    static let facilities = [
        facility("A", .healthCentre, a, district: "LA1101"),
        facility("B", .healthCentre, b, district: "LA1102"),
        facility("C", .healthCentre, c, district: "LA1101"),
        facility("Z", .healthCentre, z, district: "LA1101"),
        facility("D", .districtHospital, Coordinate(lon: 103.55, lat: 18.45), district: "LA1101"),
    ]

    /// A layer set of `villages` and `facilities` over the two districts (placements: inside the
    /// stated district; the catchment code does not read them).
    static func layers(villages: [Village] = villages, facilities: [Facility] = facilities) throws -> LayerSet {
        let inside = { (district: String) in AdminPlacement(districtPcode: district, provincePcode: "LA11", method: .inside, distanceMeters: 0) }
        return LayerSet(
            provinces: try provinces(), districts: try districts(), villages: villages, facilities: facilities,
            regions: [Region(id: "national", name: "National", provincePcodes: ["LA11"])], inputs: [],
            villagePlacements: villages.map { inside($0.districtPcode) },
            facilityPlacements: facilities.map { inside($0.districtPcode ?? "LA1101") },
            report: ValidationReport(), careModel: .hierarchy)
    }

    /// Standards with the shipped data's travel model and limits.
    static let standards = CoverageStandards(
        travelModel: TravelModel(detourFactor: 1.4, speedsKmh: [.walking: 4, .motorbike: 30, .car: 40]),
        standards: [
            .tier(.healthCentre): CoverageStandard(target: .tier(.healthCentre), maxKilometers: [5], maxMinutes: [60], mode: .walking),
            .tier(.districtHospital): CoverageStandard(target: .tier(.districtHospital), maxKilometers: [20], maxMinutes: [60], mode: .motorbike),
            .tier(.provincialHospital): CoverageStandard(target: .tier(.provincialHospital), maxKilometers: [60], maxMinutes: [120], mode: .car),
            .tier(.centralHospital): CoverageStandard(target: .tier(.centralHospital), maxKilometers: [250], maxMinutes: [360], mode: .car),
            .service(.rehabilitation): CoverageStandard(target: .service(.rehabilitation), maxKilometers: [100], maxMinutes: [120], mode: .car),
        ])

    /// The health-centre catchments of `layers`.
    static func catchments(_ layers: LayerSet, target: CareTarget = .tier(.healthCentre), threads: Int? = nil) throws -> Catchments {
        try Catchments(layers: layers, standards: standards, target: target, threads: threads)
    }

    /// The set, its health-centre catchments and their polygons.
    static func healthCentreCatchments() throws -> (LayerSet, Catchments, CatchmentPolygons) {
        let set = try layers()
        let served = try catchments(set)
        return (set, served, try CatchmentPolygons(catchments: served, districts: set.districts))
    }
}

/// The Xaisomboun cut of the shipped data and the values make_catchments_fixture.py computed.
enum XaisomboonCut {
    static func sources() throws -> LayerSources {
        LayerSources(dataDirectory: try fixtureURL("catchments/provinces.geojson").deletingLastPathComponent())
    }

    static let loaded: Result<LayerSet, any Error> = Result { try LayerSet.load(sources()) }

    static func layers() throws -> LayerSet { try loaded.get() }

    static func standards() throws -> CoverageStandards {
        try StandardsFile.read(path: fixtureURL("catchments/standards.yaml").path)
    }

    /// expected_catchments.json, read with Foundation's JSON parser.
    static func expected() throws -> [String: Any] {
        let data = try Data(contentsOf: fixtureURL("catchments/expected_catchments.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// One expected facility row of `tier`.
    struct Row {
        let facilityId: String
        let villageCodes: [String]
        let figures: [TargetGroup: Int]
    }

    static func expectedRows(_ tier: FacilityTier) throws -> [Row] {
        let tiers = try #require(try expected()["tiers"] as? [String: Any])
        let entry = try #require(tiers[tier.rawValue] as? [String: Any])
        let rows = try #require(entry["facilities"] as? [[String: Any]])
        return try rows.map { row in
            var figures: [TargetGroup: Int] = [:]
            for group in TargetGroup.allCases { figures[group] = try #require(row[group.rawValue] as? Int) }
            return Row(
                facilityId: try #require(row["facility_id"] as? String),
                villageCodes: try #require(row["village_codes"] as? [String]), figures: figures)
        }
    }

    /// Per village code, the expected nearest facility id and distance (metres) for `tier`.
    static func expectedNearest(_ tier: FacilityTier) throws -> [String: (id: String, meters: Double)] {
        let tiers = try #require(try expected()["tiers"] as? [String: Any])
        let entry = try #require(tiers[tier.rawValue] as? [String: Any])
        let nearest = try #require(entry["nearest"] as? [String: [String: Any]])
        return try nearest.mapValues { (try #require($0["facility_id"] as? String), try #require($0["distance_m"] as? Double)) }
    }
}

/// The planar area of the part of `a` that `b` also covers (degrees²).
func overlapArea(_ a: Geometry, _ b: Geometry) throws -> Double {
    try a.intersection(b).planarArea()
}
