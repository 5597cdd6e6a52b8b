import Testing
import TravelTime

@Suite("FrictionSurface: speeds, land cover, roads and barriers")
struct FrictionSurfaceTests {
    @Test func aSpeedBecomesSecondsPerMetre() throws {
        // 5 km/h = 5,000 m in 3,600 s: 0.72 s/m; 60 km/h: 0.06 s/m; nodata stays nodata.
        let friction = try FrictionSurface.fromSpeeds([5, 60, .nan], columns: 3, name: "speed.tif")
        #expect(friction[0] == Float(0.72) && friction[1] == Float(0.06) && friction[2].isNaN)
    }

    @Test func aSpeedNotAboveZeroIsRefusedWithItsCells() throws {
        let error = try #require(throws: TravelTimeError.self) {
            try FrictionSurface.fromSpeeds([5, 0, 4, -1, .infinity, 3], columns: 3, name: "speed.tif")
        }
        #expect(
            error.description
                == "speed.tif: 3 cell(s) have a speed (km/h) that is not a number above 0 and are not nodata: row 0, column 1 = 0.0, row 1, column 0 = -1.0, row 1, column 1 = inf (mark cells that cannot be crossed as nodata)"
        )
    }

    @Test func aFrictionRasterMayHoldBarriersButNotZero() throws {
        try FrictionSurface.checkFriction([1, .infinity, .nan], columns: 3, name: "f.tif")
        #expect(throws: TravelTimeError.self) { try FrictionSurface.checkFriction([1, 0], columns: 2, name: "f.tif") }
    }

    @Test func landCoverClassesTakeTheirWalkingSpeedAndBarrierClassesAreImpassable() throws {
        let friction = try FrictionSurface.fromLandCover(
            [2, 10, 0, .nan], columns: 2, name: "lc.tif", speeds: [2: 1.5, 10: 4], barrierClasses: [0])
        #expect(friction[0] == Float(3.6 / 1.5) && friction[1] == Float(0.9) && friction[2] == .infinity && friction[3].isNaN)
    }

    @Test func everyUnknownClassIsNamedWithItsCount() throws {
        let error = try #require(throws: TravelTimeError.self) {
            try FrictionSurface.fromLandCover([2, 7, 7, 9, 2.5], columns: 5, name: "lc.tif", speeds: [2: 1.5], barrierClasses: [])
        }
        #expect(
            error.description
                == "lc.tif: the speed table has no walking speed for class not an integer (1 cells, the first at row 0, column 4); class 7 (2 cells, the first at row 0, column 1); class 9 (1 cells, the first at row 0, column 3)"
        )
    }

    @Test func aRoadWinsWhereItIsFasterAndCrossesABarrierClassButNotABarrierShape() {
        // Ground: walking at 0.72 s/m, a river (barrier class), nodata, a fast track (0.05 s/m).
        var friction: [Float] = [0.72, .infinity, .nan, 0.05, 0.72]
        // A road at 60 km/h (0.06 s/m) over all but the last cell.
        FrictionSurface.layRoads([60, 60, 60, 60, .nan], over: &friction)
        #expect(friction == [0.06, 0.06, 0.06, 0.05, 0.72])
        // A barrier shape over the first two cells: impassable, road or not.
        FrictionSurface.layBarriers([1, 1, 0, .nan, 0], over: &friction)
        #expect(friction == [.infinity, .infinity, 0.06, 0.05, 0.72])
    }
}
