import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage run SCENARIO`: a what-if run from a scenario file.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario file: layers, region, standards, changes to the facilities, outputs.",
        discussion: """
            The scenario file (YAML) names the layers and field mappings, the region, the standards and \
            limits, the care evaluated, the modifications to make to the facilities (add_facility at a \
            point or a village, close_facility, upgrade_facility, add_service, set_capacity) and the \
            outputs (gaps, capacity). Paths in it are relative to the file. Writes the outputs of \
            `coverage gaps` and/or `coverage capacity` and manifest.json (every parameter, every \
            modification, the SHA-256 of every input including the scenario) to --out, else to the \
            file's `out`. Compare two runs with `coverage compare`. See the README for the format.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "Folder to write the outputs to (default: the scenario's out; made if missing, replaced as a whole once the run is complete).")
    var out: String?

    @OptionGroup var workers: ThreadsOption
    @OptionGroup var csv: CSVOption
    @OptionGroup var layerFormat: LayerFormatOption

    func run() throws {
        try reportingErrors {
            // An --out given is checked before the scenario is read; the scenario's own after.
            let given = try out.map(RunRecorder.outputFolder)
            let read = try ScenarioFile.read(path: scenario)
            guard let folderPath = out ?? read.out else {
                throw ValidationError("\(scenario) names no out folder: give --out FOLDER")
            }
            let folder = try given ?? RunRecorder.outputFolder(folderPath)
            var result = try ScenarioRun(scenario: read, command: Array(CommandLine.arguments.dropFirst()), threads: workers.threads)
            printLayerWarnings(result.layers.report)
            let written = try result.write(to: folder, csvByteOrderMark: csv.byteOrderMark, format: layerFormat.format)
            print(Self.summary(result, written: written, folder: folderPath))
            for line in TextFormatting.notes(DataNotes(layers: result.layers, targets: result.scenario.targets), travel: result.travelNotes) {
                print(line)
            }
        }
    }

    /// The scenario, its changes, and per target its primary threshold's coverage of the region.
    static func summary(_ run: ScenarioRun, written: [String], folder: String) -> String {
        var lines = [
            "Scenario \(run.scenario.name) (\(run.region.name)): \(TextFormatting.counted(run.scenario.changes.count, "modification")), "
                + "\(run.layers.facilities.count.grouped) facilities; wrote \(written.count) files to \(folder)/."
        ]
        for change in run.scenario.changes { lines.append("  \(change)") }
        if let gaps = run.gaps {
            for target in gaps.targets {
                for threshold in gaps.thresholds[target]! {
                    guard
                        let row = gaps.row(
                            zone: run.region.id, level: run.region.id == "national" ? .national : .region,
                            target: target, threshold: threshold)
                    else { continue }
                    let population = row.coverage(of: .population)
                    lines.append(
                        "\(target.label), \(threshold.phrase): \((population.coveredCount ?? 0).grouped) of "
                            + "\((population.totalCount ?? 0).grouped) people covered"
                            + (population.percentCovered.map { " (\(TextFormatting.grouped($0, places: 1)) %)" } ?? ""))
                }
            }
        }
        for analysis in run.capacity {
            let row = analysis.regionRow
            lines.append(
                "\(analysis.target.label), \(analysis.threshold.phrase), within capacity: \(row.served.grouped) of "
                    + "\(row.population.grouped) people served, \(row.unservedOverCapacity.grouped) over capacity")
        }
        if !run.capacitySkipped.isEmpty {
            lines.append(
                "No capacity output for \(run.capacitySkipped.map(\.name).joined(separator: ", ")): "
                    + "neither the standards nor the facilities give a capacity.")
        }
        return lines.joined(separator: "\n")
    }
}
