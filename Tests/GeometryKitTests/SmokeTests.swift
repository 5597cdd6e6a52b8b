import Testing
@testable import GeometryKit

@Test func smoke() throws {
    let square = try Geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))")
    #expect(try square.planarArea() == 100)
    let p = try Geometry.point(x: 5, y: 5)
    #expect(try square.contains(p))
    #expect(try p.within(square))
    print(try square.wkt(), try square.geoJSON(), try square.buffer(distance: 1).planarArea())
    let bow = try Geometry(wkt: "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))")
    print(try bow.validity(), try bow.makeValid().wkt())
    let tree = try STRtree([square, p, try Geometry(wkt: "POINT (20 20)")])
    print(try tree.query(Envelope(minX: 4, minY: 4, maxX: 6, maxY: 6)), try tree.nearest(to: try Geometry.point(x: 19, y: 19)) as Any)
    let d = try Geodesic.wgs84.inverse(from: Coordinate(lon: -73.78, lat: 40.64), to: Coordinate(lon: 103.99, lat: 1.36))
    print(d)
    let t = try CoordinateTransform.fromWGS84(to: "EPSG:32648")
    let utm = try t.apply(Coordinate(lon: 102.6, lat: 17.97))
    print(utm, try t.inverse.apply(utm))
    print(LiveHandles.totalOnCurrentThread)
    do { _ = try Geometry(wkt: "POLYGON ((0 0, 1 1")} catch { print(error) }
    print(try Geometry.empty(.polygon).wkt(), try Geometry.multiPoint([Coordinate(x: 1, y: 2)]).wkt(), try square.voronoiDiagram().kind)
}
