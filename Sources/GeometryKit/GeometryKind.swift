import CGEOS

/// The geometry types of the OGC simple-features model, as GEOS numbers them; the raw values are
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

    init?(geosTypeId: Int32) {
        switch geosTypeId {
        case Int32(GEOS_POINT.rawValue): self = .point
        case Int32(GEOS_LINESTRING.rawValue): self = .lineString
        case Int32(GEOS_LINEARRING.rawValue): self = .linearRing
        case Int32(GEOS_POLYGON.rawValue): self = .polygon
        case Int32(GEOS_MULTIPOINT.rawValue): self = .multiPoint
        case Int32(GEOS_MULTILINESTRING.rawValue): self = .multiLineString
        case Int32(GEOS_MULTIPOLYGON.rawValue): self = .multiPolygon
        case Int32(GEOS_GEOMETRYCOLLECTION.rawValue): self = .geometryCollection
        default: return nil
        }
    }

    var geosTypeId: Int32 {
        switch self {
        case .point: Int32(GEOS_POINT.rawValue)
        case .lineString: Int32(GEOS_LINESTRING.rawValue)
        case .linearRing: Int32(GEOS_LINEARRING.rawValue)
        case .polygon: Int32(GEOS_POLYGON.rawValue)
        case .multiPoint: Int32(GEOS_MULTIPOINT.rawValue)
        case .multiLineString: Int32(GEOS_MULTILINESTRING.rawValue)
        case .multiPolygon: Int32(GEOS_MULTIPOLYGON.rawValue)
        case .geometryCollection: Int32(GEOS_GEOMETRYCOLLECTION.rawValue)
        }
    }

    /// True for the areal kinds (Polygon, MultiPolygon).
    public var isPolygonal: Bool { self == .polygon || self == .multiPolygon }
}
