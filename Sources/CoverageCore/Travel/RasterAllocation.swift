import GeoIO
import GeometryKit
import RasterIO
import TravelTime

/// Demand points allocated to facilities by travel time over the friction rasters: for a set of
/// facilities and a friction kind, each point's nearest facility by minutes and those minutes,
/// read at the cell the point lies in from one exact search started from all the facilities at
/// once (``TravelTimeSearch``; a cell's ties go to the lower facility). Each search is made once
/// per kind and set of facilities, however many targets share it.
///
/// A facility outside the raster or on an impassable cell starts no search; a point outside it or
/// on such a cell has no minutes (unreachable, never covered). Both are counted for the notes.
struct RasterAllocation {
    private let points: [Coordinate]
    private let facilities: [Coordinate]
    private let friction: FrictionRasters
    private let threads: Int?
    private var placements: [FrictionKind: Placement] = [:]
    private var searched: [SearchKey: (assignments: [CareAssignment], minutes: TravelMinutes?)] = [:]

    /// Where the points and facilities lie on one kind's grid.
    private struct Placement {
        let grid: RasterGrid
        let costGrid: CostGrid
        /// The cell index of each point, nil outside the raster or on an impassable cell.
        let pointCells: [Int?]
        let facilityCells: [(row: Int, column: Int)?]
    }

    private struct SearchKey: Hashable {
        let kind: FrictionKind
        let facilities: [Int]
    }

    init(points: [Coordinate], facilities: [Coordinate], friction: FrictionRasters, threads: Int?) {
        self.points = points
        self.facilities = facilities
        self.friction = friction
        self.threads = threads
    }

    /// Each point's nearest of `among` (positions in the facilities) by travel time over the
    /// `kind` raster: the facility, the geodesic distance to it and the minutes.
    /// - Throws: ``InputError`` when the kind's raster was not loaded; PROJ errors.
    /// The minutes of every cell come with them, nil when no facility of `among` starts a search.
    mutating func nearest(among chosen: [Int], kind: FrictionKind) throws -> (assignments: [CareAssignment], minutes: TravelMinutes?) {
        let key = SearchKey(kind: kind, facilities: chosen)
        if let known = searched[key] { return known }
        let placement = try placed(kind)
        let usable = chosen.filter { placement.facilityCells[$0] != nil }
        var found = Array(repeating: CareAssignment.unreachable, count: points.count)
        var minutes: TravelMinutes?
        if !usable.isEmpty {
            let search = try TravelTimeSearch(
                grid: placement.costGrid, sources: usable.map { placement.facilityCells[$0]! }, threads: threads)
            minutes = TravelMinutes(grid: placement.grid, minutes: search.minutes(rows: 0..<placement.costGrid.rows))
            let columns = placement.costGrid.columns
            for (position, cell) in placement.pointCells.enumerated() {
                guard let cell else { continue }
                let seconds = search.seconds(row: cell / columns, column: cell % columns)
                guard seconds.isFinite else { continue }
                let facility = usable[Int(search.source(row: cell / columns, column: cell % columns))]
                let meters = try Geodesic.wgs84.inverse(from: points[position], to: facilities[facility]).distanceMeters
                found[position] = CareAssignment(facility: facility, distanceMeters: meters, minutes: seconds / 60)
            }
        }
        searched[key] = (found, minutes)
        return (found, minutes)
    }

    /// The facilities (positions) that start no search on the `kind` raster, and the points that
    /// lie on no passable cell of it; nil when that raster was not used.
    func unplaced(_ kind: FrictionKind) -> (facilities: [Int], points: [Int])? {
        guard let placement = placements[kind] else { return nil }
        return (
            placement.facilityCells.indices.filter { placement.facilityCells[$0] == nil },
            placement.pointCells.indices.filter { placement.pointCells[$0] == nil }
        )
    }

    private mutating func placed(_ kind: FrictionKind) throws -> Placement {
        if let known = placements[kind] { return known }
        guard let surface = friction.surface(kind) else {
            throw InputError(file: "standards", field: "friction.\(kind.rawValue)", reason: "the \(kind.rawValue) friction raster was not loaded")
        }
        let grid = surface.grid
        let costGrid = try surface.costGrid()
        let transform = try CoordinateTransform.fromWGS84(to: grid.crs.definition)
        func cell(_ location: Coordinate) -> (row: Int, column: Int)? {
            guard let cell = grid.cell(containingX: location.x, y: location.y),
                costGrid.isPassable(cell.row * grid.columns + cell.column)
            else { return nil }
            return cell
        }
        let placement = Placement(
            grid: grid, costGrid: costGrid,
            pointCells: try transform.apply(points).map { cell($0).map { $0.row * grid.columns + $0.column } },
            facilityCells: try transform.apply(facilities).map(cell))
        placements[kind] = placement
        return placement
    }
}
