import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

@Suite("PointQuery on the tiny set")
struct PointQueryTests {
    let layers: LayerSet

    init() throws {
        layers = try TinyCatchmentSet.layers()
    }

    @Test func aPointInADistrictGetsItsNearestFacilities() throws {
        let spot = Coordinate(lon: 104.25, lat: 18.25)
        let answer = try PointQuery(spot, layers: layers, standards: TinyCatchmentSet.standards)
        #expect(answer.placement.method == .inside)
        #expect(answer.district?.pcode == "LA1102")
        #expect(answer.province?.pcode == "LA11")
        #expect(answer.isInside)
        let healthCentre = answer.care[0]
        #expect(healthCentre.nearest.facility.map { layers.facilities[$0].id } == "B")
        let meters = try Geodesic.wgs84.distanceMeters(from: spot, to: TinyCatchmentSet.b)
        #expect(abs(healthCentre.nearest.distanceMeters! - meters) < 1e-3)
        #expect(healthCentre.checks.map(\.covered) == [meters <= 5_000, meters / 1_000 * 1.4 / 4 * 60 <= 60])
        #expect(healthCentre.administrativeDiffers == false)
    }

    @Test func aPointGetsTheSameAnswerAsAVillageThere() throws {
        // 1101002's location, as a point: the same nearest facilities, distances and times.
        let village = try VillageQuery("1101002", layers: layers, standards: TinyCatchmentSet.standards)
        let point = try PointQuery(village.village.location, layers: layers, standards: TinyCatchmentSet.standards)
        #expect(point.care == village.care)
    }

    @Test func aPointOutsideEveryDistrictIsAnsweredAndSaysSo() throws {
        let spot = Coordinate(lon: 100.5, lat: 13.75)
        let answer = try PointQuery(spot, layers: layers, standards: TinyCatchmentSet.standards)
        #expect(answer.placement.method == .outside)
        #expect(!answer.isInside)
        #expect(answer.placement.distanceMeters > 500_000)
        #expect(answer.care[0].nearest.facility != nil)
        #expect(answer.care.allSatisfy { $0.administrative == nil })
        let json = try #require(answer.json(facilities: layers.facilities).objectValue)
        #expect(json["placement"]?.objectValue?["method"] == .string("outside"))
        #expect(json["care"]?.arrayValue?.first?.objectValue?["administrative"] == .null)
    }

    @Test func aPointJustOutsideIsPlacedInTheNearestDistrictWithinTheTolerance() throws {
        // About 550 m west of the west square at 18.5° N.
        let spot = Coordinate(lon: 102.99478, lat: 18.5)
        let answer = try PointQuery(spot, layers: layers, standards: TinyCatchmentSet.standards)
        #expect(answer.placement.method == .nearestWithinTolerance)
        #expect(answer.district?.pcode == "LA1101")
        let strict = try PointQuery(spot, layers: layers, standards: TinyCatchmentSet.standards, toleranceMeters: 100)
        #expect(strict.placement.method == .outside)
    }

    @Test func anInvalidCoordinateIsAGeometryError() {
        #expect(throws: GeometryError.self) {
            try PointQuery(Coordinate(lon: 0, lat: 95), layers: layers, standards: TinyCatchmentSet.standards)
        }
    }
}
