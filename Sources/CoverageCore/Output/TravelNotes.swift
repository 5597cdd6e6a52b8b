import Foundation

/// What the reader of a time limit must know about its minutes: how they were measured per care
/// (straight-line model or friction raster, and what the raster rests on), and what the raster
/// allocation could not place. Printed under every summary that reports minutes, and written into
/// the manifest.
public struct TravelNotes: Sendable, Equatable {
    /// One sentence each.
    public let lines: [String]

    /// How each of `targets` is measured under `standards`.
    public init(standards: CoverageStandards, targets: [CareTarget]) {
        lines = Self.measures(standards: standards, targets: targets)
    }

    /// The notes of `assignment` (made with `facilities`): how each of its targets was measured,
    /// and what the raster allocation could not place.
    public init(_ assignment: CoverageAssignment, facilities: [Facility]) {
        var lines = Self.measures(standards: assignment.standards, targets: assignment.targets)
        for kind in FrictionKind.allCases {
            guard let unplaced = assignment.unplaced[kind] else { continue }
            if !unplaced.points.isEmpty {
                let people = unplaced.points.reduce(0) { $0 + assignment.points[$1].figures.population }
                lines.append(
                    "\(assignment.demand == .villages ? "Villages" : "Points") on no passable cell of the \(kind.rawValue) raster: "
                        + "\(unplaced.points.count.grouped) (\(people.grouped) people); they have no raster minutes and count as uncovered.")
            }
            if !unplaced.facilities.isEmpty {
                let listed = unplaced.facilities.prefix(5).map { facilities[$0].id }.joined(separator: ", ")
                lines.append(
                    "Facilities outside the \(kind.rawValue) raster or on an impassable cell: \(unplaced.facilities.count.grouped) "
                        + "(\(listed)\(unplaced.facilities.count > 5 ? ", …" : "")); nobody is allocated to them by travel time.")
            }
        }
        self.lines = lines
    }

    private static func measures(standards: CoverageStandards, targets: [CareTarget]) -> [String] {
        var lines: [String] = []
        // One line per way of measuring, in the order of the targets.
        var measures: [(measure: String, targets: [CareTarget])] = []
        for target in targets {
            guard let standard = standards.standards[target] else { continue }
            let measure = Self.measure(standard, standards)
            if let index = measures.firstIndex(where: { $0.measure == measure }) {
                measures[index].targets.append(target)
            } else {
                measures.append((measure, [target]))
            }
        }
        for (measure, targets) in measures {
            lines.append("Minutes of \(targets.map(\.label).joined(separator: ", ")): \(measure).")
        }
        let rasterTargets = targets.filter { standards.standards[$0]?.travel == .raster }
        if !rasterTargets.isEmpty {
            lines.append("Distance limits (km) are geodesic, to the nearest facility by distance.")
            let straightReferrals = rasterTargets.filter { $0.isTier && standards.standards[$0]?.mode.frictionKind == .motorized }
            if !straightReferrals.isEmpty {
                lines.append(
                    "The administrative facilities and referral hops of \(straightReferrals.map(\.label).joined(separator: ", ")) keep "
                        + "straight-line minutes: searched among a district's or a province's facilities alone, the motorized surface is not yet fast enough.")
            }
        }
        return lines
    }

    private static func measure(_ standard: CoverageStandard, _ standards: CoverageStandards) -> String {
        switch standard.travel {
        case .straight:
            let speed = standards.travelModel.speedsKmh[standard.mode].map(CoverageThreshold.number) ?? "?"
            let detour = CoverageThreshold.number(standards.travelModel.detourFactor)
            return "straight-line estimates (geodesic km × \(detour) ÷ \(speed) km/h, \(standard.mode.rawValue))"
        case .raster:
            let kind = standard.mode.frictionKind
            let path = standards.friction.paths[kind] ?? "?"
            let name = URL(fileURLWithPath: path).lastPathComponent
            let shipped =
                name == "friction_\(kind.rawValue).tif"
                ? " (OpenStreetMap main roads of 2014, MODIS land cover 2019 at 5.5 km, 500 m cells: an estimate; GeoData/README.md)" : ""
            return "\(kind == .walking ? "walking" : "motorized") travel time over \(name)\(shipped)"
        }
    }
}
