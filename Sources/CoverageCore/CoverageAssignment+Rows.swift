import GeometryKit

extension CoverageAssignment {
    /// One row per point for `villages_assigned.geojson` / `.csv`: the point's identity, then per
    /// target `<target>_id`, `<target>_name`, `<target>_distance_m`, `<target>_minutes` and whether the
    /// facility lies outside the point's district and province; per tier the administrative
    /// assignment (`<tier>_admin_…`); for villages the referral chain (`chain_…`). Unreachable
    /// care is null, never zero. Distances in metres to the millimetre, minutes to 0.01.
    public func rows(facilities: [Facility]) -> [(properties: JSONObject, location: Coordinate)] {
        points.indices.map { position in
            let point = points[position]
            var members: [(key: String, value: JSONValue)] = [
                (demand == .villages ? "village_code" : "facility_id", .string(point.id)),
                ("name", .string(point.name)),
                ("district_pcode", .string(point.districtPcode)),
                ("province_pcode", .string(point.provincePcode)),
            ]
            if demand == .villages {
                members += TargetGroup.allCases.map { group in (group.rawValue, JSONValue.count(point.figures[group])) }
            }
            for target in targets {
                let assignment = nearest(target)[position]
                let facility = assignment.facility.map { facilities[$0] }
                members += Self.columns(target.name, assignment, facilities)
                members.append(("\(target.name)_outside_district", facility.map { .bool($0.districtPcode != point.districtPcode) } ?? .null))
                members.append(("\(target.name)_outside_province", facility.map { .bool($0.provincePcode != point.provincePcode) } ?? .null))
            }
            for target in targets {
                guard let assignments = administrative[target] else { continue }
                members += Self.columns("\(target.name)_admin", assignments[position], facilities)
            }
            if let chain = chains?[position] {
                members += Self.columns("chain_health_centre", chain.healthCentre, facilities, names: false)
                members += Self.columns("chain_district_hospital", chain.districtHospital, facilities, names: false)
                members += Self.columns("chain_provincial_hospital", chain.provincialHospital, facilities, names: false)
                members.append(("chain_referred_to_central", .bool(chain.referredToCentral)))
                members.append(("chain_total_distance_m", .metres(chain.totalDistanceMeters)))
                members.append(("chain_total_minutes", .minutes(chain.totalMinutes)))
            }
            return (JSONObject(members), point.location)
        }
    }

    private static func columns(_ prefix: String, _ assignment: CareAssignment, _ facilities: [Facility],
                                names: Bool = true) -> [(key: String, value: JSONValue)] {
        let facility = assignment.facility.map { facilities[$0] }
        var columns: [(key: String, value: JSONValue)] = [("\(prefix)_id", facility.map { .string($0.id) } ?? .null)]
        if names { columns.append(("\(prefix)_name", facility.map { .string($0.name) } ?? .null)) }
        columns.append(("\(prefix)_distance_m", .metres(assignment.distanceMeters)))
        columns.append(("\(prefix)_minutes", .minutes(assignment.minutes)))
        return columns
    }
}
