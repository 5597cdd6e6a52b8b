import GeometryKit
import RasterIO

/// The outlines of the cells of a raster that share a value: one polygon per 4-connected part
/// (GDAL's polygonizing), its rings brought from the grid's CRS to WGS 84 lon/lat. What isochrones
/// and allocation areas are drawn from.
enum RasterOutlines {
    /// Every part of every value but `nodata`, in GDAL's order.
    static func polygons(of values: consuming [Int32], grid: RasterGrid, nodata: Int32) throws -> [(value: Int32, polygon: Shape.Polygon)] {
        let polygons = try Polygonizer.polygons(values: consume values, grid: grid, nodata: nodata)
        let transform = try CoordinateTransform.toWGS84(from: grid.crs.definition)
        return try polygons.filter { $0.value != nodata }.map { polygon in
            let rings = try polygon.rings.map { ring in try transform.apply(ring.map { Coordinate(x: $0.x, y: $0.y) }) }
            return (polygon.value, Shape.Polygon(rings: rings))
        }
    }
}
