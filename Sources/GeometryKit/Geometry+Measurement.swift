import CGEOS

/// Planar measures in the units of the geometry's coordinates (degrees for lon/lat data: use
/// ``Geodesic`` for metres on the WGS 84 ellipsoid).
extension Geometry {
    /// The planar area (zero for points and lines). Wraps `GEOSArea_r`.
    public func planarArea() throws -> Double {
        try ThreadResources.current.geos.double("GEOSArea_r") { GEOSArea_r($0, handle.pointer, $1) }  // 0 on exception
    }

    /// The planar length of lines, or perimeter of polygons. Wraps `GEOSLength_r`.
    public func planarLength() throws -> Double {
        try ThreadResources.current.geos.double("GEOSLength_r") { GEOSLength_r($0, handle.pointer, $1) }  // 0 on exception
    }

    /// The planar distance to `other`; zero when they intersect. Throws for an empty operand.
    /// Wraps `GEOSDistance_r`.
    public func planarDistance(to other: Geometry) throws -> Double {
        guard !isEmpty, !other.isEmpty else {
            throw GeometryError(source: .invalidArgument, operation: "GEOSDistance_r", message: "distance to or from an empty geometry is undefined")
        }
        return try ThreadResources.current.geos.double("GEOSDistance_r") {
            GEOSDistance_r($0, handle.pointer, other.handle.pointer, $1)  // 0 on exception
        }
    }
}
