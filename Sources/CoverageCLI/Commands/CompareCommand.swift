import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage compare A B`: what scenario B changes against scenario A.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs: the people newly covered or lost per zone, target and threshold.",
        discussion: """
            A and B are output folders of `coverage run` (with the gaps output) or `coverage gaps`, over \
            the same village layer and region; A is the base. Writes to --out: comparison.csv (per zone, \
            target and threshold: covered in A and B, newly covered, lost, net change, villages), \
            comparison_districts.geojson (district polygons with those figures), \
            changed_villages.geojson, comparison_map.svg and manifest.json. Every zone's change counted \
            village by village is checked against the two gaps tables.
            """
    )

    @Argument(help: "The base run's output folder.")
    var a: String

    @Argument(help: "The alternative run's output folder.")
    var b: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let folder = try output.folder()
            var run = RunRecorder()
            let comparison = try run.time("compare") {
                try ScenarioComparison(a: URL(fileURLWithPath: a), b: URL(fileURLWithPath: b))
            }
            for input in comparison.inputs { run.record(role: input.role, input.checksum) }
            try run.finish(
                format: output.format, in: folder,
                parameters: [
                    "a": a, "b": b, "label_a": comparison.labelA, "label_b": comparison.labelB, "region": comparison.region,
                    "csv_bom": output.csv.recorded,
                ],
                counts: ["rows": comparison.rows.count, "changed_villages": comparison.changedVillages.count]
            ) {
                try comparison.files().write(to: $0, csvByteOrderMark: output.csv.byteOrderMark)
            }
            print(Self.summary(comparison, folder: output.out))
        }
    }

    /// Per target and threshold, the region's and each province's gains and losses.
    static func summary(_ comparison: ScenarioComparison, folder: String) -> String {
        var lines = [
            "\(comparison.labelB) against \(comparison.labelA) (\(comparison.region)): "
                + "\(TextFormatting.counted(comparison.changedVillages.count, "village")) changed; wrote \(folder)/."
        ]
        for analysis in comparison.analyses {
            let rows = comparison.rows.filter { $0.analysis == analysis && ["national", "region", "province"].contains($0.zoneLevel) }
                .sorted { ($0.zoneLevel == "province" ? 1 : 0, $0.zoneCode) < ($1.zoneLevel == "province" ? 1 : 0, $1.zoneCode) }
            var table = [["zone", "name", "covered A", "covered B", "newly covered", "lost", "net change"]]
            for row in rows.filter({ $0.zoneLevel == "province" }) + rows.filter({ $0.zoneLevel != "province" }) {
                table.append([
                    row.zoneCode, row.zoneName, row.coveredA.grouped, row.coveredB.grouped,
                    row.newlyCovered.grouped, row.lost.grouped,
                    (row.netChange > 0 ? "+" : "") + row.netChange.grouped,
                ])
            }
            lines.append("")
            lines.append("\(analysis.target.replacingOccurrences(of: "_", with: " ")), within \(analysis.threshold):")
            lines.append(TextFormatting.columns(table, rightAligned: [2, 3, 4, 5, 6], ruleBeforeLast: table.count > 2))
        }
        return lines.joined(separator: "\n")
    }
}
