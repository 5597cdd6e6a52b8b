import GeometryKit
import RasterIO

/// The minutes from every cell of a friction raster to the nearest facility of a set (NaN where
/// none is reached): what an allocation by raster travel time keeps for drawing its isochrones.
public struct TravelMinutes: Sendable {
    public let grid: RasterGrid
    /// Row-major from the top row.
    public let minutes: [Float]

    /// The area reached within `limit` minutes (inclusive), one polygon per connected part
    /// (4-connected cells), in WGS 84 lon/lat; empty when no cell is.
    public func reach(within limit: Double) throws -> [Geometry] {
        let mask = minutes.map { Double($0) <= limit ? Int32(1) : 0 }
        let polygons = try Polygonizer.polygons(values: mask, grid: grid, nodata: 0)
        let transform = try CoordinateTransform.toWGS84(from: grid.crs.definition)
        return try polygons.filter { $0.value == 1 }.map { polygon in
            let rings = try polygon.rings.map { ring in try transform.apply(ring.map { Coordinate(x: $0.x, y: $0.y) }) }
            return try Geometry(.polygon(Shape.Polygon(rings: rings)))
        }
    }
}
