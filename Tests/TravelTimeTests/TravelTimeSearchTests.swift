import Foundation
import GeometryKit
import TestSupport
import Testing

@testable import TravelTime

extension TravelTimeSearch {
    /// Every cell's minutes, seconds and source, row-major.
    var allMinutes: [Float] { minutes(rows: 0..<rows) }
    var seconds: [Double] { seconds(rows: 0..<rows) }
    var source: [Int32] { sources(rows: 0..<rows) }
}

/// The minutes of a move between two cells by the convention of GRASS `r.cost` and scikit-image
/// `MCP_Geometric`, written out again here from the issue's words.
private func uniformMinutes(frictionSecondsPerMeter f: Double, cellMeters s: Double, rows dr: Int, columns dc: Int) -> Double {
    let (long, short) = (Double(max(abs(dr), abs(dc))), Double(min(abs(dr), abs(dc))))
    return f * s * (long - short + 2.0.squareRoot() * short) / 60
}

@Suite("TravelTimeSearch: hand cases")
struct TravelTimeSearchHandTests {
    @Test func uniformFrictionGivesTheOctileDistance() throws {
        let grid = try CostGrid(columns: 9, rows: 7, friction: Array(repeating: 2, count: 63), cellSizeMeters: 10)
        let result = try TravelTimeSearch(grid: grid, sources: [(row: 3, column: 4)])
        for row in 0..<7 {
            for column in 0..<9 {
                let expected = uniformMinutes(frictionSecondsPerMeter: 2, cellMeters: 10, rows: row - 3, columns: column - 4)
                #expect(abs(Double(result.allMinutes[row * 9 + column]) - expected) <= 1e-6 * max(1, expected), "row \(row), column \(column)")
                #expect(result.source[row * 9 + column] == 0)
            }
        }
    }

