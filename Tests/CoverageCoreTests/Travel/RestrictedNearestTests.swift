import TestSupport
import Testing
import TravelTime

@testable import CoverageCore

/// The search among a few candidates in a growing window (``RestrictedNearest``) against a search
/// from the same candidates over the whole grid, on random grids: walking ground, fast roads (where
/// a window's edge is reached early and a trip may leave it and come back), impassable lakes, and
/// a time guess too short, about right, or absent.
@Suite("RestrictedNearest")
struct RestrictedNearestTests {
    /// A 90 × 120 grid of 100 m cells: ground at 0.5–2 s/m, a few straight roads at 0.03 s/m (120
    /// km/h) across it, and lakes that cannot be entered.
    static func grid(_ random: inout SplitMix64) throws -> CostGrid {
        let (rows, columns) = (90, 120)
        var friction = (0..<(rows * columns)).map { _ in Float(random.uniform(0.5, 2)) }
        for _ in 0..<3 {
            let row = random.index(rows)
            for column in 0..<columns { friction[row * columns + column] = 0.03 }
            let column = random.index(columns)
            for row in 0..<rows { friction[row * columns + column] = 0.03 }
        }
        for _ in 0..<4 {
            let (top, left) = (random.index(rows - 8), random.index(columns - 8))
            for row in top..<(top + 6) { for column in left..<(left + 6) { friction[row * columns + column] = .infinity } }
        }
        return try CostGrid(columns: columns, rows: rows, friction: friction, cellSizeMeters: 100)
    }

    /// `count` passable cells in a box of `size` cells around a random centre.
    static func cells(_ count: Int, near size: Int, of grid: CostGrid, _ random: inout SplitMix64) -> [(row: Int, column: Int)] {
        let centre = (row: random.index(grid.rows), column: random.index(grid.columns))
        var found: [(row: Int, column: Int)] = []
        while found.count < count {
            let row = min(grid.rows - 1, max(0, centre.row + random.index(2 * size + 1) - size))
            let column = min(grid.columns - 1, max(0, centre.column + random.index(2 * size + 1) - size))
            if grid.isPassable(row * grid.columns + column) { found.append((row, column)) }
        }
        return found
    }

    @Test(arguments: [nil, 0.5, 30.0])
    func theWindowGivesTheWholeGridsAnswer(minutesGuess: Double?) throws {
        var random = SplitMix64(seed: 17)
        var wrongInFirstWindow = 0
        for _ in 0..<12 {
            let grid = try Self.grid(&random)
            let candidates = Self.cells(1 + random.index(3), near: 10, of: grid, &random)
            let origins = Self.cells(25, near: 25, of: grid, &random)
            let whole = try TravelTimeSearch(grid: grid, sources: candidates, threads: 1)
            let found = try RestrictedNearest.search(
                candidates: candidates, origins: origins, grid: grid, leastFriction: Double(grid.leastFriction!),
                minutesGuess: minutesGuess, initialMargin: 2)
            for (origin, answer) in zip(origins, found) {
                let seconds = whole.seconds(row: origin.row, column: origin.column)
                if seconds.isNaN {
                    #expect(answer == nil, "origin \(origin)")
                } else {
                    // The same bits: the same moves in the same order.
                    #expect(answer?.seconds == seconds, "origin \(origin): \(String(describing: answer)) against \(seconds)")
                    #expect(answer.map { Int32($0.candidate) } == whole.source(row: origin.row, column: origin.column), "origin \(origin)")
                }
            }
            wrongInFirstWindow += try Self.differencesInAFixedWindow(candidates: candidates, origins: origins, grid: grid, whole: whole)
        }
        // The cases need the window to grow: in the first one (margin 2) some answers are wrong.
        #expect(wrongInFirstWindow > 10, "\(wrongInFirstWindow)")
    }

    /// How many origins a search in the window of margin 2 alone gets wrong.
    static func differencesInAFixedWindow(
        candidates: [(row: Int, column: Int)], origins: [(row: Int, column: Int)], grid: CostGrid, whole: TravelTimeSearch
    ) throws -> Int {
        let cells = candidates + origins
        let rows = max(0, cells.map(\.row).min()! - 2)..<min(grid.rows, cells.map(\.row).max()! + 3)
        let columns = max(0, cells.map(\.column).min()! - 2)..<min(grid.columns, cells.map(\.column).max()! + 3)
        let window = try TravelTimeSearch(
            grid: grid.window(rows: rows, columns: columns),
            sources: candidates.map { ($0.row - rows.lowerBound, $0.column - columns.lowerBound) }, threads: 1)
        return origins.count { origin in
            let inside = window.seconds(row: origin.row - rows.lowerBound, column: origin.column - columns.lowerBound)
            let seconds = whole.seconds(row: origin.row, column: origin.column)
            return !(inside == seconds || (inside.isNaN && seconds.isNaN))
        }
    }
}
