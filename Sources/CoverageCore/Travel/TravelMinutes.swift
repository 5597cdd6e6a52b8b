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

    /// The area reached within `limit` minutes (inclusive), one polygon per connected part
    /// (4-connected cells), in WGS 84 lon/lat; empty when no cell is.
    public func reach(within limit: Double) throws -> [Geometry] {
        try outlines(of: minutes.map { Double($0) <= limit ? Int32(1) : 0 }, nodata: 0).map(\.geometry)
    }

    /// Each facility's cells (those it is reached from first), one polygon per connected part, in
    /// WGS 84 lon/lat: its catchment on the raster.
    public func allocationAreas() throws -> [(facility: Int, geometry: Geometry)] {
        try outlines(of: nearestFacility, nodata: -1).map { (Int($0.value), $0.geometry) }
    }

    /// The outlines of the cells of each value but `nodata` (4-connected parts), in lon/lat.
    private func outlines(of values: [Int32], nodata: Int32) throws -> [(value: Int32, geometry: Geometry)] {
        let polygons = try Polygonizer.polygons(values: values, grid: grid, nodata: nodata)
        let transform = try CoordinateTransform.toWGS84(from: grid.crs.definition)
        return try polygons.filter { $0.value != nodata }.map { polygon in
            let rings = try polygon.rings.map { ring in try transform.apply(ring.map { Coordinate(x: $0.x, y: $0.y) }) }
            return (polygon.value, try Geometry(.polygon(Shape.Polygon(rings: rings))))
        }
    }
}
