internal import CGEOS

/// Planar measures in the units of the geometry's coordinates (degrees for lon/lat data: use
/// ``Geodesic`` for metres on the WGS 84 ellipsoid).
extension Geometry {
    /// The planar area, in squared units of the coordinates; zero for points, lines and empty
    /// geometries. Holes are subtracted; orientation does not matter. An invalid polygon's area can
    /// be wrong (a bow tie's two lobes cancel to zero).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSArea_r`.
    public func planarArea() throws -> Double {
        try ThreadResources.current.geos.double("GEOSArea_r") { GEOSArea_r($0, handle.pointer, $1) }  // 0 on exception
    }

    /// The planar length of lines, or the perimeter of polygons (all rings), in units of the
    /// coordinates; zero for points and empty geometries.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSLength_r`.
    public func planarLength() throws -> Double {
        try ThreadResources.current.geos.double("GEOSLength_r") { GEOSLength_r($0, handle.pointer, $1) }  // 0 on exception
    }

    /// The planar distance to `other`, in units of the coordinates; zero when they intersect.
    ///
    /// - Throws: ``GeometryError``: `.invalidArgument` when either geometry is empty (GEOS would
    ///   answer 0), `.geos` when GEOS raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSDistance_r`.
    public func planarDistance(to other: Geometry) throws -> Double {
        guard !isEmpty, !other.isEmpty else {
            throw GeometryError(source: .invalidArgument, operation: "GEOSDistance_r", message: "distance to or from an empty geometry is undefined")
        }
        return try ThreadResources.current.geos.double("GEOSDistance_r") {
            GEOSDistance_r($0, handle.pointer, other.handle.pointer, $1)  // 0 on exception
        }
    }
}
