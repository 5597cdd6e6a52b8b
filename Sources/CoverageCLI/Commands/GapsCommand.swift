import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage gaps`: per zone, target and threshold, who is beyond reach of care, and where.
struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Count the villages and people beyond reach of care per district, province and region, and map the gaps.",
        discussion: """
            A village is covered when its nearest facility providing the tier or service is within the \
            threshold (inclusive; geodesic km, or minutes by the standard's travel mode); a village with \
            no such facility anywhere is uncovered. Every threshold of each standard is evaluated \
            (--max-km and --max-minutes replace them for every target). Writes to --out: gaps.csv (one \
            row per zone × target × threshold, with the population and the under-5, live-birth and \
            women 15–49 groups), zones_districts.geojson and zones_provinces.geojson (zone polygons with \
            the figures), uncovered_villages.geojson, gap_areas.geojson (each district's area beyond the \
            threshold: the district minus geodesic circles around the facilities) and manifest.json. \
            Zones with no facility of a target are reported, not dropped.
            """
    )

    @OptionGroup var layers: LayerOptions
    @OptionGroup var standards: StandardsOptions
    @OptionGroup var targets: TargetOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var zones: ZoneOptions

    @OptionGroup var workers: ThreadsOption

    func run() throws {
        try reportingErrors {
            let folder = try output.folder()
            var run = RunRecorder()
            let (set, applied) = try run.load(layers, standards)
            let chosenRegion = try set.region(option: zones.region)
            let chosen = try targets.targets()
            let assignment = try run.time("assign") {
                try CoverageAssignment(layers: set, standards: applied, targets: chosen, demand: .villages, threads: workers.threads)
            }
            let travel = TravelNotes(assignment, facilities: set.facilities)
            run.record(travel)
            let gaps = try run.time("gaps") {
                try CoverageGaps(assignment: assignment, layers: set, region: chosenRegion, includingNational: zones.national)
            }
            let areas = try run.time("gap_areas") {
                try GapAreas(
                    layers: set, region: chosenRegion, standards: applied, targets: chosen, travelMinutes: assignment.travelMinutes,
                    threads: workers.threads)
            }
            let parameters = [
                "region": chosenRegion.id,
                "national": String(zones.national),
                "targets": gaps.targets.map(\.name).joined(separator: ","),
                "thresholds": gaps.targets.map { "\($0.name)=" + gaps.thresholds[$0]!.map(\.label).joined(separator: "|") }.joined(separator: ","),
                "circle_vertices": String(areas.circleVertices),
                "threads": workers.recorded, "csv_bom": output.csv.recorded,
            ]
            let counts = [
                "villages": gaps.regionVillages.count,
                "zones": gaps.zones.count,
                "gap_rows": gaps.rows.count,
                "gap_areas": areas.areas.count,
                "uncovered_villages": gaps.uncoveredVillagePositions().count,
            ]
            try run.finish(format: output.format, in: folder, parameters: parameters, counts: counts) {
                try gaps.files(gapAreas: areas, layers: set).write(to: $0, csvByteOrderMark: output.csv.byteOrderMark)
            }
            print(Self.summary(gaps, folder: output.out))
            for line in TextFormatting.notes(DataNotes(layers: set, targets: chosen), travel: travel) { print(line) }
        }
    }

    /// Per target and threshold, a table of the region and each of its provinces (villages
    /// uncovered, population uncovered, percent covered), then how many zones have no facility of
    /// each target.
    static func summary(_ gaps: CoverageGaps, folder: String) -> String {
        var lines = [
            "Coverage gaps in \(gaps.region.name) (\(gaps.region.id)): "
                + "\(TextFormatting.counted(gaps.regionVillages.count, "village")), "
                + "\(TextFormatting.counted(gaps.zones.filter { $0.level == .province }.count, "province")), "
                + "\(TextFormatting.counted(gaps.zones.filter { $0.level == .district }.count, "district")); wrote \(folder)/."
        ]
        let wide: Set<CoverageZone.Level> = [.national, .region]
        for target in gaps.targets {
            for threshold in gaps.thresholds[target]! {
                let rows = gaps.rows.filter { $0.target == target && $0.threshold == threshold }
                let provinces = CoverageZone.listed(rows, in: gaps.region, zone: \.zone)
                let totals = rows.filter { $0.zone.level == .region } + rows.filter { $0.zone.level == .national }
                var table = [["zone", "name", "villages uncovered", "population uncovered", "% covered"]]
                for row in provinces + totals {
                    let population = row.coverage(of: .population)
                    table.append([
                        row.zone.code, row.zone.name + (row.hasFacility ? "" : " (none)"),
                        "\(row.villagesUncovered.grouped) of \(row.villagesTotal.grouped)",
                        population.uncoveredCount.map(\.grouped) ?? "—",
                        population.percentCovered.map { TextFormatting.grouped($0, places: 1) } ?? "—",
                    ])
                }
                lines.append("")
                lines.append("\(target.label), \(threshold.phrase):")
                lines.append(TextFormatting.columns(table, rightAligned: [2, 3, 4], ruleBeforeLast: !provinces.isEmpty && totals.count == 1))
            }
        }
        lines.append("")
        lines.append("Zones with no facility providing the care (reported, marked \"(none)\" above):")
        for target in gaps.targets {
            let firstThreshold = gaps.thresholds[target]!.first!
            let without = gaps.rows.filter { $0.target == target && $0.threshold == firstThreshold && !$0.hasFacility }
            let districts = without.filter { $0.zone.level == .district }.count
            let provinces = without.filter { $0.zone.level == .province }.count
            let wideZones = without.filter { wide.contains($0.zone.level) }.count
            var parts = [
                "\(TextFormatting.counted(districts, "district")) of \(gaps.zones.filter { $0.level == .district }.count)",
                "\(TextFormatting.counted(provinces, "province")) of \(gaps.zones.filter { $0.level == .province }.count)",
            ]
            if wideZones > 0 { parts.append("the whole region") }
            lines.append("  \(target.label): \(parts.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }
}