    @Test func aKnightsMoveCostsTheSquareRootOfFive() throws {
        let grid = try CostGrid(columns: 5, rows: 5, friction: Array(repeating: 1, count: 25), cellSizeMeters: 100)
        let eight = try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 0)], neighbourhood: .eight)
        let sixteen = try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 0)], neighbourhood: .sixteen)
        // Row 1, column 2: a diagonal and a side with 8 neighbours, one knight's move with 16.
        #expect(abs(Double(eight.allMinutes[7]) - 100 * (2.0.squareRoot() + 1) / 60) < 1e-5)
        #expect(abs(Double(sixteen.allMinutes[7]) - 100 * 5.0.squareRoot() / 60) < 1e-5)
    }

    @Test func aMoveCostsTheMeanOfTheTwoFrictions() throws {
        // 1 × 3 cells of 30 m: frictions 1, 3, 5 s/m. To the middle: (1 + 3) / 2 × 30 = 60 s; to the
        // end: 60 + (3 + 5) / 2 × 30 = 180 s.
        let grid = try CostGrid(columns: 3, rows: 1, friction: [1, 3, 5], cellSizeMeters: 30)
        let result = try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 0)])
        #expect(result.allMinutes == [0, 1, 3])
    }

    @Test func barriersAndNodataCutCellsOffAndTheyHaveNoTime() throws {
        // One row: a source, a cell, a barrier (infinity), two cells beyond it, one nodata (NaN).
        let grid = try CostGrid(columns: 6, rows: 1, friction: [1, 1, .infinity, 1, 1, .nan], cellSizeMeters: 60)
        let result = try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 0)])
        #expect(result.allMinutes[0] == 0 && result.allMinutes[1] == 1)
        #expect(result.allMinutes[2...].allSatisfy { $0.isNaN })
        #expect(result.source == [0, 0, -1, -1, -1, -1])
    }

    @Test func theWayRoundABarrierIsTaken() throws {
        // 3 × 3 of 60 m cells at 1 s/m, the middle column barred but for its bottom cell: from the
        // top left to the top right, (0,0) → (1,0) → (2,1) → (1,2) → (0,2): a side, two diagonals
        // and a side, 2 + 2√2 minutes.
        let bar = Float.infinity
        let grid = try CostGrid(columns: 3, rows: 3, friction: [1, bar, 1, 1, bar, 1, 1, 1, 1], cellSizeMeters: 60)
        let result = try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 0)])
        #expect(abs(Double(result.allMinutes[2]) - (2 + 2 * 2.0.squareRoot())) < 1e-5)
    }

    @Test func theMaximumStopsTheSearchAndBeyondItIsUnreachable() throws {
        let grid = try CostGrid(columns: 20, rows: 1, friction: Array(repeating: 1, count: 20), cellSizeMeters: 60)
        let all = try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 0)])
        let limited = try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 0)], maxMinutes: 7.5)
        #expect(Array(limited.allMinutes[0...7]) == Array(all.allMinutes[0...7]))
        #expect(limited.allMinutes[8...].allSatisfy { $0.isNaN } && limited.source[8...].allSatisfy { $0 == -1 })
    }

    @Test func aTieGoesToTheLowerSourceIndex() throws {
        // Sources at both ends of 5 cells: the middle is as far from each; source 0 is listed second.
        let grid = try CostGrid(columns: 5, rows: 1, friction: Array(repeating: 1, count: 5), cellSizeMeters: 60)
        let result = try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 4), (row: 0, column: 0)])
        #expect(result.source == [1, 1, 0, 0, 0])
    }

    @Test func walkingUphillTakesLongerThanDownhillByToblersFunction() throws {
        // One row of 100 m cells at 1 s/m on the flat, rising 10 m a cell. From the top (source at
        // the right) each cell walks uphill to it: slope +0.1, Tobler's speed 6e^(-3.5 × 0.15) against
        // 6e^(-3.5 × 0.05) on the flat, so each move takes 100 s × e^0.35. From the bottom each walks
        // downhill, slope -0.1: |−0.1 + 0.05| = 0.05, as fast as the flat, 100 s.
        let grid = try CostGrid(columns: 3, rows: 1, friction: [1, 1, 1], cellSizeMeters: 100)
        let elevation: [Float] = [0, 10, 20]
        let towardsTheTop = try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 2)], elevationMeters: elevation)
        let towardsTheBottom = try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 0)], elevationMeters: elevation)
        #expect(abs(towardsTheTop.seconds[0] - 200 * exp(0.35)) < 1e-9)
        #expect(abs(towardsTheBottom.seconds[2] - 200) < 1e-9)
        // Flat ground: the isotropic cost.
        let flat = try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 0)], elevationMeters: [5, 5, 5])
        #expect(flat.seconds == [0, 100, 200])
    }

    @Test func everyBadSourceIsNamed() throws {
        let grid = try CostGrid(columns: 3, rows: 2, friction: [1, .infinity, 1, 1, 1, .nan], cellSizeMeters: 10)
        let error = try #require(throws: TravelTimeError.self) {
            try TravelTimeSearch(grid: grid, sources: [(row: 0, column: 0), (row: 0, column: 1), (row: 2, column: 0), (row: 1, column: 2)])
        }
        guard case .badSources(let refused) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(refused.map(\.index) == [1, 2, 3])
        #expect(refused[1].reason == "row 2, column 0 is outside the 2 × 3 grid")
        #expect(refused[0].reason == "row 0, column 1 is a barrier or nodata")
    }

    @Test func aGridWhoseFrictionsDoNotFitIsRefused() throws {
        let error = try #require(throws: TravelTimeError.self) {
            try CostGrid(columns: 3, rows: 2, friction: [1, 1, 1, 1, 1], cellSizeMeters: 10)
        }
        #expect(error == .badGrid("3 × 2 cells need 6 frictions, found 5"))
    }
}

@Suite("CostGrid: a geographic grid")
struct CostGridGeographicTests {
    /// Each row's cell width and height against the WGS 84 geodesic (PROJ) between the centres of
    /// two neighbouring cells, at the equator, in Laos and far north.
    @Test(arguments: [0.5, 18.0, 60.0])
    func cellSizesAreTheGeodesicDistancesBetweenCentres(topLatitude: Double) throws {
        // Cells wider than high, as a raster of 0.01° × 0.008° has.
        let (degrees, high) = (0.01, 0.008)
        let grid = try CostGrid(
            columns: 2, rows: 3, friction: Array(repeating: 1, count: 6), topLatitude: topLatitude, cellWidthDegrees: degrees, cellHeightDegrees: high)
        for row in 0..<2 {
            let latitude = topLatitude - (Double(row) + 0.5) * high
            let across = try Geodesic.wgs84.inverse(from: Coordinate(x: 102, y: latitude), to: Coordinate(x: 102 + degrees, y: latitude)).distanceMeters
            let down = try Geodesic.wgs84.inverse(from: Coordinate(x: 102, y: latitude), to: Coordinate(x: 102, y: latitude - high)).distanceMeters
            #expect(abs(grid.cellWidthMeters[row] - across) / across < 1e-6, "row \(row): \(grid.cellWidthMeters[row]) against \(across)")
            // The mean height of the two rows is the distance between their centres.
            let meanHeight = (grid.cellHeightMeters[row] + grid.cellHeightMeters[row + 1]) / 2
            #expect(abs(meanHeight - down) / down < 1e-6, "row \(row): \(meanHeight) against \(down)")
        }
    }
}

