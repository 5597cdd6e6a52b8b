import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// The allocation by travel time over a friction raster, on the traveltime fixtures (see
/// TravelSurfaceTests: 40 × 30 cells of 100 m, a river down column 25 crossed by a bridge on the
/// road of row 10 and a ford at row 22, a walled pocket). The expected minutes are scikit-image's
/// `MCP_Geometric` on the same frictions (the r.cost convention), run once by hand:
///
///     f = [[FRICTION[ground(r, c)] or inf ...]] as float32, then float64
///     MCP_Geometric(f, sampling=(100, 100), fully_connected=True).find_costs([source])
///
/// from each of HC-A (row 15, column 5), HC-B (20, 30) and DH-C (2, 35).
@Suite("CoverageAssignment over a friction raster")
struct RasterAssignmentTests {
    static let facilities = try! TravelTimeAnalysisTests.facilities("sources.geojson")

    /// Standards measuring health-centre care (walking) over the fixture's friction raster.
    static func standards(travel: TravelMeasure = .raster) -> CoverageStandards {
        CoverageStandards(
            travelModel: TravelModel(detourFactor: 1.5, speedsKmh: [.walking: 5]),
            standards: [
                .tier(.healthCentre): CoverageStandard(
                    target: .tier(.healthCentre), maxKilometers: [1.5], maxMinutes: [16.5, 20], mode: .walking, travel: travel)
            ],
            friction: FrictionRasters(paths: [.walking: TravelSurfaceTests.path("friction.tif")])
        )
    }

    /// A demand point at the centre of a fixture cell (row, column), or at a lon/lat.
    static func point(_ id: String, row: Int, column: Int) throws -> DemandPoint {
        let centre = try CoordinateTransform.toWGS84(from: "EPSG:32648").apply(
            Coordinate(x: 500_000 + (Double(column) + 0.5) * 100, y: 2_000_000 - (Double(row) + 0.5) * 100))
        return DemandPoint(id: id, name: id, location: centre, districtPcode: "LA0101", provincePcode: "LA01", figures: PopulationFigures(population: 100))
    }

    static func assignment(_ points: [DemandPoint], travel: TravelMeasure = .raster) throws -> CoverageAssignment {
        try CoverageAssignment(points: points, facilities: facilities, standards: standards(travel: travel), targets: [.tier(.healthCentre)], threads: 1)
    }

    @Test func aPointIsAllocatedToTheNearestFacilityInMinutesNotInKilometres() throws {
        // West of the river at row 5: DH-C (which provides health-centre care) is nearest as the
        // crow flies (1.14 km), HC-B next; on foot the road and the bridge make HC-A nearest.
        let assignment = try Self.assignment([Self.point("P", row: 5, column: 24)])
        let ids = Self.facilities.map(\.id)
        let allocated = assignment.nearest(.tier(.healthCentre))[0]
        #expect(allocated.facility.map { ids[$0] } == "HC-A")
        #expect(abs(allocated.minutes! - 16.400000527501106) < 1e-6, "\(allocated)")
        let byDistance = try #require(assignment.nearestByDistance[.tier(.healthCentre)]?[0])
        #expect(byDistance.facility.map { ids[$0] } == "DH-C")
        // Its own tier: HC-A too (HC-B takes 28.7 minutes).
        let ofTier = try #require(assignment.nearestOfTier[.tier(.healthCentre)]?[0])
        #expect(ofTier.facility.map { ids[$0] } == "HC-A" && abs(ofTier.minutes! - 16.400000527501106) < 1e-6)
        // The distance of the allocation is the geodesic to HC-A: 19 columns and 10 rows away.
        #expect(abs(allocated.distanceMeters! - (19.0 * 19 + 10 * 10).squareRoot() * 100) < 5)

        // The km limit is judged on the geodesic nearest (DH-C at 1.14 km), the time limits on the
        // allocation's 16.4 minutes.
        let km = assignment.care(.tier(.healthCentre), judgedBy: .kilometers(1.5))[0]
        #expect(km.facility.map { ids[$0] } == "DH-C" && km.isCovered(by: .kilometers(1.5)))
        #expect(assignment.care(.tier(.healthCentre), judgedBy: .minutes(16.5))[0].isCovered(by: .minutes(16.5)))
        #expect(!assignment.care(.tier(.healthCentre), judgedBy: .minutes(16))[0].isCovered(by: .minutes(16)))
    }

