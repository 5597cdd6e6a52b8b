import GeometryKit
import RasterIO

/// The minutes from every cell of a friction raster to the nearest facility of a set (NaN where
/// none is reached), and which facility that is: what an allocation by raster travel time keeps
/// for drawing its isochrones and its catchments.
public struct TravelMinutes: Sendable {
    public let grid: RasterGrid
    /// Row-major from the top row.
    public let minutes: [Float]
    /// The facility (its position in the layer) each cell is reached from first, -1 for none;
    /// row-major from the top row.
    public let nearestFacility: [Int32]

    /// The minutes and nearest facility of every cell of `grid` (one each per cell).
    public init(grid: RasterGrid, minutes: [Float], nearestFacility: [Int32]) {
        precondition(minutes.count == grid.cellCount && nearestFacility.count == grid.cellCount, "one value per cell")
        self.grid = grid
        self.minutes = minutes
        self.nearestFacility = nearestFacility
    }

    /// The area reached within `limit` minutes (inclusive), one polygon per connected part
    /// (4-connected cells), in WGS 84 lon/lat; empty when no cell is.
    public func reach(within limit: Double) throws -> [Geometry] {
        try RasterOutlines.polygons(of: minutes.map { Double($0) <= limit ? Int32(1) : 0 }, grid: grid, nodata: 0).map {
            try Geometry(.polygon($0.polygon))
        }
    }

    /// Each facility's cells (those it is reached from first), one polygon per connected part, in
    /// WGS 84 lon/lat: its catchment on the raster.
    public func allocationAreas() throws -> [(facility: Int, geometry: Geometry)] {
        try RasterOutlines.polygons(of: nearestFacility, grid: grid, nodata: -1).map { (Int($0.value), try Geometry(.polygon($0.polygon))) }
    }
}