@Suite("TravelTimeSearch against a brute force")
struct TravelTimeSearchPropertyTests {
    /// Bellman–Ford over (seconds, source) labels: every move relaxed until nothing changes. No
    /// queue, no order: only the definition of the least travel time and of the tie rule.
    static func bruteForce(
        _ grid: CostGrid, sources: [(row: Int, column: Int)], offsets: [(Int, Int)], elevation: [Float]? = nil
    ) -> (seconds: [Double], source: [Int]) {
        // Tobler's hiking function, km/h on a slope (rise over run) in the direction of walking.
        func tobler(_ slope: Double) -> Double { 6 * exp(-3.5 * abs(slope + 0.05)) }
        var seconds = [Double](repeating: .infinity, count: grid.rows * grid.columns)
        var owner = [Int](repeating: -1, count: seconds.count)
        for (index, cell) in sources.enumerated().reversed() {
            seconds[cell.row * grid.columns + cell.column] = 0
            owner[cell.row * grid.columns + cell.column] = index
        }
        func passable(_ value: Float) -> Bool { value.isFinite && value > 0 }
        var changed = true
        while changed {
            changed = false
            for row in 0..<grid.rows {
                for column in 0..<grid.columns {
                    let from = row * grid.columns + column
                    guard seconds[from].isFinite else { continue }
                    for (dr, dc) in offsets {
                        let (r, c) = (row + dr, column + dc)
                        guard (0..<grid.rows).contains(r), (0..<grid.columns).contains(c) else { continue }
                        let to = r * grid.columns + c
                        guard passable(grid.friction[to]), elevation.map({ !$0[to].isNaN }) ?? true else { continue }
                        let dx = Double(abs(dc)) * (grid.cellWidthMeters[row] + grid.cellWidthMeters[r]) / 2
                        let dy = Double(abs(dr)) * (grid.cellHeightMeters[row] + grid.cellHeightMeters[r]) / 2
                        let run = (dx * dx + dy * dy).squareRoot()
                        var move = (Double(grid.friction[from]) + Double(grid.friction[to])) / 2 * run
                        if let elevation {
                            // The walk goes from `to` back to `from`, towards the source: the friction
                            // is the time on the flat, scaled by how much slower the slope is.
                            move *= tobler(0) / tobler(Double(elevation[from] - elevation[to]) / run)
                        }
                        let time = seconds[from] + move
                        if time < seconds[to] || (time == seconds[to] && owner[from] < owner[to]) {
                            seconds[to] = time
                            owner[to] = owner[from]
                            changed = true
                        }
                    }
                }
            }
        }
        return (seconds, owner)
    }