    @Test func theStraightLineModelAllocatesByDistance() throws {
        let assignment = try Self.assignment([Self.point("P", row: 5, column: 24)], travel: .straight)
        let allocated = assignment.nearest(.tier(.healthCentre))[0]
        #expect(allocated.facility.map { Self.facilities[$0].id } == "DH-C")
        #expect(assignment.nearestByDistance.isEmpty && assignment.travelMinutes.isEmpty)
    }

    @Test func cellsOfTheRasterGiveTheMinutesAndThePocketAndTheOutsideNone() throws {
        let outside = DemandPoint(
            id: "OUT", name: "OUT", location: Coordinate(x: 104.5, y: 18.5), districtPcode: "LA0101", provincePcode: "LA01",
            figures: PopulationFigures(population: 7))
        let points = [
            try Self.point("EAST", row: 15, column: 8), try Self.point("POCKET", row: 25, column: 34), outside,
            try Self.point("FORD", row: 20, column: 24),
        ]
        let assignment = try Self.assignment(points)
        let found = assignment.nearest(.tier(.healthCentre))
        // Three cells east of HC-A at 0.72 s/m: 3.6 minutes (float32 0.72 is 4e-8 above).
        #expect(abs(found[0].minutes! - 3.6000001430511475) < 1e-6)
        #expect(found[1] == .unreachable && found[2] == .unreachable)
        // Over the ford to HC-B: 16.49 minutes, against HC-A's 25.88.
        #expect(found[3].facility.map { Self.facilities[$0].id } == "HC-B" && abs(found[3].minutes! - 16.4852820293048) < 1e-6)
        // The point outside the raster has no cell; the pocket's cell is passable but cut off.
        #expect(assignment.unplaced[.walking]?.points == [2])
        #expect(assignment.unplaced[.walking]?.facilities == [])
        let notes = TravelNotes(assignment, facilities: Self.facilities)
        #expect(notes.lines.contains { $0.hasPrefix("Villages on no passable cell of the walking raster: 1 (7 people)") }, "\(notes.lines)")
    }

    @Test func facilitiesOffTheRasterStartNoSearchAndAreNamed() throws {
        let facilities = try TravelTimeAnalysisTests.facilities("sources_unusable.geojson")
        let assignment = try CoverageAssignment(
            points: [try Self.point("NEAR-LAKE", row: 4, column: 10)], facilities: facilities, standards: Self.standards(),
            targets: [.tier(.healthCentre)], threads: 1)
        // The health centre in the lake is nearest as the crow flies, but no trip ends in a lake.
        let ids = facilities.map(\.id)
        #expect(assignment.nearestByDistance[.tier(.healthCentre)]?[0].facility.map { ids[$0] } == "HC-LAKE")
        #expect(assignment.nearest(.tier(.healthCentre))[0].facility.map { ids[$0] } == "HC-A")
        #expect(assignment.unplaced[.walking]?.facilities.map { ids[$0] } == ["HC-LAKE", "HC-FAR"])
        let notes = TravelNotes(assignment, facilities: facilities)
        #expect(notes.lines.contains { $0.hasPrefix("Facilities outside the walking raster or on an impassable cell: 2 (HC-LAKE, HC-FAR)") }, "\(notes.lines)")
    }

