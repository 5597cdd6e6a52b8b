/// The files a friction surface is made from (`coverage traveltime`): the ground as a friction
/// raster, a speed raster, or a land-cover raster with a speed table; road lines and barrier
/// shapes laid over it; a DEM for walking on slopes.
public struct TravelSurfaceInputs: Sendable, Equatable {
    public enum Ground: Sendable, Equatable {
        /// Seconds per metre; nodata and infinity impassable.
        case friction(path: String)
        /// km/h; nodata impassable.
        case speed(path: String)
        /// Class codes, read through the speed table's `land_cover`.
        case landCover(path: String)
    }

    public var ground: Ground
    /// The speed table (YAML): needed for a land-cover raster and for roads.
    public var speedTablePath: String?
    /// Road lines (GeoJSON, WGS 84), each with the speed table's road field.
    public var roadsPath: String?
    /// Barrier lines or polygons (GeoJSON, WGS 84): impassable whatever lies under them.
    public var barriersPath: String?
    /// Elevations in metres on the same grid: walking time then follows Tobler's hiking function.
    public var demPath: String?

    public init(ground: Ground, speedTablePath: String? = nil, roadsPath: String? = nil, barriersPath: String? = nil, demPath: String? = nil) {
        self.ground = ground
        self.speedTablePath = speedTablePath
        self.roadsPath = roadsPath
        self.barriersPath = barriersPath
        self.demPath = demPath
    }

    /// The ground raster's path.
    public var groundPath: String {
        switch ground {
        case .friction(let path), .speed(let path), .landCover(let path): path
        }
    }
}
