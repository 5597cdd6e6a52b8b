import CoverageCore
import Foundation
import GeoIO
import RasterIO
import TestSupport
import Testing

/// The friction surface from its files: Tests/CoverageCLITests/Fixtures/traveltime, made by GDAL's
/// command-line tools from ASCII grids (make_traveltime_fixtures.py), its layout written there.
@Suite("TravelSurface: friction, speed and land-cover rasters, roads, barriers, DEM")
struct TravelSurfaceTests {
    static let folder = CoverageProcess.fixtures.appendingPathComponent("traveltime")
    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The fixture's friction in s/m by its own rule (see make_traveltime_fixtures.py), NaN for water.
    static func expectedFriction(row: Int, column: Int) -> Float {
        if row == 10 { return 0.06 }
        if column == 25 && row != 22 { return .nan }
        if (3...6).contains(row) && (5...8).contains(column) { return .nan }
        if (23...27).contains(row) && (32...36).contains(column) && ([23, 27].contains(row) || [32, 36].contains(column)) { return .nan }
        return column < 20 ? 0.72 : 1.2
    }

    @Test func aFrictionRasterIsReadCellForCell() throws {
        let surface = try TravelSurface.load(TravelSurfaceInputs(ground: .friction(path: Self.path("friction.tif"))))
        #expect(surface.grid.columns == 40 && surface.grid.rows == 30 && surface.grid.crs.epsg == 32648)
        for row in 0..<30 {
            for column in 0..<40 {
                let expected = Self.expectedFriction(row: row, column: column)
                let found = surface.friction[row * 40 + column]
                #expect(expected.isNaN ? found.isNaN : found == expected, "row \(row), column \(column): \(found)")
            }
        }
        #expect(surface.inputs.map(\.role) == ["ground"])
    }

    @Test func speedsAndLandCoverWithRoadsGiveTheSameFriction() throws {
        let friction = try TravelSurface.load(TravelSurfaceInputs(ground: .friction(path: Self.path("friction.tif")))).friction
        let speed = try TravelSurface.load(TravelSurfaceInputs(ground: .speed(path: Self.path("speed.tif")))).friction
        let landCover = try TravelSurface.load(
            TravelSurfaceInputs(
                ground: .landCover(path: Self.path("landcover.tif")), speedTablePath: Self.path("speeds.yaml"), roadsPath: Self.path("roads.geojson")))
        // Water is a barrier class (infinity) in the land cover, nodata (NaN) in the other two.
        #expect(speed.map(\.bitPattern) == friction.map(\.bitPattern))
        #expect(landCover.friction.map { $0.isInfinite ? Float.nan : $0 }.map(\.bitPattern) == friction.map(\.bitPattern))
        // The road took row 10, the bridge over the river (a barrier class) included.
        #expect(landCover.roadCells == 40)
        #expect(landCover.inputs.map(\.role) == ["speed_table", "ground", "roads"])
    }

    @Test func aBarrierPolygonClosesTheCellsItTouches() throws {
        let surface = try TravelSurface.load(
            TravelSurfaceInputs(ground: .friction(path: Self.path("friction.tif")), barriersPath: Self.path("barriers.geojson")))
        #expect(surface.barrierShapeCells == 12)
        for row in 0..<30 {
            for column in 0..<40 where row >= 27 && column <= 3 {
                #expect(surface.friction[row * 40 + column] == .infinity, "row \(row), column \(column)")
            }
        }
        #expect(surface.friction[26 * 40] == 0.72 && surface.friction[27 * 40 + 4] == 0.72)
    }

    @Test func aDEMOnTheSameGridIsKept() throws {
        let surface = try TravelSurface.load(TravelSurfaceInputs(ground: .friction(path: Self.path("friction.tif")), demPath: Self.path("dem.tif")))
        #expect(surface.elevationMeters?[17 * 40 + 3] == 170)
    }

    @Test func aGeographicGridHasEachRowsMetres() throws {
        let surface = try TravelSurface.load(TravelSurfaceInputs(ground: .friction(path: Self.path("friction_geographic.tif"))))
        let grid = try surface.costGrid()
        // 0.001° of longitude at 17.9995° N (row 0's centre): N(φ) cos φ × 0.001 × π / 180.
        let phi = 17.9995 * Double.pi / 180
        let e2 = 0.006_694_379_990_14
        let expected = 6_378_137 / (1 - e2 * sin(phi) * sin(phi)).squareRoot() * cos(phi) * 0.001 * Double.pi / 180
        #expect(abs(grid.cellWidthMeters[0] - expected) < 1e-6)
        #expect(grid.cellWidthMeters[19] > grid.cellWidthMeters[0])
    }

    // MARK: bad input

