import Foundation
import GeoIO
import GeometryKit
import RasterIO
import TravelTime

/// A friction surface ready to search: the grid of the ground raster, each cell's friction (s/m)
/// and elevation (m, with a DEM), the size of its cells in metres, and the files it was made
/// from with the checksums of the bytes parsed.
public struct TravelSurface: Sendable {
    public let grid: RasterGrid
    /// Seconds per metre, row-major from the top row: NaN nodata, infinity a barrier.
    public var friction: [Float]
    public let elevationMeters: [Float]?
    /// Each file read: its role (ground, speed_table, roads, barriers, dem) and checksum.
    public let inputs: [(role: String, checksum: FileChecksum)]
    /// The cells a road was laid on, and the cells a barrier shape closed.
    public let roadCells: Int
    public let barrierShapeCells: Int

    /// Bytes a cell costs from reading the ground to writing the outputs: the raster read (4), the
    /// search (16: time, source and friction side by side), the minutes and sources written (8).
    static let bytesPerCell = 28

    /// Reads and checks `inputs` and makes the friction surface.
    /// - Throws: ``InputError`` naming the file and what was expected: a raster without a CRS or
    ///   too large for the memory available, grids that do not line up, a friction or speed not
    ///   above 0 where there is data, a land-cover class or road class the speed table lacks.
    public static func load(_ inputs: TravelSurfaceInputs) throws -> TravelSurface {
        var read: [(role: String, checksum: FileChecksum)] = []
        let table = try inputs.speedTablePath.map { path in
            let table = try SpeedTable.read(path: path)
            read.append(("speed_table", table.source))
            return table
        }
        let groundPath = inputs.groundPath
        let bytesPerCell = bytesPerCell + (inputs.demPath == nil ? 0 : 4)
        let (ground, groundChecksum) = try readRaster(groundPath, bytesPerCell: bytesPerCell)
        read.append(("ground", groundChecksum))
        let grid = ground.grid
        var friction: [Float]
        switch inputs.ground {
        case .friction:
            try FrictionSurface.checkFriction(ground.values, columns: grid.columns, name: groundPath)
            friction = ground.values
        case .speed:
            friction = try FrictionSurface.fromSpeeds(ground.values, columns: grid.columns, name: groundPath)
        case .landCover:
            guard let table, !table.landCover.isEmpty else {
                throw InputError(
                    file: inputs.speedTablePath ?? groundPath, field: "land_cover",
                    reason: "a land-cover raster needs a speed table with a land_cover section (--speed-table FILE)")
            }
            friction = try FrictionSurface.fromLandCover(
                ground.values, columns: grid.columns, name: groundPath, speeds: table.walkingSpeedsKmh, barrierClasses: table.barrierClasses)
        }

        var roadCells = 0
        if let path = inputs.roadsPath {
            guard let table, let field = table.roadField else {
                throw InputError(
                    file: inputs.speedTablePath ?? path, field: "roads",
                    reason: "road lines need a speed table with a roads section (--speed-table FILE)")
            }
            let (speeds, checksum) = try burnRoads(path, field: field, speedsKmh: table.roadSpeedsKmh, onto: grid)
            read.append(("roads", checksum))
            roadCells = speeds.count { !$0.isNaN }
            FrictionSurface.layRoads(speeds, over: &friction)
        }
        var barrierShapeCells = 0
        if let path = inputs.barriersPath {
            let layer = try GeoJSONLayer.read(path: path)
            read.append(("barriers", layer.checksum))
            let shapes = try shapes(of: layer, in: grid)
            let mask = try rasterize(shapes.map { ($0, 1) }, onto: grid)
            barrierShapeCells = mask.count { $0 == 1 }
            FrictionSurface.layBarriers(mask, over: &friction)
        }
        var elevation: [Float]?
        if let path = inputs.demPath {
            let (dem, checksum) = try readRaster(path, bytesPerCell: bytesPerCell)
            read.append(("dem", checksum))
            try requireSameGrid(dem.grid, path, as: grid, groundPath)
            elevation = dem.values
        }
        // The files' bytes and GDAL's cache of their blocks are gone: give their memory back
        // before the search takes 16 bytes a cell.
        FreedMemory.release()
        return TravelSurface(
            grid: grid, friction: friction, elevationMeters: elevation, inputs: read, roadCells: roadCells, barrierShapeCells: barrierShapeCells)
    }

    /// The cost grid of the search: the frictions and the size of each row's cells in metres
    /// (on WGS 84 at the row's latitude for a geographic CRS; in the projection's units × metres
    /// a unit for a projected one, as GRASS and scikit-image take them).
    public func costGrid() throws -> CostGrid {
        let transform = grid.geoTransform
        let width = abs(transform.pixelWidth)
        let height = abs(transform.pixelHeight)
        if grid.crs.isGeographic {
            return try CostGrid(
                columns: grid.columns, rows: grid.rows, friction: friction, topLatitude: transform.originY, cellWidthDegrees: width,
                cellHeightDegrees: height)
        }
        let meters = grid.crs.linearUnitMeters ?? 1
        return try CostGrid(
            columns: grid.columns, rows: grid.rows, friction: friction, cellWidthMeters: Array(repeating: width * meters, count: grid.rows),
            cellHeightMeters: Array(repeating: height * meters, count: grid.rows))
    }

