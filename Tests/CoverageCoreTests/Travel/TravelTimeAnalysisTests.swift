import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// Travel time to facilities on the traveltime fixtures (see TravelSurfaceTests): hand-computed
/// cells, the allocation, the facilities left out, a geographic grid against PROJ's geodesic.
@Suite("TravelTimeAnalysis")
struct TravelTimeAnalysisTests {
    static func facilities(_ name: String) throws -> [Facility] {
        try LayerSet.loadFacilities(LayerSources(paths: [.facilities: TravelSurfaceTests.path(name)])).facilities
    }

    static func analysis(
        ground: String = "friction.tif", sources: String = "sources.geojson", target: CareTarget? = nil, maxMinutes: Double? = nil,
        drop: Bool = false, threads: Int = 1
    ) throws -> TravelTimeAnalysis {
        let surface = try TravelSurface.load(TravelSurfaceInputs(ground: .friction(path: TravelSurfaceTests.path(ground))))
        return try TravelTimeAnalysis(
            surface: surface, facilities: try facilities(sources), sourcesFile: sources, target: target, neighbours: 8, maxMinutes: maxMinutes,
            dropUnusableSources: drop, threads: threads)
    }

    @Test func cellsNearAFacilityAreItsAtTheWalkingTime() throws {
        let analysis = try Self.analysis()
        #expect(analysis.sources.map(\.facility.id) == ["HC-A", "HC-B", "DH-C"])
        #expect(analysis.sources.map { [$0.row, $0.column] } == [[15, 5], [20, 30], [2, 35]])
        let minutes = analysis.search.minutes(rows: 15..<16)
        // Three cells east of HC-A over open ground at 0.72 s/m: 3 × 100 m × 0.72 s/m = 216 s (the
        // raster's float32 0.72 is 4e-8 above 0.72).
        #expect(minutes[5] == 0 && abs(Double(minutes[8]) - 3.6) < 1e-6)
        // Two cells north-east of it, both diagonal: 2 × √2 × 100 m × 0.72 s/m.
        #expect(abs(Double(analysis.search.minutes(rows: 13..<14)[7]) - 2 * 2.0.squareRoot() * 72 / 60) < 1e-5)
        #expect(analysis.search.sources(rows: 15..<16)[8] == 0)
    }

    @Test func thePocketInsideTheRingIsUnreachable() throws {
        let analysis = try Self.analysis()
        for row in 24...26 {
            #expect(analysis.search.minutes(rows: row..<(row + 1))[33...35].allSatisfy { $0.isNaN }, "row \(row)")
            #expect(analysis.search.sources(rows: row..<(row + 1))[33...35].allSatisfy { $0 == -1 }, "row \(row)")
        }
        // 40 × 30 cells less the water: the river's 28 (its 30 cells but the bridge and the ford),
        // the lake's 16 and the ring's 16; and of those passable, the pocket's 9 are cut off.
        #expect(analysis.passableCells == 1_200 - 28 - 16 - 16)
        #expect(analysis.reachedCells == analysis.passableCells - 9)
    }

    @Test func theAllocationCountsEveryReachedCellOnceWithItsArea() throws {
        let analysis = try Self.analysis()
        let totals = analysis.search.allocationTotals(sourceCount: 3, rowWeights: analysis.cellAreaSquareMeters)
        #expect(totals.cells.reduce(0, +) == analysis.reachedCells)
        #expect(zip(totals.cells, totals.weights).allSatisfy { Double($0) * 10_000 == $1 })
    }

    @Test func aTierKeepsOnlyTheFacilitiesProvidingIt() throws {
        let analysis = try Self.analysis(target: .tier(.districtHospital))
        #expect(analysis.sources.map(\.facility.id) == ["DH-C"] && analysis.facilitiesAsked == 1)
    }

    @Test func beyondTheLimitIsUnreachable() throws {
        let all = try Self.analysis()
        let limited = try Self.analysis(maxMinutes: 5)
        for row in 0..<30 {
            let every = all.search.minutes(rows: row..<(row + 1))
            let some = limited.search.minutes(rows: row..<(row + 1))
            for column in 0..<40 {
                if every[column] <= 5 {
                    #expect(some[column] == every[column])
                } else {
                    #expect(some[column].isNaN)
                }
            }
        }
    }

    @Test func facilitiesOutsideOrOnWaterAreListedAndStopTheRunUnlessLeftOut() throws {
        let message: String
        do {
            _ = try Self.analysis(sources: "sources_unusable.geojson")
            message = "no error"
        } catch {
            message = "\(error)"
        }
        #expect(message.contains("2 of the 5 facilities cannot start a search: HC-LAKE"))
        #expect(message.contains("lies on a barrier or nodata cell (row 4, column 6); HC-FAR (104.5, 18.5) lies outside the raster"))
        let dropped = try Self.analysis(sources: "sources_unusable.geojson", drop: true)
        #expect(dropped.sources.count == 3 && dropped.dropped.map(\.facility.id) == ["HC-LAKE", "HC-FAR"])
    }

    @Test func aGeographicGridMeasuresEachMoveOnTheEllipsoid() throws {
        let analysis = try Self.analysis(ground: "friction_geographic.tif", sources: "sources_geographic.geojson")
        #expect(analysis.sources.map { [$0.row, $0.column] } == [[10, 10]])
        // Five cells south of the source: five moves between row centres, each the geodesic
        // between them (PROJ), at 0.72 s/m.
        var seconds = 0.0
        for row in 10..<15 {
            let from = Coordinate(x: 105.0105, y: 18 - (Double(row) + 0.5) * 0.001)
            let to = Coordinate(x: 105.0105, y: 18 - (Double(row) + 1.5) * 0.001)
            seconds += 0.72 * (try Geodesic.wgs84.distanceMeters(from: from, to: to))
        }
        let found = analysis.search.seconds(rows: 15..<16)[10]
        #expect(abs(found - seconds) / seconds < 1e-6, "\(found) against \(seconds)")
    }

    @Test func theFilesAreTheSameBytesOnOneThreadOrTwo() throws {
        let one = try Self.analysis(threads: 1).files(isochroneMinutes: [2, 5], threads: 1)
        let two = try Self.analysis(threads: 2).files(isochroneMinutes: [2, 5], threads: 2)
        #expect(one.map(\.name) == ["travel_minutes.tif", "nearest_source.tif", "travel_sources.csv", "isochrones.geojson", "travel_catchments.geojson"])
        for (a, b) in zip(one, two) {
            let (first, second) = (try a.bytes, try b.bytes)
            #expect(first == second, "\(a.name)")
        }
    }
}