    private func error(_ inputs: TravelSurfaceInputs) -> String {
        do {
            _ = try TravelSurface.load(inputs)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func aRasterWithoutACRSIsRefused() {
        #expect(error(TravelSurfaceInputs(ground: .friction(path: Self.path("friction_no_crs.tif")))).contains("has no coordinate reference system"))
    }

    @Test func aZeroFrictionIsRefusedWithItsCell() {
        #expect(
            error(TravelSurfaceInputs(ground: .friction(path: Self.path("friction_zero.tif"))))
                .hasSuffix(
                    "friction_zero.tif: 1 cell(s) have a friction (s/m) that is not a number above 0 and are not nodata: row 12, column 3 = 0.0 (mark cells that cannot be crossed as nodata or infinity)"
                ))
    }

    @Test func aDEMThatDoesNotLineUpIsRefused() {
        let message = error(TravelSurfaceInputs(ground: .friction(path: Self.path("friction.tif")), demPath: Self.path("dem_shifted.tif")))
        #expect(message.contains("dem_shifted.tif: the grid does not line up with") && message.contains("500050.0"))
    }

    @Test func aRoadClassWithoutASpeedIsRefused() {
        let message = error(
            TravelSurfaceInputs(
                ground: .landCover(path: Self.path("landcover.tif")), speedTablePath: Self.path("speeds.yaml"),
                roadsPath: Self.path("roads_unknown_class.geojson")))
        #expect(message.contains("no speed for the road class(es) track (1 lines)"))
    }

    @Test func aLandCoverClassWithoutASpeedIsRefused() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("speeds.yaml")
        try "land_cover:\n  1: {speed_kmh: 5}\n".write(to: table, atomically: true, encoding: .utf8)
        let message = error(TravelSurfaceInputs(ground: .landCover(path: Self.path("landcover.tif")), speedTablePath: table.path))
        // Class 0: the river's 29 cells, the lake's 16 and the ring's 16; class 2: columns 20-39 but
        // the river's 29 cells and the ring's 16.
        #expect(message.hasSuffix("no walking speed for class 0 (61 cells, the first at row 0, column 25); class 2 (555 cells, the first at row 0, column 20)"))
    }

    @Test func aRasterTooLargeForMemoryIsRefusedBeforeItsCellsAreRead() throws {
        // 300,000 × 300,000 float32 cells, sparse: a small file whose cells would need 2.5 TB.
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let huge = folder.appendingPathComponent("huge.tif").path
        let made = try CoverageProcess.run(
            [
                "-q", "-outsize", "300000", "300000", "-ot", "Float32", "-a_srs", "EPSG:32648", "-a_ullr", "0", "30000000", "30000000", "0",
                "-co", "TILED=YES", "-co", "SPARSE_OK=TRUE", "-co", "BIGTIFF=YES", huge,
            ],
            executable: URL(fileURLWithPath: "/usr/bin/gdal_create"))
        #expect(made.status == 0, "\(made)")
        let started = Date()
        let message = error(TravelSurfaceInputs(ground: .friction(path: huge)))
        #expect(message.contains("300000 × 300000 cells need about") && message.contains("MiB are available"), "\(message)")
        #expect(Date().timeIntervalSince(started) < 10)
    }
}

@Suite("SpeedTable")
struct SpeedTableTests {
    private func read(_ text: String) throws -> SpeedTable {
        try SpeedTable.read(InputFile(path: "speeds.yaml", bytes: Array(text.utf8)))
    }

    @Test func theFixturesTableIsRead() throws {
        let table = try SpeedTable.read(path: TravelSurfaceTests.path("speeds.yaml"))
        #expect(table.walkingSpeedsKmh == [1: 5, 2: 3] && table.barrierClasses == [0])
        #expect(table.roadField == "highway" && table.roadSpeedsKmh == ["primary": 60])
    }

    @Test(arguments: [
        ("land_cover:\n  1: {speed_kmh: 5, barrier: true}\n", "speeds.yaml:2:6: class 1 is a barrier and has a speed: give one or the other"),
        ("land_cover:\n  1: {name: x}\n", "speeds.yaml:2:6: class 1 needs speed_kmh (a walking speed) or barrier: true"),
        ("land_cover:\n  forest: {speed_kmh: 2}\n", "speeds.yaml:2:3: a land-cover class must be a whole number (the raster's value), found forest"),
        ("land_cover:\n  1: {speed_kmh: 0}\n", "speeds.yaml:2:18: speed_kmh of class 1 must be a number > 0, found 0"),
        ("roads:\n  speeds_kmh: {primary: 60}\n", "speeds.yaml:2:3: roads needs field (the lines' property holding their class) and speeds_kmh"),
        ("road:\n  field: highway\n", "speeds.yaml:1:1: unknown key \"road\" (expected land_cover, roads)"),
    ])
    func aBadTableIsLocated(text: String, message: String) {
        #expect(throws: InputError.self) { try read(text) }
        do {
            _ = try read(text)
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }
}
