/// The geometry types of the OGC simple-features model; the raw values are
/// the type names of WKT (in mixed case) and GeoJSON.
public enum GeometryKind: String, Sendable, CaseIterable {
    /// One position (or none: `POINT EMPTY`).
    case point = "Point"
    /// A path through two or more positions.
    case lineString = "LineString"
    /// A closed line string of four or more positions: a polygon's ring.
    case linearRing = "LinearRing"
    /// An area: an exterior ring and any number of holes.
    case polygon = "Polygon"
    /// Points.
    case multiPoint = "MultiPoint"
    /// Line strings.
    case multiLineString = "MultiLineString"
    /// Polygons (valid when their interiors do not overlap).
    case multiPolygon = "MultiPolygon"
    /// Geometries of any kinds.
    case geometryCollection = "GeometryCollection"

    /// True for the areal kinds (Polygon, MultiPolygon).
    public var isPolygonal: Bool { self == .polygon || self == .multiPolygon }
}