    /// The cell each of `locations` (WGS 84 lon/lat) lies in; nil outside the grid or on a cell that
    /// cannot be entered (nodata, a barrier: the ``CostGrid`` rule).
    func passableCells(of locations: [Coordinate]) throws -> [(row: Int, column: Int)?] {
        try CoordinateTransform.fromWGS84(to: grid.crs.definition).apply(locations).map { point in
            guard let cell = grid.cell(containingX: point.x, y: point.y) else { return nil }
            let value = friction[cell.row * grid.columns + cell.column]
            return value.isFinite && value > 0 ? cell : nil
        }
    }

    // MARK: reading

    /// A raster read once as bytes (their checksum is the manifest's); RasterIO checks its header
    /// before its cells (a CRS, and no more cells than the memory available holds at
    /// `bytesPerCell`).
    private static func readRaster(_ path: String, bytesPerCell: Int) throws -> (FloatRaster, FileChecksum) {
        let file = try InputFile.read(path: path)
        let available = AvailableMemory.bytes()
        let raster: FloatRaster
        do {
            raster = try RasterFile.readFloat(bytes: file.bytes, name: path, maximumCells: available.map { $0 / bytesPerCell } ?? RasterFile.addressableCells)
        } catch {
            guard case .tooLarge(_, let columns, let rows, _) = error, let available else { throw error }
            // Sizes come from 32-bit TIFF fields: their product fits.
            let needed = (columns * rows).multipliedReportingOverflow(by: bytesPerCell)
            throw InputError(
                file: path,
                reason:
                    "\(columns) × \(rows) cells need about \(needed.overflow ? "more than \(Int.max >> 20)" : String(needed.partialValue >> 20)) MiB "
                    + "(\(bytesPerCell) bytes a cell) and \(available >> 20) MiB are available: "
                    + "cut the raster to the area of interest or coarsen it (gdal_translate -projwin, gdalwarp -tr)")
        }
        return (raster, file.checksum)
    }

    private static func requireSameGrid(_ grid: RasterGrid, _ path: String, as ground: RasterGrid, _ groundPath: String) throws {
        let a = grid.geoTransform
        let b = ground.geoTransform
        let tolerance = 1e-6 * min(abs(b.pixelWidth), abs(b.pixelHeight))
        let aligned =
            grid.columns == ground.columns && grid.rows == ground.rows && abs(a.originX - b.originX) <= tolerance
            && abs(a.originY - b.originY) <= tolerance && abs(a.pixelWidth - b.pixelWidth) <= tolerance
            && abs(a.pixelHeight - b.pixelHeight) <= tolerance
        guard aligned, grid.crs == ground.crs || grid.crs.definition == ground.crs.definition else {
            throw InputError(
                file: path,
                reason: "the grid does not line up with \(groundPath)'s: \(grid.columns) × \(grid.rows) cells, \(a), \(grid.crs.definition) "
                    + "against \(ground.columns) × \(ground.rows), \(b), \(ground.crs.definition) (resample it onto that grid, e.g. gdalwarp -te … -tr …)")
        }
    }

    // MARK: burning lines and shapes

    /// Each road's speed burnt into the grid (every cell a line touches), the fastest road of a
    /// cell winning; NaN where there is no road.
    private static func burnRoads(_ path: String, field: String, speedsKmh: [String: Double], onto grid: RasterGrid) throws -> ([Float], FileChecksum) {
        let layer = try GeoJSONLayer.read(path: path)
        var unknown: [String: Int] = [:]
        var speeds: [Double] = []
        for feature in layer.features {
            let name = feature.properties[field]?.stringValue
            guard let name, let speed = speedsKmh[name] else {
                unknown[name ?? "(no \(field))", default: 0] += 1
                speeds.append(.nan)
                continue
            }
            speeds.append(speed)
        }
        guard unknown.isEmpty else {
            let listed = unknown.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value) lines)" }.joined(separator: ", ")
            throw InputError(
                file: path, field: field,
                reason: "the speed table has no speed for the road class(es) \(listed): add them to roads.speeds_kmh (known: "
                    + "\(speedsKmh.keys.sorted().joined(separator: ", ")))")
        }
        let shapes = try shapes(of: layer, in: grid)
        // Slowest first: a later line wins its cells.
        let order = speeds.indices.sorted { (speeds[$0], $0) < (speeds[$1], $1) }
        return (try rasterize(order.map { (shapes[$0], speeds[$0]) }, onto: grid), layer.checksum)
    }

    /// The layer's geometries in the grid's CRS; a feature without one is an error.
    private static func shapes(of layer: GeoJSONLayer, in grid: RasterGrid) throws -> [Shape] {
        if let problem = layer.problems.first { throw problem }
        let transform = try CoordinateTransform.fromWGS84(to: grid.crs.definition)
        return try layer.features.map { feature in
            guard let shape = feature.geometry else {
                throw InputError(file: layer.file, location: .feature(feature.index), reason: "the feature has no geometry (expected a line or a polygon)")
            }
            return try transform.apply(to: shape)
        }
    }

    private static func rasterize(_ shapes: [(Shape, Double)], onto grid: RasterGrid) throws -> [Float] {
        let writer = try WKTWriter()
        let wkt = try shapes.map { try writer.write(Geometry($0.0)) }
        return try Rasterizer.burn(wkt: wkt, values: shapes.map(\.1), grid: grid, allTouched: true)
    }
}
