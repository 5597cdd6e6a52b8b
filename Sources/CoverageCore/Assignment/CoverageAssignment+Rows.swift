import GeoIO
import GeometryKit

extension CoverageAssignment {
    /// One row per point for `villages_assigned.geojson` / `.csv`: the point's identity, then per
    /// target the nearest facility providing the care — `<target>_id`, `<target>_name`,
    /// `<target>_distance_m`, `<target>_minutes`, whether it lies outside the point's district and
    /// province, and for a tier `<target>_provider_tier` (a district hospital may be the nearest
    /// provider of health-centre care) and the nearest facility of the tier itself
    /// (`nearest_<tier>_id`, `…_name`, `…_distance_m`, `…_minutes`); per tier the administrative
    /// assignment (`<tier>_admin_…`); for villages the referral chain (`chain_…`). For a target
    /// measured over a raster, `<target>_…` is the allocation by travel time and
    /// `<target>_straight_id`, `…_distance_m`, `…_minutes` the straight-line model's nearest (the
    /// geodesic nearest, on which distance limits are judged). Unreachable
    /// care is null, never zero. Distances in metres to the millimetre, minutes to 0.01.
    public func rows(facilities: [Facility]) -> [(properties: JSONObject, location: Coordinate)] {
        let columns = RowColumns(self, facilities: facilities)
        return points.indices.map { (columns.properties(at: $0), points[$0].location) }
    }

    /// The columns of ``rows(facilities:)``, named and looked up once for all points, making the
    /// row of one point at a time: the files of a large layer write each row as it is made
    /// instead of holding them all.
    struct RowColumns: Sendable {
        let assignment: CoverageAssignment
        let facilities: [Facility]
        private let geographic: [TargetColumns]
        private let administrative: [TargetColumns]
        private let chainColumns: (healthCentre: AssignmentColumns, districtHospital: AssignmentColumns, provincialHospital: AssignmentColumns)
        private let groups: [TargetGroup]
        private let width: Int

        init(_ assignment: CoverageAssignment, facilities: [Facility]) {
            self.assignment = assignment
            self.facilities = facilities
            geographic = assignment.targets.map { target in
                TargetColumns(
                    prefix: target.name, assignments: assignment.nearest(target), outside: true,
                    ofTier: assignment.nearestOfTier[target].map { (AssignmentColumns(prefix: "nearest_\(target.name)"), $0) },
                    straight: assignment.nearestByDistance[target].map { (AssignmentColumns(prefix: "\(target.name)_straight", names: false), $0) })
            }
            administrative = assignment.targets.compactMap { target in
                assignment.administrative[target].map { TargetColumns(prefix: "\(target.name)_admin", assignments: $0, outside: false) }
            }
            chainColumns = (
                healthCentre: AssignmentColumns(prefix: "chain_health_centre", names: false),
                districtHospital: AssignmentColumns(prefix: "chain_district_hospital", names: false),
                provincialHospital: AssignmentColumns(prefix: "chain_provincial_hospital", names: false)
            )
            groups = assignment.demand == .villages ? TargetGroup.allCases : []
            width =
                4 + groups.count + geographic.count * 11 + assignment.nearestByDistance.count * 3 + administrative.count * 4
                + (assignment.chains == nil ? 0 : 12)
        }

