import GeometryKit
import RasterIO

/// Travel time drawn under a map: the minutes from every cell of a friction raster to the nearest
/// facility, in 5 classes, over the cells in a window around the map. The map draws them as a
/// picture of its own pixels (``PaletteImage``): a classed raster is a raster, and its outlines
/// as polygons would cost more to simplify than the rest of the map.
public struct TravelTimeBackground: Sendable {
    /// The number of classes: within the 1st limit, …, between the 3rd and the 4th, beyond the 4th.
    public static let classCount = 5

    /// The upper limits of the first 4 classes, minutes, strictly ascending (each class holds its
    /// upper limit); the 5th class is every cell reached beyond the 4th.
    public let limits: [Double]
    /// How the minutes were measured, for the subtitle ("walking over friction_walking.tif").
    public let measure: String
    /// The class of every cell of ``grid`` (0 nearest), ``PaletteImage/transparent`` where no
    /// facility is reached; row-major from the top row.
    public let classes: [UInt8]
    /// The window of the friction raster's grid the classes cover (nil when the map covers none of it).
    public let grid: RasterGrid?

    /// The colour of each class, nearest first: ColorBrewer's 5-class YlOrBr (sequential, none of
    /// the facility symbols' colours).
    public static let colours = ["#ffffd4", "#fed98e", "#fe9929", "#d95f0e", "#993404"]

    /// Limits at a half, once, twice and four times `threshold` minutes: 30, 60, 120, 240 for an hour.
    public static func limits(around threshold: Double) -> [Double] {
        [threshold / 2, threshold, threshold * 2, threshold * 4]
    }

    /// The classes of `minutes` within `limits` (4, strictly ascending) over the cells that the
    /// lon/lat box `extent` covers, and one more on each side.
    /// - Throws: ``GeometryError`` when PROJ cannot bring the box to the raster's CRS.
    public init(minutes: TravelMinutes, limits: [Double], measure: String, covering extent: Envelope) throws {
        precondition(limits.count == Self.classCount - 1 && zip(limits, limits.dropFirst()).allSatisfy { $0 < $1 }, "4 ascending limits")
        self.limits = limits
        self.measure = measure
        guard let window = try Self.window(of: minutes.grid, covering: extent) else {
            (classes, grid) = ([], nil)
            return
        }
        let whole = minutes.grid
        classes = window.rows.flatMap { row in
            minutes.minutes[(row * whole.columns + window.columns.lowerBound)..<(row * whole.columns + window.columns.upperBound)].map { value in
                // NaN (not reached) is within no limit.
                value.isNaN ? PaletteImage.transparent : UInt8(limits.firstIndex { Double(value) <= $0 } ?? limits.count)
            }
        }
        let transform = whole.geoTransform
        grid = try RasterGrid(
            columns: window.columns.count, rows: window.rows.count,
            geoTransform: GeoTransform(
                originX: transform.originX + Double(window.columns.lowerBound) * transform.pixelWidth, pixelWidth: transform.pixelWidth,
                originY: transform.originY + Double(window.rows.lowerBound) * transform.pixelHeight, pixelHeight: transform.pixelHeight),
            crs: whole.crs)
    }

    /// The PNG of the classes on `pixels` (a grid in lon/lat), or nil when there are none.
    /// - Throws: ``RasterError`` when GDAL fails to warp or encode it.
    func png(on pixels: RasterGrid) throws -> [UInt8]? {
        guard let grid else { return nil }
        let colours = Self.colours.map { hex -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) in
            let value = UInt32(hex.dropFirst(), radix: 16)!
            return (UInt8(value >> 16), UInt8((value >> 8) & 0xff), UInt8(value & 0xff), 255)
        }
        return try PaletteImage.png(classes: classes, grid: grid, colours: colours, target: pixels)
    }

    /// The class labels, nearest first: "30 minutes or less", "30 to 60", …, "more than 240".
    public var labels: [String] {
        let n = limits.map(CoverageThreshold.number)
        return ["\(n[0]) minutes or less"] + (1..<limits.count).map { "\(n[$0 - 1]) to \(n[$0])" } + ["more than \(n[limits.count - 1])"]
    }

    /// The rows and columns of `grid` whose cells the lon/lat box covers, one cell of margin on
    /// each side, or nil when it covers none. The box's edges are brought to the grid's CRS at 9
    /// points each: a box's image in a projected CRS is not a box.
    static func window(of grid: RasterGrid, covering extent: Envelope) throws -> (rows: Range<Int>, columns: Range<Int>)? {
        let steps = 8
        let edges = (0...steps).flatMap { step -> [Coordinate] in
            let fraction = Double(step) / Double(steps)
            let x = extent.minX + fraction * extent.width, y = extent.minY + fraction * extent.height
            return [Coordinate(x: x, y: extent.minY), Coordinate(x: x, y: extent.maxY), Coordinate(x: extent.minX, y: y), Coordinate(x: extent.maxX, y: y)]
        }
        let projected = try CoordinateTransform.fromWGS84(to: grid.crs.definition).apply(edges)
        let transform = grid.geoTransform
        let columns = projected.map { ($0.x - transform.originX) / transform.pixelWidth }
        let rows = projected.map { ($0.y - transform.originY) / transform.pixelHeight }
        guard let firstColumn = columns.min(), let lastColumn = columns.max(), let firstRow = rows.min(), let lastRow = rows.max(),
            [firstColumn, lastColumn, firstRow, lastRow].allSatisfy(\.isFinite)
        else { return nil }
        // Clamped as doubles first: a box far off the grid gives indices no Int holds.
        func range(_ first: Double, _ last: Double, count: Int) -> Range<Int>? {
            let lower = Int(max(0, min(Double(count), first.rounded(.down) - 1)))
            let upper = Int(max(0, min(Double(count), last.rounded(.up) + 1)))
            return lower < upper ? lower..<upper : nil
        }
        guard let rowRange = range(firstRow, lastRow, count: grid.rows), let columnRange = range(firstColumn, lastColumn, count: grid.columns)
        else { return nil }
        return (rowRange, columnRange)
    }
}
