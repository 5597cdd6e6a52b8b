internal import CGEOS

/// The GEOS type ids of the geometry kinds.
extension GeometryKind {
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
}
