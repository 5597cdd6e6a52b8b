import GeoIO
import GeometryKit

extension DHIS2Import {
    /// A facility of the import that lies in no district (beyond the tolerance): its feature
    /// keeps null codes.
    public struct Unplaced: Sendable {
        public let facilityId: String
        public let name: String?
        public let placement: AdminPlacement
    }

    /// The facilities with `district_pcode` and `province_pcode` filled from the district each
    /// point lies in (or the nearest within `toleranceMeters`), since a DHIS2 unit's codes are its
    /// own, not P-codes; and the facilities that lie in none.
    public func features(
        placedIn districts: [AdminUnit],
        toleranceMeters: Double = AdminLocator.defaultToleranceMeters
    ) throws -> (features: [GeoJSONWriter.Feature], unplaced: [Unplaced]) {
        let plain = features
        let points = plain.compactMap { feature -> Coordinate? in if case .point(let position)? = feature.geometry { position } else { nil } }
        guard points.count == plain.count else { return (plain, []) }
        let placements = try AdminLocator(districts: districts, toleranceMeters: toleranceMeters).locate(points)
        var placed: [GeoJSONWriter.Feature] = []
        var unplaced: [Unplaced] = []
        for (feature, placement) in zip(plain, placements) {
            guard placement.method != .outside, let district = placement.districtPcode, let province = placement.provincePcode else {
                unplaced.append(
                    Unplaced(
                        facilityId: feature.properties["facility_id"]?.stringValue ?? "?",
                        name: feature.properties["name"]?.stringValue, placement: placement))
                placed.append(feature)
                continue
            }
            let properties = feature.properties
                .setting("district_pcode", to: .string(district))
                .setting("province_pcode", to: .string(province))
            placed.append(GeoJSONWriter.Feature(properties: properties, geometry: feature.geometry))
        }
        return (placed, unplaced)
    }
}
