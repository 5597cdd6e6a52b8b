import GeometryKit

/// The part of a district beyond a care target's threshold: the district polygon minus the
/// circles of the threshold's radius around every facility providing the target.
public struct GapArea: Sendable {
    /// The district's P-code.
    public let districtPcode: String
    /// The district's English name.
    public let districtName: String
    /// The district's province P-code.
    public let provincePcode: String
    /// The care the gap is for.
    public let target: CareTarget
    /// The threshold beyond which the gap lies.
    public let threshold: CoverageThreshold
    /// The radius of the circles, metres: the km threshold, or the straight-line distance the
    /// travel model covers in the minutes threshold by the standard's mode; nil for the isochrone
    /// of a raster time limit.
    public let radiusMeters: Double?
    /// The gap: a Polygon or MultiPolygon in lon/lat (see ``GapAreas`` for its accuracy).
    public let geometry: Geometry
    /// The gap's geodesic area on WGS 84, m².
    public let areaSquareMeters: Double
    /// The whole district's geodesic area, m².
    public let districtAreaSquareMeters: Double

    /// A gap; ``GapAreas`` makes these.
    public init(
        districtPcode: String, districtName: String, provincePcode: String, target: CareTarget, threshold: CoverageThreshold,
        radiusMeters: Double?, geometry: Geometry, areaSquareMeters: Double, districtAreaSquareMeters: Double
    ) {
        self.districtPcode = districtPcode
        self.districtName = districtName
        self.provincePcode = provincePcode
        self.target = target
        self.threshold = threshold
        self.radiusMeters = radiusMeters
        self.geometry = geometry
        self.areaSquareMeters = areaSquareMeters
        self.districtAreaSquareMeters = districtAreaSquareMeters
    }

    /// The share of the district in the gap, percent; nil for a district of no area.
    public var percentOfDistrict: Double? {
        districtAreaSquareMeters > 0 ? areaSquareMeters / districtAreaSquareMeters * 100 : nil
    }
}
