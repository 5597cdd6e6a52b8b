import GeoIO
import GeometryKit
import RasterIO
import TravelTime

/// Travel time to the nearest facility over a friction surface (`coverage traveltime`): per cell,
/// the minutes to the nearest facility providing the target and which facility that is, by
/// ``TravelTimeSearch`` (the r.cost / MCP_Geometric convention, exact, the same at any thread count).
public struct TravelTimeAnalysis: Sendable {
    /// A facility that starts the search, in the order of the sources' indices.
    public struct Source: Sendable {
        public let facility: Facility
        public let row: Int
        public let column: Int
    }

    /// A facility that could not start a search, and why.
    public struct DroppedSource: Sendable {
        public let facility: Facility
        public let reason: String
    }

    public let grid: RasterGrid
    public let sources: [Source]
    public let dropped: [DroppedSource]
    public let search: TravelTimeSearch
    /// The area of a cell of each row, square metres.
    public let cellAreaSquareMeters: [Double]
    public let neighbourhood: Neighbourhood
    public let maxMinutes: Double?
    /// Whether walks were priced by their slope on a DEM.
    public let walkingOnSlopes: Bool
    /// The facilities asked for (all, or those providing the target).
    public let facilitiesAsked: Int
    /// What the surface was made of: the files by role, the cells roads and barrier shapes took.
    public let surfaceInputs: [String]
    public let roadCells: Int
    public let barrierShapeCells: Int

    /// Searches `surface` from every facility of `facilities` (all of them, or those providing
    /// `target`).
    /// - Parameters:
    ///   - dropUnusableSources: leave out (and list) facilities outside the raster or on a barrier
    ///     instead of stopping.
    /// - Throws: ``InputError`` listing every facility outside the raster or on an impassable cell
    ///   (unless dropped); ``ParameterError`` when no facility is left.
    public init(
        surface: consuming TravelSurface, facilities: [Facility], sourcesFile: String, target: CareTarget?, neighbours: Int,
        maxMinutes: Double?, dropUnusableSources: Bool, threads: Int?, progress: (@Sendable (Double) -> Void)? = nil
    ) throws {
        guard let neighbourhood = Neighbourhood(rawValue: neighbours) else {
            throw ParameterError(name: "neighbours", reason: "\(neighbours): expected 8 or 16")
        }
        let grid = surface.grid
        let chosen = facilities.filter { facility in target.map { $0.isProvided(by: facility) } ?? true }
        let projected = try CoordinateTransform.fromWGS84(to: grid.crs.definition).apply(chosen.map(\.location))
        var sources: [Source] = []
        var dropped: [DroppedSource] = []
        for (facility, point) in zip(chosen, projected) {
            guard let cell = grid.cell(containingX: point.x, y: point.y) else {
                dropped.append(DroppedSource(facility: facility, reason: "outside the raster"))
                continue
            }
            let friction = surface.friction[cell.row * grid.columns + cell.column]
            let elevation = surface.elevationMeters?[cell.row * grid.columns + cell.column]
            guard friction > 0, friction < .infinity, elevation?.isNaN != true else {
                dropped.append(DroppedSource(facility: facility, reason: "on a barrier or nodata cell (row \(cell.row), column \(cell.column))"))
                continue
            }
            sources.append(Source(facility: facility, row: cell.row, column: cell.column))
        }
        if !dropped.isEmpty && !dropUnusableSources {
            let listed = dropped.prefix(20).map { "\($0.facility.id) (\($0.facility.location.x), \($0.facility.location.y)) lies \($0.reason)" }
            throw InputError(
                file: sourcesFile,
                reason: "\(dropped.count) of the \(chosen.count) facilities cannot start a search: \(listed.joined(separator: "; "))"
                    + "\(dropped.count > 20 ? "; …" : "") (give --drop-unusable-sources to leave them out, listed in travel_sources.csv)")
        }
        guard !sources.isEmpty else {
            throw ParameterError(
                name: "--sources", reason: "no facility \(target.map { "providing \($0.label) " } ?? "")lies on a passable cell of the raster")
        }
        let costGrid = try surface.costGrid()
        cellAreaSquareMeters = zip(costGrid.cellWidthMeters, costGrid.cellHeightMeters).map { $0 * $1 }
        let elevation = surface.elevationMeters
        facilitiesAsked = chosen.count
        surfaceInputs = surface.inputs.map { "\($0.role): \($0.checksum.path)" }
        roadCells = surface.roadCells
        barrierShapeCells = surface.barrierShapeCells
        _ = consume surface
        search = try TravelTimeSearch(
            grid: consume costGrid, sources: sources.map { (row: $0.row, column: $0.column) }, neighbourhood: neighbourhood, maxMinutes: maxMinutes,
            elevationMeters: elevation, threads: threads, progress: progress)
        self.grid = grid
        self.sources = sources
        self.dropped = dropped
        self.neighbourhood = neighbourhood
        self.maxMinutes = maxMinutes
        self.walkingOnSlopes = elevation != nil
    }
}
