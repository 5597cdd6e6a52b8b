internal import CGEOS

/// Whether a geometry is valid per OGC simple features, and why not.
public struct ValidityReport: Sendable, Equatable {
    /// True when the geometry is valid.
    public let isValid: Bool
    /// GEOS's reason, or nil when valid. GEOS 3.11 says, among others: "Self-intersection",
    /// "Ring Self-intersection", "Too few points in geometry component", "Hole lies outside shell",
    /// "Holes are nested", "Interior is disconnected", "Invalid Coordinate".
    public let reason: String?
    /// Where the (first) problem is, in the units of the coordinates, when GEOS gives a location.
    public let location: Coordinate?

    /// A report; GeometryKit makes these from GEOS's answer, tests may make their own.
    public init(isValid: Bool, reason: String?, location: Coordinate?) {
        self.isValid = isValid
        self.reason = reason
        self.location = location
    }
}

extension Geometry {
    /// True when the geometry is valid (empty geometries are).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe (the calling thread's GEOS context). Wraps `GEOSisValid_r`.
    public func isValid() throws -> Bool {
        try ThreadResources.current.geos.predicate("GEOSisValid_r") { GEOSisValid_r($0, handle.pointer) }  // 2 on exception
    }

    /// Validity with GEOS's reason and the location of the first problem found.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSisValidDetail_r` (reason freed with `GEOSFree_r`, location
    ///   destroyed with `GEOSGeom_destroy_r`).
    public func validity() throws -> ValidityReport {
        let context = ThreadResources.current.geos
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        context.clearMessages()
        let result = GEOSisValidDetail_r(context.handle, handle.pointer, 0, &reason, &location)  // 2 on exception
        defer {
            if let reason { GEOSFree_r(context.handle, reason) }
            if let location { GEOSGeom_destroy_r(context.handle, location) }
        }
        switch result {
        case 1:
            return ValidityReport(isValid: true, reason: nil, location: nil)
        case 0:
            var point: Coordinate?
            if let location {
                var x = 0.0, y = 0.0
                if GEOSGeomGetX_r(context.handle, location, &x) != 0, GEOSGeomGetY_r(context.handle, location, &y) != 0 {  // 0 on exception
                    point = Coordinate(x: x, y: y)
                }
            }
            return ValidityReport(isValid: false, reason: reason.map { String(cString: $0) }, location: point)
        default:
            throw context.error("GEOSisValidDetail_r")
        }
    }

    /// A valid geometry covering the same points, repairing self-intersections and the like
    /// (GEOS's "structure" method: a bow tie becomes two triangles; parts that collapse to lines or
    /// points are dropped, so a degenerate polygon becomes `POLYGON EMPTY`). A valid input comes
    /// back topologically equal.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSMakeValidParams_create_r`, `GEOSMakeValidParams_setMethod_r`,
    ///   `GEOSMakeValidParams_setKeepCollapsed_r` and `GEOSMakeValidWithParams_r`.
    public func makeValid() throws -> Geometry {
        let context = ThreadResources.current.geos
        context.clearMessages()
        guard let params = GEOSMakeValidParams_create_r(context.handle) else { throw context.error("GEOSMakeValidParams_create_r") }
        defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
        try context.status("GEOSMakeValidParams_setMethod_r") {
            GEOSMakeValidParams_setMethod_r($0, params, GEOS_MAKE_VALID_STRUCTURE)  // 0 on exception
        }
        try context.status("GEOSMakeValidParams_setKeepCollapsed_r") {
            GEOSMakeValidParams_setKeepCollapsed_r($0, params, 0)  // 0 on exception
        }
        return try context.newGeometry("GEOSMakeValidWithParams_r") {
            GEOSMakeValidWithParams_r($0, handle.pointer, params)  // NULL on exception
        }
    }
}