    /// HC-A in district D1, HC-B and DH-C in D2. The administrative health centre is the nearest
    /// by walking time among the district's own: for a point of D1 east of the river, HC-A
    /// (25.88 minutes, though HC-B is nearer, 16.49, in D2: found by a search among D1's alone).
    @Test func theAdministrativeHealthCentreIsTheNearestByWalkingTimeInTheDistrict() throws {
        let facilities = Self.facilities.map { facility in
            Facility(
                id: facility.id, name: facility.name, tier: facility.tier, subtype: nil, services: [], capacity: nil,
                districtPcode: facility.id == "HC-A" ? "D1" : "D2", provincePcode: "P1", location: facility.location, source: "test")
        }
        func point(_ id: String, row: Int, column: Int, district: String) throws -> DemandPoint {
            let cell = try Self.point(id, row: row, column: column)
            return DemandPoint(id: id, name: id, location: cell.location, districtPcode: district, provincePcode: "P1", figures: cell.figures)
        }
        let points = [
            try point("D1-FORD", row: 20, column: 24, district: "D1"), try point("D1-EAST", row: 15, column: 8, district: "D1"),
            try point("D2-WEST", row: 5, column: 24, district: "D2"),
        ]
        let assignment = try CoverageAssignment(
            points: points, facilities: facilities, standards: Self.standards(), targets: [.tier(.healthCentre)], threads: 2)
        let administrative = try #require(assignment.administrative[.tier(.healthCentre)])
        let ids = facilities.map(\.id)
        #expect(administrative.map { $0.facility.map { ids[$0] } } == ["HC-A", "HC-A", "HC-B"])
        for (found, expected) in zip(administrative, [25.876451133887205, 3.6000001430511475, 28.700001096973818]) {
            #expect(abs(found.minutes! - expected) < 1e-6, "\(found)")
        }
        // The chain's first hop is the same; its next hop starts there (DH-C, straight: no motorized raster here).
        let chains = try #require(assignment.chains)
        #expect(zip(chains, administrative).allSatisfy { $0.healthCentre == $1 })
        #expect(chains[0].districtHospital.facility == nil)  // D1 has no district hospital
        #expect(chains[2].districtHospital.facility.map { ids[$0] } == "DH-C")
    }

    /// The walking and the motorized rasters are read side by side (``CoverageStandards/loadFriction()``),
    /// here the same file for both.
    @Test func bothFrictionRastersAreReadSideBySide() throws {
        let path = TravelSurfaceTests.path("friction.tif")
        var standards = Self.standards()
        standards.standards[.tier(.districtHospital)] = CoverageStandard(
            target: .tier(.districtHospital), maxKilometers: [], maxMinutes: [30], mode: .car, travel: .raster)
        standards.friction = FrictionRasters(paths: [.walking: path, .motorized: path])
        try standards.loadFriction()
        let loaded = standards.friction.loaded
        #expect(loaded.map(\.kind) == [.motorized, .walking])
        #expect(Set(loaded.map(\.checksum.sha256)).count == 1)
    }

    @Test func theIsochroneHoldsExactlyTheCellsWithinTheLimit() throws {
        let assignment = try Self.assignment([try Self.point("EAST", row: 15, column: 8)])
        let minutes = try #require(assignment.travelMinutes[.tier(.healthCentre)])
        let reach = try Geometry.unaryUnion(of: minutes.reach(within: 5))
        let toGrid = try CoordinateTransform.fromWGS84(to: "EPSG:32648")
        let grid = try toGrid.apply(to: reach)
        // Every cell centre inside the isochrone is within 5 minutes, every one outside beyond it.
        var inside = 0
        for row in 0..<30 {
            for column in 0..<40 {
                let centre = try Geometry(.point(Coordinate(x: 500_000 + (Double(column) + 0.5) * 100, y: 2_000_000 - (Double(row) + 0.5) * 100)))
                let within = Double(minutes.minutes[row * 40 + column]) <= 5
                #expect(try grid.contains(centre) == within, "row \(row), column \(column)")
                if within { inside += 1 }
            }
        }
        #expect(inside > 20)
    }
}
