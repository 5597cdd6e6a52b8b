import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage capacity`: coverage when every facility can serve only so many people.
struct CapacityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Capacity-limited coverage: who is served when each facility serves at most its capacity, closest villages first.",
        discussion: """
            Every facility serves at most its capacity (the facility layer's capacity field, else the \
            capacity of its tier's or service's standard in the standards file). Village–facility pairs \
            within the threshold are taken nearest first; each moves as many people as the village has \
            unserved and the facility has room for (a village may be shared). With --ignore-capacity \
            the result is plain coverage. Evaluates every threshold of each standard (--max-km and \
            --max-minutes replace them). Writes to --out: capacity_zones.csv (per zone: population \
            within reach, served, unserved beyond reach and over capacity), capacity_facilities.csv and \
            .geojson (capacity, population served, residual capacity), \
            capacity_unserved_villages.geojson and manifest.json.
            """
    )

    @OptionGroup var layers: LayerOptions
    @OptionGroup var standards: StandardsOptions
    @OptionGroup var targets: TargetOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var zones: ZoneOptions

    @Flag(help: "Ignore capacities: every facility serves everyone within reach (plain coverage).")
    var ignoreCapacity = false

    @OptionGroup var workers: ThreadsOption

    func run() throws {
        try reportingErrors {
            let folder = try output.folder()
            var run = RunRecorder()
            let (set, applied) = try run.load(layers, standards)
            let chosenRegion = try set.region(option: zones.region)
            let chosen = try targets.targets()
            let analyses = try run.time("capacity") {
                try chosen.flatMap { target in
                    try applied.standard(for: target).thresholds.map { threshold in
                        try CapacityCoverage(
                            layers: set, standards: applied, target: target, threshold: threshold, region: chosenRegion,
                            ignoringCapacity: ignoreCapacity, includingNational: zones.national, threads: workers.threads)
                    }
                }
            }
            let parameters = [
                "region": chosenRegion.id,
                "national": String(zones.national),
                "ignore_capacity": String(ignoreCapacity),
                "analyses": analyses.map { "\($0.target.name)@\($0.threshold.label)" }.joined(separator: ","),
                "default_capacities": chosen.map { target in
                    "\(target.name)=" + ((try? applied.standard(for: target).capacity).flatMap { $0.map(String.init) } ?? "none")
                }.joined(separator: ","),
                "threads": workers.recorded, "csv_bom": output.csv.recorded,
            ]
            let travel = TravelNotes(standards: applied, targets: chosen)
            run.record(travel)
            try run.finish(
                format: output.format, in: folder, parameters: parameters,
                counts: ["villages": analyses.first?.regionVillages.count ?? 0, "analyses": analyses.count]
            ) {
                try CapacityCoverage.files(analyses, layers: set).write(to: $0, csvByteOrderMark: output.csv.byteOrderMark)
            }
            print(Self.summary(analyses, layers: set, folder: output.out))
            for line in TextFormatting.notes(DataNotes(layers: set, targets: chosen), travel: travel) { print(line) }
        }
    }

    /// Per analysis, a table of the region and its provinces: population, within reach, served
    /// within capacity, unserved over capacity, facilities full.
    static func summary(_ analyses: [CapacityCoverage], layers: LayerSet, folder: String) -> String {
        guard let first = analyses.first else { return "No analyses; wrote \(folder)/." }
        var lines = [
            "Capacity-limited coverage in \(first.region.name) (\(first.region.id))"
                + (first.capacityIgnored ? ", capacity ignored" : "") + "; wrote \(folder)/."
        ]
        for analysis in analyses {
            var table = [["zone", "name", "population", "% within reach", "% served", "unserved over capacity", "facilities full"]]
            let shown =
                CoverageZone.listed(analysis.rows, in: analysis.region, zone: \.zone)
                + analysis.rows.filter { $0.zone.level == .region || $0.zone.level == .national }
            for row in shown {
                func percent(_ part: Int) -> String {
                    row.population > 0 ? TextFormatting.grouped(Double(part) / Double(row.population) * 100, places: 1) : "—"
                }
                table.append([
                    row.zone.code, row.zone.name, row.population.grouped, percent(row.withinReach),
                    percent(row.served), row.unservedOverCapacity.grouped,
                    "\(row.facilitiesFull.grouped) of \(row.facilities.grouped)",
                ])
            }
            lines.append("")
            lines.append("\(analysis.target.label), \(analysis.threshold.phrase):")
            lines.append(TextFormatting.columns(table, rightAligned: [2, 3, 4, 5, 6], ruleBeforeLast: shown.count > 1))
        }
        return lines.joined(separator: "\n")
    }
}