        /// The row of the point at `position`.
        func properties(at position: Int) -> JSONObject {
            let point = assignment.points[position]
            var members: [(key: String, value: JSONValue)] = [
                (assignment.demand == .villages ? "village_code" : "facility_id", .string(point.id)),
                ("name", .string(point.name)),
                ("district_pcode", .string(point.districtPcode)),
                ("province_pcode", .string(point.provincePcode)),
            ]
            members.reserveCapacity(width)
            for group in groups { members.append((group.rawValue, .count(point.figures[group]))) }
            for target in geographic { target.append(position, of: point, facilities, to: &members) }
            for target in administrative { target.append(position, of: point, facilities, to: &members) }
            if let chain = assignment.chains?[position] {
                chainColumns.healthCentre.append(chain.healthCentre, facilities, to: &members)
                chainColumns.districtHospital.append(chain.districtHospital, facilities, to: &members)
                chainColumns.provincialHospital.append(chain.provincialHospital, facilities, to: &members)
                members.append(("chain_referred_to_central", .bool(chain.referredToCentral)))
                members.append(("chain_total_distance_m", .meters(chain.totalDistanceMeters)))
                members.append(("chain_total_minutes", .minutes(chain.totalMinutes)))
            }
            return JSONObject(members)
        }
    }
}

/// One target's columns in the rows, with its assignment of every point: the assignment's
/// columns, then (geographic mode) whether the facility lies outside the point's district and
/// province (`<prefix>_outside_district`, `<prefix>_outside_province`), and for a tier the
/// provider's tier and the nearest facility of the tier itself. Structs rather than tuples: they
/// are copied per point, and tuple copies are slow.
private struct TargetColumns: Sendable {
    let columns: AssignmentColumns
    let assignments: [CareAssignment]
    let outside: (district: String, province: String)?
    let providerTier: String?
    let ofTier: (columns: AssignmentColumns, assignments: [CareAssignment])?
    /// For a target measured over a raster: the straight-line model's nearest (by geodesic distance).
    let straight: (columns: AssignmentColumns, assignments: [CareAssignment])?

    init(
        prefix: String, assignments: [CareAssignment], outside: Bool, ofTier: (AssignmentColumns, [CareAssignment])? = nil,
        straight: (AssignmentColumns, [CareAssignment])? = nil
    ) {
        columns = AssignmentColumns(prefix: prefix)
        self.assignments = assignments
        self.outside = outside ? ("\(prefix)_outside_district", "\(prefix)_outside_province") : nil
        providerTier = ofTier == nil ? nil : "\(prefix)_provider_tier"
        self.ofTier = ofTier
        self.straight = straight
    }

    func append(_ position: Int, of point: DemandPoint, _ facilities: [Facility], to members: inout [(key: String, value: JSONValue)]) {
        let assignment = assignments[position]
        columns.append(assignment, facilities, to: &members)
        guard let outside else { return }
        let facility = assignment.facility.map { facilities[$0] }
        members.append((outside.district, facility.map { .bool($0.districtPcode != point.districtPcode) } ?? .null))
        members.append((outside.province, facility.map { .bool($0.provincePcode != point.provincePcode) } ?? .null))
        if let providerTier { members.append((providerTier, .text(facility?.tier.rawValue))) }
        if let ofTier { ofTier.columns.append(ofTier.assignments[position], facilities, to: &members) }
        if let straight { straight.columns.append(straight.assignments[position], facilities, to: &members) }
    }
}

/// The columns of one care assignment in a row: `<prefix>_id`, `<prefix>_name` (unless left
/// out), `<prefix>_distance_m` and `<prefix>_minutes`.
private struct AssignmentColumns: Sendable {
    let id: String
    let name: String?
    let distance: String
    let minutes: String

    init(prefix: String, names: Bool = true) {
        id = "\(prefix)_id"
        name = names ? "\(prefix)_name" : nil
        distance = "\(prefix)_distance_m"
        minutes = "\(prefix)_minutes"
    }

    /// Appends the assignment's columns: the facility's id and name (null when none), the
    /// distance and the time.
    func append(_ assignment: CareAssignment, _ facilities: [Facility], to members: inout [(key: String, value: JSONValue)]) {
        let facility = assignment.facility.map { facilities[$0] }
        members.append((id, facility.map { .string($0.id) } ?? .null))
        if let name { members.append((name, facility.map { .string($0.name) } ?? .null)) }
        members.append((distance, .meters(assignment.distanceMeters)))
        members.append((minutes, .minutes(assignment.minutes)))
    }
}
