import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage report`: the main job. Every output of assign, gaps and catchments, a map per region
/// and care, and a summary per region.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The main job: coverage of every level of care and rehabilitation, with tables, files and maps.",
        discussion: """
            Assigns every village to its nearest facility of each tier and to rehabilitation, counts the \
            population beyond each standard per district, province and region, maps it, and writes to --out: \
            villages_assigned.geojson/.csv, catchments_<tier>.geojson/.csv, and for the region and (when it \
            is national) each focus region a folder with gaps.csv, zones_districts.geojson, \
            zones_provinces.geojson, uncovered_villages.geojson, gap_areas.geojson, one SVG coverage map per \
            care and, for each care measured over a friction raster, a travel-time map; and manifest.json (tool version, command, parameters, input checksums, counts, timings).
            """
    )

    @OptionGroup var layers: LayerOptions
    @OptionGroup var standards: StandardsOptions
    @OptionGroup var output: OutputOptions

    @Option(
        help:
            "Region to report (national adds a section per focus region): an id from the regions file (national, north, bolikhamxay-khammouane, …), a province or district P-code or name (LA12, Khammouan, Pakxan), or a comma list of them (LA11,Khammouane)."
    )
    var region = "national"

    @OptionGroup var workers: ThreadsOption

    func run() throws {
        try reportingErrors {
            let folder = try output.folder()
            var run = RunRecorder()
            let (set, applied) = try run.load(layers, standards)
            let chosen = try set.region(option: region)
            let report = try CoverageReport(layers: set, standards: applied, region: chosen, threads: workers.threads) { step, body in
                try run.time(step, body)
            }
            let travel = TravelNotes(report.assignment, facilities: set.facilities)
            run.record(travel)
            let parameters = [
                "region": chosen.id,
                "sections": report.sections.map(\.region.id).joined(separator: ","),
                "targets": report.assignment.targets.map(\.name).joined(separator: ","),
                "thresholds": report.assignment.targets.map { target in
                    "\(target.name)=" + ((try? applied.standard(for: target).thresholds.map(\.label).joined(separator: "|")) ?? "")
                }.joined(separator: ","),
                "threads": workers.recorded, "csv_bom": output.csv.recorded,
            ]
            try run.finish(
                format: output.format, in: folder, parameters: parameters,
                counts: [
                    "villages": report.assignment.points.count, "facilities": set.facilities.count,
                    "districts": set.districts.count,
                ]
            ) {
                try report.write(to: $0, layers: set, threads: workers.threads, csvByteOrderMark: output.csv.byteOrderMark)
            }
            print(Self.summary(report, layers: set, travel: travel, folder: output.out))
        }
    }

    /// Per section, per care and limit: the population and the villages beyond it.
    static func summary(_ report: CoverageReport, layers: LayerSet, travel: TravelNotes, folder: String) -> String {
        var lines = TextFormatting.notes(DataNotes(layers: layers, targets: report.assignment.targets), travel: travel)
        for section in report.sections {
            let gaps = section.gaps
            var table = [["care", "limit", "population beyond", "% covered", "under 5 beyond", "villages beyond"]]
            for target in gaps.targets {
                for threshold in gaps.thresholds[target] ?? [] {
                    let level: CoverageZone.Level = section.region.id == "national" ? .national : .region
                    guard let row = gaps.row(zone: section.region.id, level: level, target: target, threshold: threshold) else { continue }
                    let people = row.coverage(of: .population), children = row.coverage(of: .under5)
                    table.append([
                        target.label, threshold.phrase,
                        people.uncoveredCount.map(\.grouped) ?? "—",
                        people.percentCovered.map { TextFormatting.grouped($0, places: 1) } ?? "—",
                        children.uncoveredCount.map(\.grouped) ?? "—",
                        "\(row.villagesUncovered.grouped) of \(row.villagesTotal.grouped)",
                    ])
                }
            }
            lines.append("")
            lines.append(
                "\(section.region.name): \(TextFormatting.counted(gaps.regionVillages.count, "village")), "
                    + "\((gaps.regionVillages.reduce(0) { $0 + report.assignment.points[$1].figures.population }).grouped) people")
            lines.append(TextFormatting.columns(table, rightAligned: [2, 3, 4, 5]))
        }
        lines.append("")
        lines.append("Wrote \(folder)/: the assignment, catchments, and per region gaps, gap areas and maps (manifest.json lists them).")
        return lines.joined(separator: "\n")
    }
}
