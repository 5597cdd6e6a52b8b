internal import CGEOS

extension Geometry {
    /// The pair of points, one on this geometry and one on `other`, at the least planar distance
    /// in the geometries' own units (degrees for lon/lat data — see the note below). When the
    /// geometries intersect both points are the same point of the intersection.
    ///
    /// For lon/lat data the pair is nearest *in the plane of the degrees*, not on the ellipsoid:
    /// feeding it to ``Geodesic`` gives the geodesic length of a path to a point of `other`, an
    /// upper bound of the true geodesic distance to `other`. Locally a degree of longitude is
    /// cos φ times as long as a degree of latitude, so that bound is at most 1 / cos φ times the
    /// true distance (for nearby points; φ the latitude).
    ///
    /// - Throws: ``GeometryError`` (invalid argument) when either geometry is empty; the GEOS
    ///   message when GEOS raises an exception.
    /// - Thread-safety: runs on the calling thread's GEOS context; geometries may be shared.
    /// Wraps `GEOSNearestPoints_r`.
    public func nearestPoints(with other: Geometry) throws -> (onSelf: Coordinate, onOther: Coordinate) {
        guard !isEmpty, !other.isEmpty else {
            throw GeometryError(
                source: .invalidArgument, operation: "GEOSNearestPoints_r", message: "nearest points to or from an empty geometry are undefined")
        }
        let context = ThreadResources.current.geos
        context.clearMessages()
        guard let sequence = GEOSNearestPoints_r(context.handle, handle.pointer, other.handle.pointer) else {  // NULL on exception
            throw context.error("GEOSNearestPoints_r")
        }
        defer { GEOSCoordSeq_destroy_r(context.handle, sequence) }
        var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
        try context.status("GEOSCoordSeq_getXY_r") { GEOSCoordSeq_getXY_r($0, sequence, 0, &x0, &y0) }  // 0 on exception
        try context.status("GEOSCoordSeq_getXY_r") { GEOSCoordSeq_getXY_r($0, sequence, 1, &x1, &y1) }  // 0 on exception
        return (Coordinate(x: x0, y: y0), Coordinate(x: x1, y: y1))
    }
}