    @Test(arguments: Neighbourhood.allCases)
    func randomGridsAgreeWithTheBruteForce(neighbourhood: Neighbourhood) throws {
        var random = SplitMix64(seed: 16)
        let kings = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]
        let knights = [(-2, -1), (-2, 1), (-1, -2), (-1, 2), (1, -2), (1, 2), (2, -1), (2, 1)]
        let offsets = neighbourhood == .eight ? kings : kings + knights
        for trial in 0..<40 {
            let (rows, columns) = (3 + random.index(10), 3 + random.index(12))
            let friction: [Float] = (0..<rows * columns).map { _ in
                random.unit() < 0.15 ? (random.unit() < 0.5 ? .infinity : .nan) : Float(random.uniform(0.5, 5))
            }
            let geographic = trial % 2 == 1
            let grid =
                geographic
                ? try CostGrid(
                    columns: columns, rows: rows, friction: friction, topLatitude: random.uniform(-70, 70), cellWidthDegrees: 0.001, cellHeightDegrees: 0.0008)
                : try CostGrid(columns: columns, rows: rows, friction: friction, cellSizeMeters: random.uniform(10, 200))
            let open = friction.indices.filter { friction[$0].isFinite }
            let sources = (0..<1 + random.index(4)).map { _ in open[random.index(open.count)] }.map { (row: $0 / columns, column: $0 % columns) }
            let limit: Double? = trial % 3 == 0 ? random.uniform(0.5, 20) : nil
            // A DEM on every fourth grid: hills of up to 60 m, now and then a nodata cell.
            let elevation: [Float]? =
                trial % 4 == 2 ? friction.indices.map { _ in random.unit() < 0.05 ? .nan : Float(random.uniform(0, 60)) } : nil
            let expected = Self.bruteForce(grid, sources: sources, offsets: offsets, elevation: elevation)
            if let elevation, sources.contains(where: { elevation[$0.row * columns + $0.column].isNaN }) { continue }
            let found = try TravelTimeSearch(grid: grid, sources: sources, neighbourhood: neighbourhood, maxMinutes: limit, elevationMeters: elevation)
            // The strips of a search on several threads find the same bits.
            for strips in [2, 3, 5] {
                let striped = try TravelTimeSearch(
                    grid: grid, sources: sources, neighbourhood: neighbourhood, maxMinutes: limit, elevationMeters: elevation,
                    threads: strips % 2 + 1, strips: strips, progress: nil)
                #expect(striped.seconds.map(\.bitPattern) == found.seconds.map(\.bitPattern), "trial \(trial), \(strips) strips")
                #expect(striped.source == found.source, "trial \(trial), \(strips) strips")
            }
            for cell in friction.indices {
                let minutes = expected.seconds[cell] / 60
                if minutes.isFinite && minutes <= (limit ?? .infinity) {
                    #expect(abs(Double(found.allMinutes[cell]) - minutes) <= 1e-6 * max(1, minutes), "trial \(trial), cell \(cell)")
                    #expect(Int(found.source[cell]) == expected.source[cell], "trial \(trial), cell \(cell)")
                } else {
                    #expect(found.allMinutes[cell].isNaN && found.source[cell] == -1, "trial \(trial), cell \(cell)")
                }
            }
        }
    }

    /// A larger grid, many sources, roads of low friction across the strips' edges: every number of
    /// strips and threads finds the same bits as one search over the whole grid.
    @Test(arguments: Neighbourhood.allCases)
    func stripsFindTheSameBitsAsOneSearch(neighbourhood: Neighbourhood) throws {
        var random = SplitMix64(seed: 1_616)
        let (rows, columns) = (97, 61)
        var friction: [Float] = (0..<rows * columns).map { _ in random.unit() < 0.1 ? .infinity : Float(random.uniform(0.7, 3)) }
        // A road down a column and one along a row: paths cross the strips' edges and come back.
        for row in 0..<rows { friction[row * columns + 30] = 0.05 }
        for column in 0..<columns { friction[48 * columns + column] = 0.05 }
        let grid = try CostGrid(columns: columns, rows: rows, friction: friction, cellSizeMeters: 100)
        let open = friction.indices.filter { friction[$0].isFinite }
        let sources = (0..<12).map { _ in open[random.index(open.count)] }.map { (row: $0 / columns, column: $0 % columns) }
        let one = try TravelTimeSearch(grid: grid, sources: sources, neighbourhood: neighbourhood)
        #expect(one.rounds == 1)
        for (strips, threads) in [(2, 1), (2, 2), (4, 2), (7, 2), (48, 2)] {
            let striped = try TravelTimeSearch(
                grid: grid, sources: sources, neighbourhood: neighbourhood, maxMinutes: nil, elevationMeters: nil, threads: threads,
                strips: strips, progress: nil)
            #expect(striped.seconds.map(\.bitPattern) == one.seconds.map(\.bitPattern), "\(strips) strips, \(threads) threads")
            #expect(striped.source == one.source, "\(strips) strips, \(threads) threads")
        }
    }

    @Test func theAnswerIsTheSameWhateverTheOrderOfEqualSources() throws {
        // Two sources in one cell: the lower index owns it and all it reaches.
        let grid = try CostGrid(columns: 4, rows: 4, friction: Array(repeating: 1, count: 16), cellSizeMeters: 10)
        let result = try TravelTimeSearch(grid: grid, sources: [(row: 1, column: 1), (row: 1, column: 1)])
        #expect(result.source.allSatisfy { $0 == 0 })
    }
}
