import GeoIO
import GeometryKit

extension Catchments {
    /// One row per facility for `catchments_<target>.geojson` / `.csv`, in the order of
    /// ``catchments``: `facility_id`, `facility_name`, `tier`, `district_pcode`, `province_pcode`
    /// (the facility's, null when it states none), `villages` (points served), `population`,
    /// `under5`, `births_live`, `women_15_49` (sums over the points served; null when a point
    /// lacks the group) and `area_km2` (the geodesic area of its polygon, to the square metre;
    /// 0 when it has none). Facilities serving no point are rows with zeros, never dropped.
    ///
    /// - Parameters:
    ///   - facilities: the facilities the catchments were made with (``LayerSet/facilities``).
    ///   - polygons: the polygons of these catchments; each row carries its polygon (nil for none).
    public func rows(facilities: [Facility], polygons: CatchmentPolygons) -> [(properties: JSONObject, geometry: Geometry?)] {
        catchments.indices.map { index in
            let catchment = catchments[index]
            let facility = facilities[catchment.facility]
            var members: [(key: String, value: JSONValue)] = [
                ("facility_id", .string(facility.id)),
                ("facility_name", .string(facility.name)),
                ("tier", .string(facility.tier.rawValue)),
                ("district_pcode", .text(facility.districtPcode)),
                ("province_pcode", .text(facility.provincePcode)),
                (demand == .villages ? "villages" : "facilities", .count(catchment.pointCount)),
            ]
            members += TargetGroup.allCases.map { group in (group.rawValue, JSONValue.count(catchment.figures[group])) }
            members.append(("area_km2", .number(polygons.areasSquareMeters[index].rounded() / 1_000_000)))
            return (JSONObject(members), polygons.polygons[index])
        }
    }
}
