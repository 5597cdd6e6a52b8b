import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage assign`: every village's (or facility's) nearest facility per tier or service, its
/// administrative facility, and its referral chain.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign every village to its facilities: nearest per tier or service, administrative, and the referral chain.",
        discussion: """
            Writes <demand>_assigned.geojson and .csv to --out: per target the nearest facility providing it \
            (geodesic distance on WGS 84, travel time by the standards' travel model), whether it lies outside \
            the point's district or province, and per tier the facility its units refer it to (health centre \
            in its district, district hospital of its district, provincial hospital of its province or else \
            the central hospital); for villages the referral chain health centre → district hospital → \
            provincial hospital with each hop's distance and time. Unreachable care is null.
            """
    )

    @OptionGroup var layers: LayerOptions
    @OptionGroup var standards: StandardsOptions
    @OptionGroup var targets: TargetOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "What demands care: villages, or facilities (e.g. each facility's distance to its maintenance workshop).")
    var demand: DemandKind = .villages

    @OptionGroup var workers: ThreadsOption

    func run() throws {
        try reportingErrors {
            let folder = try output.folder()
            var run = RunRecorder()
            let (set, applied) = try run.load(layers, standards)
            let chosen = try targets.targets()
            let assignment = try run.time("assign") {
                try CoverageAssignment(layers: set, standards: applied, targets: chosen, demand: demand, threads: workers.threads)
            }
            let travel = TravelNotes(assignment, facilities: set.facilities)
            run.record(travel)
            try run.finish(
                format: output.format, in: folder,
                parameters: [
                    "demand": demand.rawValue, "targets": chosen.map(\.name).joined(separator: ","), "threads": workers.recorded,
                    "csv_bom": output.csv.recorded,
                ],
                counts: [demand.rawValue: assignment.points.count]
            ) {
                try assignment.files(facilities: set.facilities).write(to: $0, csvByteOrderMark: output.csv.byteOrderMark)
            }
            print(Self.summary(assignment, facilities: set.facilities, wrote: folder.url.appendingPathComponent(assignment.fileStem).path))
            for line in TextFormatting.notes(DataNotes(layers: set, targets: chosen), travel: travel) { print(line) }
        }
    }

    static func summary(_ assignment: CoverageAssignment, facilities: [Facility], wrote base: String) -> String {
        var lines = [
            "Assigned \(TextFormatting.counted(assignment.points.count, assignment.demand.noun, plural: assignment.demand == .villages ? "villages" : "facilities")); wrote \(base).geojson and .csv."
        ]
        var table = [["care", "reachable", "median km", "max km", "median min", "outside district"]]
        for target in assignment.targets {
            let found = assignment.nearest(target)
            let distances = found.compactMap(\.distanceMeters).sorted()
            let minutes = found.compactMap(\.minutes).sorted()
            let outside = zip(assignment.points, found).filter { point, care in
                care.facility.map { facilities[$0].districtPcode != point.districtPcode } ?? false
            }.count
            table.append([
                target.label, distances.count.grouped,
                distances.isEmpty ? "—" : TextFormatting.grouped(distances[distances.count / 2] / 1_000, places: 1),
                distances.last.map { TextFormatting.grouped($0 / 1_000, places: 1) } ?? "—",
                minutes.isEmpty ? "—" : TextFormatting.grouped(minutes[minutes.count / 2], places: 0),
                outside.grouped,
            ])
        }
        lines.append(TextFormatting.columns(table, rightAligned: Set(1..<6)))
        return lines.joined(separator: "\n")
    }
}

extension DemandKind: ExpressibleByArgument {}
