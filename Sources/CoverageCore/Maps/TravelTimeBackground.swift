import GeometryKit
import RasterIO

/// Travel time drawn under a map: the minutes from every cell of a friction raster to the nearest
/// facility, in 5 classes. The map draws them as a picture of its own pixels (``PaletteImage``): a
/// classed raster is a raster, and its outlines as polygons would cost more to simplify than the
/// rest of the map.
public struct TravelTimeBackground: Sendable {
    /// The number of classes: within the 1st limit, …, between the 3rd and the 4th, beyond the 4th.
    public static let classCount = 5

    /// The minutes drawn.
    public let minutes: TravelMinutes
    /// The upper limits of the first 4 classes, minutes, strictly ascending (each class holds its
    /// upper limit); the 5th class is every cell reached beyond the 4th.
    public let limits: [Double]
    /// How the minutes were measured, for the subtitle ("walking over friction_walking.tif").
    public let measure: String

    /// The colour of each class, nearest first: ColorBrewer's 5-class YlOrBr (sequential, none of
    /// the facility symbols' colours).
    public static let colours = ["#ffffd4", "#fed98e", "#fe9929", "#d95f0e", "#993404"]

    /// Limits at a half, once, twice and four times `threshold` minutes: 30, 60, 120, 240 for an hour.
    public static func limits(around threshold: Double) -> [Double] {
        [threshold / 2, threshold, threshold * 2, threshold * 4]
    }

    /// The classes of `minutes` within `limits` (4, strictly ascending).
    public init(minutes: TravelMinutes, limits: [Double], measure: String) {
        precondition(limits.count == Self.classCount - 1 && zip(limits, limits.dropFirst()).allSatisfy { $0 < $1 }, "4 ascending limits")
        self.minutes = minutes
        self.limits = limits
        self.measure = measure
    }

    /// The PNG of the classes on `pixels` (a grid in lon/lat); transparent where no facility is
    /// reached or the raster does not reach.
    /// - Throws: ``RasterError`` when PROJ cannot bring the pixels to the raster's CRS or GDAL
    ///   cannot encode the PNG.
    func png(on pixels: RasterGrid) throws -> [UInt8] {
        let colours = Self.colours.map { hex -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) in
            let value = UInt32(hex.dropFirst(), radix: 16)!
            return (UInt8(value >> 16), UInt8((value >> 8) & 0xff), UInt8(value & 0xff), 255)
        }
        let limits = limits.map(Float.init)
        return try PaletteImage.png(values: minutes.minutes, grid: minutes.grid, target: pixels, colours: colours) { value in
            limits.firstIndex { value <= $0 } ?? limits.count
        }
    }

    /// The class labels, nearest first: "30 minutes or less", "30 to 60", …, "more than 240".
    public var labels: [String] {
        let n = limits.map(CoverageThreshold.number)
        return ["\(n[0]) minutes or less"] + (1..<limits.count).map { "\(n[$0 - 1]) to \(n[$0])" } + ["more than \(n[limits.count - 1])"]
    }
}
