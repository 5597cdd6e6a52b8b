import Foundation
import GeoIO
import GeometryKit
import RasterIO

extension CoverageMap {
    /// Draws a travel-time map's districts: hatched (not reached), the picture of the classes of
    /// minutes over them, cut to the districts, and the districts' outlines on top. The
    /// districts' path is written once and used three times.
    /// - Throws: ``GeometryError`` as ``svg()``; ``RasterError`` when GDAL cannot draw the picture.
    func drawTravelTime(_ travelTime: TravelTimeBackground, into map: inout SVGDocument, projection: MapProjection, frame: Envelope, tolerance: Double)
        throws
    {
        let districts = try zones.map { try Self.pathData($0.geometry, projection: projection, tolerance: tolerance) }.joined()
        guard !districts.isEmpty else { return }
        map.open("defs")
        map.element("path", [("id", "districts"), ("d", districts)])
        map.open("clipPath", [("id", "inside")])
        map.element("use", [("href", "#districts")])
        map.close()
        map.close()
        map.element("use", [("class", "unreached"), ("href", "#districts"), ("fill", "url(#nodata)")])
        // The picture covers the frame, a pixel of it a map pixel (about a cell of the raster on a
        // country's map), in lon/lat.
        let origin = projection.coordinate(x: frame.minX, y: frame.minY)
        let step = projection.coordinate(x: frame.minX + 1, y: frame.minY + 1)
        let pixels = try RasterGrid(
            columns: Int(frame.width.rounded(.up)), rows: Int(frame.height.rounded(.up)),
            geoTransform: GeoTransform(originX: origin.lon, pixelWidth: step.lon - origin.lon, originY: origin.lat, pixelHeight: step.lat - origin.lat),
            crs: RasterCRS(epsg: 4326))
        let n = SVGDocument.number
        map.element(
            "image",
            [
                ("class", "travel"), ("clip-path", "url(#inside)"), ("x", n(frame.minX)), ("y", n(frame.minY)),
                ("width", n(Double(pixels.columns))), ("height", n(Double(pixels.rows))), ("preserveAspectRatio", "none"),
                ("href", "data:image/png;base64," + Data(try travelTime.png(on: pixels)).base64EncodedString()),
            ])
        map.element("use", [("class", "district-outline"), ("href", "#districts")])
    }
}
