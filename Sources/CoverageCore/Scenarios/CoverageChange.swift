import GeoIO
import GeometryKit

/// What a change of the facilities does to coverage of one care at one limit, computed from two
/// ``CoverageGaps`` of the same villages in memory: per district of the region and for the region
/// as a whole, the people covered before and after, those newly covered and those who lose
/// coverage, and every village that changes. The same figures as `coverage compare` of the two
/// runs' folders (a village counts as newly covered when it was beyond the limit before and is
/// within it after), without writing either.
public struct CoverageChange: Sendable {
    /// One zone's change.
    public struct Zone: Sendable, Equatable {
        public let code: String
        public let name: String
        public let population: Int
        public let coveredBefore: Int
        public let coveredAfter: Int
        public let newlyCovered: Int
        public let lost: Int
        public let villagesNewlyCovered: Int
        public let villagesLost: Int
        public var netChange: Int { coveredAfter - coveredBefore }
    }

    /// A village whose coverage changes.
    public struct Village: Sendable, Equatable {
        public let code: String
        public let name: String
        public let districtPcode: String
        public let location: Coordinate
        public let population: Int
        /// True when it becomes covered, false when it loses coverage.
        public let nowCovered: Bool
    }

    public let target: CareTarget
    public let threshold: CoverageThreshold
    /// The region as a whole.
    public let region: Zone
    /// The region's districts, in zone order.
    public let districts: [Zone]
    /// The villages that change, in layer order.
    public let villages: [Village]

    /// The change from `before` to `after` for `target` within `threshold`.
    /// - Throws: ``InputError`` when the two do not evaluate the same villages, region, target and
    ///   limit, or when the tables and the villages disagree (they cannot, from the same data).
    public init(before: CoverageGaps, after: CoverageGaps, target: CareTarget, threshold: CoverageThreshold) throws {
        guard before.regionVillages == after.regionVillages, before.region == after.region,
            before.assignment.points.count == after.assignment.points.count,
            before.thresholds[target]?.contains(threshold) == true, after.thresholds[target]?.contains(threshold) == true
        else {
            throw InputError(file: "what-if", reason: "the two coverages compared evaluate different villages, regions or limits")
        }
        let points = after.assignment.points
        var changed: [(position: Int, nowCovered: Bool)] = []
        for position in after.regionVillages {
            let was = before.isCovered(position, target: target, threshold: threshold)
            let now = after.isCovered(position, target: target, threshold: threshold)
            if was != now { changed.append((position, now)) }
        }
        func zone(_ level: CoverageZone.Level, _ code: String, inZone: (Int) -> Bool) throws -> Zone {
            guard let rowA = before.row(zone: code, level: level, target: target, threshold: threshold),
                let rowB = after.row(zone: code, level: level, target: target, threshold: threshold)
            else { throw InputError(file: "what-if", reason: "no row for \(level.rawValue) \(code)") }
            let mine = changed.filter { inZone($0.position) }
            let newly = mine.filter(\.nowCovered), lost = mine.filter { !$0.nowCovered }
            let result = Zone(
                code: code, name: rowB.zone.name, population: rowB.totalFigures.population, coveredBefore: rowA.coveredFigures.population,
                coveredAfter: rowB.coveredFigures.population, newlyCovered: newly.reduce(0) { $0 + points[$1.position].figures.population },
                lost: lost.reduce(0) { $0 + points[$1.position].figures.population }, villagesNewlyCovered: newly.count, villagesLost: lost.count)
            guard result.newlyCovered - result.lost == result.netChange else {
                throw InputError(file: "what-if", reason: "\(level.rawValue) \(code): the tables and the villages disagree on the change")
            }
            return result
        }
        guard let regionZone = after.zones.first(where: { $0.level == .region || $0.level == .national }) ?? after.zones.first else {
            throw InputError(file: "what-if", reason: "the region has no zone")
        }
        region = try zone(regionZone.level, regionZone.code) { _ in true }
        districts = try after.zones.filter { $0.level == .district }.map { district in
            try zone(.district, district.code) { points[$0].districtPcode == district.code }
        }
        villages = changed.map { position, nowCovered in
            let point = points[position]
            return Village(
                code: point.id, name: point.name, districtPcode: point.districtPcode, location: point.location,
                population: point.figures.population, nowCovered: nowCovered)
        }
        self.target = target
        self.threshold = threshold
    }
}
