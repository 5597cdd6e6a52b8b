import GeoIO
import GeometryKit
import Parallelism
import RasterIO
import TravelTime

/// Demand points allocated to facilities by travel time over the friction rasters: for a set of
/// facilities and a friction kind, each point's nearest facility by minutes and those minutes,
/// read at the cell the point lies in from one exact search started from all the facilities at
/// once (``TravelTimeSearch``; a cell's ties go to the lower facility).
///
/// The searches asked for are made together, several at once on one thread each (on a grid the
/// size of Laos at 500 m a search gains little from a second thread, two searches nearly twice),
/// and once per kind and set of facilities however many targets share them.
///
/// A facility outside the raster or on an impassable cell starts no search; a point outside it or
/// on such a cell has no minutes (unreachable, never covered). Both are counted for the notes.
struct RasterAllocation {
    /// One search: from the facilities at `among` (positions in the facilities) over the `kind`
    /// raster; `keepingMinutes` keeps the minutes of every cell (for isochrones).
    struct Request: Sendable {
        let among: [Int]
        let kind: FrictionKind
        let keepingMinutes: Bool

        fileprivate var key: SearchKey { SearchKey(among: among, kind: kind) }
    }

    fileprivate struct SearchKey: Hashable, Sendable {
        let among: [Int]
        let kind: FrictionKind
    }

    /// A search's answer: per point its nearest facility, and the minutes of every cell when kept
    /// (nil too when no facility starts a search).
    struct Allocated: Sendable {
        let assignments: [CareAssignment]
        let minutes: TravelMinutes?
    }

    /// Where the points and facilities lie on one kind's grid.
    private struct Placement: Sendable {
        let grid: RasterGrid
        let costGrid: CostGrid
        /// The cell index of each point, nil outside the raster or on an impassable cell.
        let pointCells: [Int?]
        let facilityCells: [(row: Int, column: Int)?]
    }

    private let placements: [FrictionKind: Placement]
    private let found: [SearchKey: Allocated]

    /// Makes the searches of `requests` over the friction rasters of `standards` (the same facilities and kind asked twice are searched
    /// once, keeping the minutes when either asks).
    /// - Throws: ``InputError`` when a kind's raster was not loaded; PROJ and search errors.
    init(requests: [Request], points: [Coordinate], facilities: [Coordinate], standards: CoverageStandards, threads: Int?) throws {
        var placed: [FrictionKind: Placement] = [:]
        for kind in Set(requests.map(\.kind)).sorted() {
            placed[kind] = try Self.place(points: points, facilities: facilities, on: standards.frictionSurface(kind))
        }
        let placements = placed
        var keeping: [SearchKey: Bool] = [:]
        for request in requests { keeping[request.key] = (keeping[request.key] ?? false) || request.keepingMinutes }
        // Each answer is the same whatever the order the searches run in.
        let distinct = keeping.map { Request(among: $0.key.among, kind: $0.key.kind, keepingMinutes: $0.value) }
        let perSearch = distinct.count >= Parallel.threadCount(threads) ? 1 : threads
        let answers = try Parallel.map(count: distinct.count, threads: threads) { index in
            try Self.allocate(distinct[index], placement: placements[distinct[index].kind]!, points: points, facilities: facilities, threads: perSearch)
        }
        self.placements = placements
        found = Dictionary(uniqueKeysWithValues: zip(distinct.map(\.key), answers))
    }

    /// The answer to `request`, which must have been among those searched.
    func allocated(_ request: Request) -> Allocated { found[request.key]! }

    /// The facilities (positions) that start no search on the `kind` raster, and the points that
    /// lie on no passable cell of it; nil when that raster was not used.
    func unplaced(_ kind: FrictionKind) -> (facilities: [Int], points: [Int])? {
        guard let placement = placements[kind] else { return nil }
        return (
            placement.facilityCells.indices.filter { placement.facilityCells[$0] == nil },
            placement.pointCells.indices.filter { placement.pointCells[$0] == nil }
        )
    }

    private static func allocate(
        _ request: Request, placement: Placement, points: [Coordinate], facilities: [Coordinate], threads: Int?
    ) throws -> Allocated {
        let usable = request.among.filter { placement.facilityCells[$0] != nil }
        guard !usable.isEmpty else { return Allocated(assignments: Array(repeating: .unreachable, count: points.count), minutes: nil) }
        let search = try TravelTimeSearch(grid: placement.costGrid, sources: usable.map { placement.facilityCells[$0]! }, threads: threads)
        let columns = placement.costGrid.columns
        var assignments = Array(repeating: CareAssignment.unreachable, count: points.count)
        for (position, cell) in placement.pointCells.enumerated() {
            guard let cell else { continue }
            let seconds = search.seconds(row: cell / columns, column: cell % columns)
            guard seconds.isFinite else { continue }
            let facility = usable[Int(search.source(row: cell / columns, column: cell % columns))]
            let meters = try Geodesic.wgs84.inverse(from: points[position], to: facilities[facility]).distanceMeters
            assignments[position] = CareAssignment(facility: facility, distanceMeters: meters, minutes: seconds / 60)
        }
        let minutes = request.keepingMinutes ? TravelMinutes(grid: placement.grid, minutes: search.minutes(rows: 0..<placement.costGrid.rows)) : nil
        return Allocated(assignments: assignments, minutes: minutes)
    }

    private static func place(points: [Coordinate], facilities: [Coordinate], on surface: TravelSurface) throws -> Placement {
        let grid = surface.grid
        let costGrid = try surface.costGrid()
        let transform = try CoordinateTransform.fromWGS84(to: grid.crs.definition)
        func cell(_ location: Coordinate) -> (row: Int, column: Int)? {
            guard let cell = grid.cell(containingX: location.x, y: location.y),
                costGrid.isPassable(cell.row * grid.columns + cell.column)
            else { return nil }
            return cell
        }
        return Placement(
            grid: grid, costGrid: costGrid,
            pointCells: try transform.apply(points).map { cell($0).map { $0.row * grid.columns + $0.column } },
            facilityCells: try transform.apply(facilities).map(cell))
    }
}
