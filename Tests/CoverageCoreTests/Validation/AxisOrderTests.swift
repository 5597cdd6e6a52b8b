import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// Point layers written [latitude, longitude]: one error for the layer, not one per point.
@Suite struct AxisOrderTests {
    /// The fixture districts' extent.
    private static let extent = Envelope(minX: 102, minY: 17, maxX: 105, maxY: 19)

    private static func records(_ points: [(Double, Double)]) throws -> [LayerRecord] {
        points.enumerated().map { index, point in
            LayerRecord(
                file: "villages.geojson", location: .feature(index), fields: JSONObject(),
                geometry: .point(Coordinate(x: point.0, y: point.1)))
        }
    }

    @Test func aLayerWrittenLatitudeFirst() throws {
        var report = ValidationReport()
        let swapped = try Self.records([(18.5, 103.5), (18.25, 103.25), (18.5, 104.5)])
        #expect(AxisOrder.isSwapped(swapped, extent: Self.extent, kind: .villages, into: &report))
        #expect(report.findings.map(\.brief) == ["error swapped_axes villages.geojson file geometry -"])
        #expect(
            report.findings.first?.detail.reason == "3 of 3 villages lie outside the admin layers, but 3 lie inside with longitude and "
                + "latitude swapped: the coordinates look like [latitude, longitude]")
        #expect(report.findings.first?.detail.suggestion == "GeoJSON positions are [longitude, latitude]; for a CSV, name the columns the other way round")
    }

    @Test func aGoodLayerIsNotSwapped() throws {
        var report = ValidationReport()
        #expect(
            !AxisOrder.isSwapped(
                try Self.records([(103.5, 18.5), (103.25, 18.25), (104.5, 18.5)]), extent: Self.extent,
                kind: .villages, into: &report))
        #expect(report.findings.isEmpty)
    }

    @Test func aMinorityOfSwappedPointsIsNotALayerProblem() throws {
        var report = ValidationReport()
        // 2 of 4 swapped: not more than half, so each is left to the per-point check.
        let points = try Self.records([(18.5, 103.5), (18.25, 103.25), (104.5, 18.5), (103.5, 18.5)])
        #expect(!AxisOrder.isSwapped(points, extent: Self.extent, kind: .villages, into: &report))
        #expect(report.findings.isEmpty)
    }

    @Test func pointsOutsideEitherWayAreNotSwapped() throws {
        // Projected metres lie outside both ways round: not swapped axes.
        var report = ValidationReport()
        let projected = try Self.records([(341_645, 2_046_162), (314_979, 2_018_729), (447_219, 2_045_578)])
        #expect(!AxisOrder.isSwapped(projected, extent: Self.extent, kind: .villages, into: &report))
        #expect(report.findings.isEmpty)
    }

    @Test func tooFewPointsOrNoExtentDecideNothing() throws {
        var report = ValidationReport()
        let two = try Self.records([(18.5, 103.5), (18.25, 103.25)])
        #expect(!AxisOrder.isSwapped(two, extent: Self.extent, kind: .villages, into: &report))
        let three = try Self.records([(18.5, 103.5), (18.25, 103.25), (18.5, 104.5)])
        #expect(!AxisOrder.isSwapped(three, extent: nil, kind: .villages, into: &report))
        #expect(!AxisOrder.isSwapped([], extent: Self.extent, kind: .villages, into: &report))
        #expect(report.findings.isEmpty)
    }

    @Test func pointsJustBeyondTheBorderAreNotSwapped() throws {
        // Within the 0.5° margin of the extent: real data near a border, not swapped axes.
        var report = ValidationReport()
        let near = try Self.records([(101.6, 16.6), (105.4, 19.4), (101.7, 19.3)])
        #expect(!AxisOrder.isSwapped(near, extent: Self.extent, kind: .facilities, into: &report))
        #expect(report.findings.isEmpty)
    }

    @Test func aWholeVillageLayerSwappedGivesOneErrorForTheLayer() throws {
        // The five fixture villages, each written [lat, lon].
        let swapped = try LayerFixtures.features("villages.geojson").map { line in
            line.replacing(/"coordinates": \[([0-9.]+), ([0-9.]+)\]/) { "\"coordinates\": [\($0.2), \($0.1)]" }
        }
        #expect(swapped.allSatisfy { $0.contains("\"coordinates\": [1") })
        #expect(swapped[0].contains("[18.5, 103.5]"))
        try withLayerSet(["villages.geojson": collection(features: swapped)]) { scratch in
            let report = try LayerSet.validate(scratch.sources())
            #expect(report.findings.map(\.brief) == ["error swapped_axes villages.geojson file geometry -"])
            let finding = try #require(report.findings.first)
            #expect(finding.detail.file == scratch.path("villages.geojson"))
            #expect(finding.detail.reason.hasPrefix("5 of 5 villages lie outside the admin layers, but 5 lie inside"))
            // The facilities are read as usual.
            let (set, _) = try LayerSet.assemble(scratch.sources())
            #expect(set?.villages.isEmpty == true)
            #expect(set?.facilities.count == 5)
        }
    }

    @Test func aWholeFacilityCSVSwapped() throws {
        let csv = """
            facility_id,name,tier,district_pcode,lon,lat
            HC-1,One,health_centre,LA1101,18.5,103.5
            HC-2,Two,health_centre,LA1101,18.25,103.25
            HC-3,Three,health_centre,LA1102,18.5,104.5

            """
        try withLayerSet(["facilities.csv": csv]) { scratch in
            let report = try LayerSet.validate(scratch.sources { $0.paths[.facilities] = scratch.path("facilities.csv") })
            #expect(report.findings.map(\.brief) == ["error swapped_axes facilities.csv file geometry -"])
            #expect(report.findings.first?.detail.reason.hasPrefix("3 of 3 facilities lie outside") == true)
        }
    }
}
