import GeoIO

/// Who is beyond reach of care, zone by zone: for every zone of a region (its districts, its
/// provinces, the region, and the country when asked), every care target and every threshold of
/// the target's standard, the villages and the people (population, under-5s, live births, women
/// 15–49) covered and not.
///
/// A village is covered when its nearest facility providing the target is within the threshold,
/// inclusive: the geodesic nearest within km × 1,000 for a distance limit, the allocation's
/// minutes (straight-line model or raster, by the standard's travel measure) ≤ the limit for a
/// time limit (``CoverageAssignment/care(_:judgedBy:)``); a village with no facility of the
/// target anywhere, or no minutes on the raster, is uncovered. Zones with no facility of a target are rows like any other, flagged by
/// ``CoverageGapRow/hasFacility``; a zone nobody lives in has a null percentage, never 0 %.
///
/// The table is ordered by zone (level broadest first, then code), target (tiers in referral
/// order, then services) and threshold (distances first, ascending). A value type; `Sendable`.
public struct CoverageGaps: Sendable {
    /// The region reported on.
    public let region: Region
    /// The zones, in report order.
    public let zones: [CoverageZone]
    /// The targets, in order.
    public let targets: [CareTarget]
    /// Per target, the thresholds evaluated (its standard's, distances first).
    public let thresholds: [CareTarget: [CoverageThreshold]]
    /// One row per zone × target × threshold, in that order.
    public let rows: [CoverageGapRow]
    /// The positions (in the assignment's points) of the villages of the region, in layer order.
    public let regionVillages: [Int]
    /// The assignment the table was counted from.
    public let assignment: CoverageAssignment

    /// Per target and threshold, per point of the assignment: covered or not.
    private let covered: [Key: [Bool]]

    private struct Key: Hashable, Sendable {
        let target: CareTarget
        let threshold: CoverageThreshold
    }

    /// Counts the coverage of every zone of `region`.
    ///
    /// - Parameters:
    ///   - assignment: villages assigned to their nearest facilities, for the targets to report;
    ///     its standards give each target's thresholds.
    ///   - layers: the layer set the assignment was made from (its provinces, districts, facilities).
    ///   - region: the region whose zones are reported (`national` for the whole country).
    ///   - includingNational: also report the whole country as a zone.
    /// - Throws: ``InputError`` when the assignment's demand is not villages (people live in
    ///   villages; facilities as demand have no population), or a target has no standard.
    public init(assignment: CoverageAssignment, layers: LayerSet, region: Region, includingNational: Bool = false) throws {
        guard assignment.demand == .villages else {
            throw InputError(
                file: "demand", field: "demand",
                reason: "coverage gaps are counted over villages, but the assignment's demand is \(assignment.demand.rawValue)")
        }
        self.region = region
        self.assignment = assignment
        targets = assignment.targets
        var thresholds: [CareTarget: [CoverageThreshold]] = [:]
        for target in targets { thresholds[target] = try assignment.standards.standard(for: target).thresholds }
        self.thresholds = thresholds

        let zones = CoverageZone.zones(of: region, in: layers, includingNational: includingNational)
        self.zones = zones
        let points = assignment.points

        let memberships = CoverageZone.memberships(of: points, in: zones)
        regionVillages = points.indices.filter { region.contains(districtPcode: points[$0].districtPcode, provincePcode: points[$0].provincePcode) }

        var totals = Array(repeating: PopulationFigures.zero, count: zones.count)
        var villageCounts = Array(repeating: 0, count: zones.count)
        for (point, inZones) in zip(points, memberships) {
            for zone in inZones {
                totals[zone] += point.figures
                villageCounts[zone] += 1
            }
        }

        var covered: [Key: [Bool]] = [:]
        var tallies: [Key: (figures: [PopulationFigures], uncovered: [Int])] = [:]
        for target in targets {
            for threshold in thresholds[target]! {
                let flags = assignment.care(target, judgedBy: threshold).map { $0.isCovered(by: threshold) }
                var figures = Array(repeating: PopulationFigures.zero, count: zones.count)
                var uncovered = Array(repeating: 0, count: zones.count)
                for (position, inZones) in memberships.enumerated() {
                    for zone in inZones {
                        if flags[position] {
                            figures[zone] += points[position].figures
                        } else {
                            uncovered[zone] += 1
                        }
                    }
                }
                covered[Key(target: target, threshold: threshold)] = flags
                tallies[Key(target: target, threshold: threshold)] = (figures, uncovered)
            }
        }
        self.covered = covered

        var rows: [CoverageGapRow] = []
        for (index, zone) in zones.enumerated() {
            for target in targets {
                let inZone = layers.facilities.filter {
                    target.isProvided(by: $0) && zone.contains(districtPcode: $0.districtPcode, provincePcode: $0.provincePcode)
                }
                for threshold in thresholds[target]! {
                    let tally = tallies[Key(target: target, threshold: threshold)]!
                    // A group the zone's total lacks is lacking in the covered part too.
                    var coveredFigures = tally.figures[index]
                    if totals[index].under5 == nil { coveredFigures.under5 = nil }
                    if totals[index].birthsLive == nil { coveredFigures.birthsLive = nil }
                    if totals[index].women15to49 == nil { coveredFigures.women15to49 = nil }
                    rows.append(
                        CoverageGapRow(
                            zone: zone, target: target, threshold: threshold, facilitiesInZone: inZone.count,
                            proxiesInZone: inZone.filter(\.isProxy).count,
                            villagesTotal: villageCounts[index], villagesUncovered: tally.uncovered[index],
                            totalFigures: totals[index], coveredFigures: coveredFigures))
                }
            }
        }
        self.rows = rows
    }

    /// True when the point at `position` (in the assignment's points) is covered for `target`
    /// within `threshold`; false for a threshold or target not evaluated.
    public func isCovered(_ position: Int, target: CareTarget, threshold: CoverageThreshold) -> Bool {
        covered[Key(target: target, threshold: threshold)]?[position] ?? false
    }

    /// ``isCovered(_:target:threshold:)`` for every point of the assignment at once.
    func coveredFlags(target: CareTarget, threshold: CoverageThreshold) -> [Bool] {
        covered[Key(target: target, threshold: threshold)] ?? Array(repeating: false, count: assignment.points.count)
    }

    /// The rows of one zone level, in order.
    public func rows(at level: CoverageZone.Level) -> [CoverageGapRow] {
        rows.filter { $0.zone.level == level }
    }

    /// The row of `zone`, `target` and `threshold`, if evaluated.
    public func row(zone code: String, level: CoverageZone.Level, target: CareTarget, threshold: CoverageThreshold) -> CoverageGapRow? {
        rows.first { $0.zone.code == code && $0.zone.level == level && $0.target == target && $0.threshold == threshold }
    }
}
