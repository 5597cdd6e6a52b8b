import Foundation
import GeoIO
import GeometryKit

/// What reading a DHIS2 organisation-unit export found: the facility records, and every unit
/// that did not become a facility with a point, with the reason. Nothing is dropped silently.
public struct DHIS2Import: Sendable {
    /// A unit in groups of more than one tier: the highest tier is taken.
    public struct TierChoice: Sendable, Equatable {
        /// The unit.
        public let unit: DHIS2Unit
        /// The tier taken: the highest of the unit's groups.
        public let tier: FacilityTier
        /// The subtype taken with it (A before B when both are given).
        public let subtype: DistrictHospitalSubtype?
        /// The unit's groups that map to a tier.
        public let tierGroups: [String]
    }

    /// A unit whose geometry is a polygon: its point on surface stands for it.
    public struct SurfacePoint: Sendable, Equatable {
        /// The unit.
        public let unit: DHIS2Unit
        /// "Polygon" or "MultiPolygon".
        public let geometryType: String
        /// The point on surface written for the unit (GEOS `GEOSPointOnSurface_r`), WGS 84.
        public let point: Coordinate
        /// True when the polygon was invalid and repaired (GEOS make-valid) first.
        public let repaired: Bool
    }

    /// The export, as named to the reader.
    public let file: String
    /// The size and SHA-256 of the bytes parsed.
    public let checksum: FileChecksum
    /// The number of organisation units in the export.
    public let unitCount: Int
    /// One record per facility unit (a unit with a group that maps to a tier), in export
    /// order, with fields in the shipped facility schema plus `dhis2_level`, `dhis2_parent_id`,
    /// `dhis2_parent_name` and `dhis2_code`. A unit without usable coordinates has a nil
    /// geometry and a ``LayerRecord/geometryProblem``.
    public let records: [LayerRecord]
    /// Facility units with no coordinates in the export.
    public let withoutCoordinates: [DHIS2Unit]
    /// Units none of whose groups maps to a tier (provinces, districts, other groups).
    public let notFacilities: [DHIS2Unit]
    /// Facility units in groups of several tiers, and the tier taken.
    public let severalTiers: [TierChoice]
    /// Facility units whose geometry is a polygon, replaced by its point on surface.
    public let surfacePoints: [SurfacePoint]
    /// Errors: fields of the wrong type, missing or duplicate ids, malformed geometries,
    /// coordinates out of range. An import with problems should write nothing.
    public let problems: [Finding]

    /// The facilities that have a point, as features to write.
    public var features: [GeoJSONWriter.Feature] {
        records.compactMap { record in record.geometry.map { GeoJSONWriter.Feature(properties: record.fields, geometry: $0) } }
    }
}
