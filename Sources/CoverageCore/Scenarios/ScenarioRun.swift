import Foundation
import GeoIO

/// A scenario, run: its layers loaded and changed, its standards applied, and the outputs it asks
/// for computed (coverage gaps with their gap areas, and/or capacity-limited coverage), with a
/// manifest recording every parameter, every change and every input's checksum.
public struct ScenarioRun: Sendable {
    public let scenario: Scenario
    /// The layers with the scenario's changes made.
    public let layers: LayerSet
    public let standards: CoverageStandards
    public let region: Region
    public let gaps: CoverageGaps?
    public let gapAreas: GapAreas?
    /// How the minutes of the gaps were measured, nil without gaps.
    public let travelNotes: TravelNotes?
    public let capacity: [CapacityCoverage]
    /// Targets left out of the capacity output: neither their standard nor all their facilities give a capacity.
    public let capacitySkipped: [CareTarget]
    /// The run so far: the steps timed and the inputs read; ``write(to:)`` adds the outputs.
    public private(set) var recorder: RunRecorder
    /// Every parameter and modification, for the manifest.
    public let parameters: [String: String]
    /// The counts of the run, for the manifest.
    public let counts: [String: Int]

    /// Runs `scenario`; `command` is recorded in the manifest.
    public init(scenario: Scenario, command: [String], threads: Int? = nil) throws {
        var recorder = RunRecorder(command: command)
        if let source = scenario.source { recorder.record(role: "scenario", source) }
        let standards = try StandardsFile.read(path: scenario.resolvedStandardsPath())
            .overriding(kilometers: scenario.maxKilometers, minutes: scenario.maxMinutes)
            .overriding(travel: scenario.travel, friction: scenario.frictionPaths)
        recorder.record(standards)
        var sources = try scenario.sources()
        sources.careModel = standards.careModel
        let base = try recorder.loadLayers(sources)
        try recorder.loadFriction(standards)
        let layers = try recorder.time("modify") { try base.applying(scenario.changes, file: scenario.file) }
        let region: Region
        do {
            region = try layers.region(named: scenario.region).region
        } catch let lookup as QueryLookupError {
            // The closest place as a hint when it is close enough to be a typo.
            let closest = lookup.candidates.first.flatMap { candidate in
                lookup.kind == .unknown && ClosestName.suggestion(for: lookup.query, among: [candidate.id, candidate.name]) != nil
                    ? "did you mean \(candidate.id)?" : nil
            }
            throw InputError(file: scenario.file, field: "region", reason: lookup.description, suggestion: closest)
        }
        for target in scenario.targets { _ = try standards.standard(for: target) }

        if scenario.outputs.contains(.gaps) {
            let assignment = try recorder.time("assign") {
                try CoverageAssignment(layers: layers, standards: standards, targets: scenario.targets, threads: threads)
            }
            travelNotes = TravelNotes(assignment, facilities: layers.facilities)
            recorder.record(travelNotes!)
            gaps = try recorder.time("gaps") { try CoverageGaps(assignment: assignment, layers: layers, region: region) }
            gapAreas = try recorder.time("gap_areas") {
                try GapAreas(
                    layers: layers, region: region, standards: standards, targets: scenario.targets, travelMinutes: assignment.travelMinutes,
                    threads: threads)
            }
        } else {
            gaps = nil
            gapAreas = nil
            travelNotes = nil
        }
        // Capacity for the targets that have one (a standard's default, or every facility's own);
        // the others are named in the manifest and the summary, not silently dropped.
        let withCapacity = try scenario.targets.filter { target in
            try scenario.ignoreCapacity || standards.standard(for: target).capacity != nil
                || layers.facilities.allSatisfy { !target.isProvided(by: $0) || $0.capacity != nil }
        }
        capacitySkipped = scenario.outputs.contains(.capacity) ? scenario.targets.filter { !withCapacity.contains($0) } : []
        capacity =
            scenario.outputs.contains(.capacity)
            ? try recorder.time("capacity") {
                try withCapacity.flatMap { target in
                    try standards.standard(for: target).thresholds.map { threshold in
                        try CapacityCoverage(
                            layers: layers, standards: standards, target: target, threshold: threshold, region: region,
                            ignoringCapacity: scenario.ignoreCapacity, threads: threads)
                    }
                }
            } : []

        var parameters = [
            "scenario": scenario.name,
            "scenario_file": scenario.file,
            "region": region.id,
            "targets": scenario.targets.map(\.name).joined(separator: ","),
            "thresholds": try scenario.targets.map { "\($0.name)=" + (try standards.standard(for: $0).thresholds.map(\.label).joined(separator: "|")) }
                .joined(separator: ","),
            "outputs": scenario.outputs.map(\.rawValue).joined(separator: ","),
            "ignore_capacity": String(scenario.ignoreCapacity),
            "capacity_skipped": capacitySkipped.map(\.name).joined(separator: ","),
            "modifications": String(scenario.changes.count),
            "threads": threads.map(String.init) ?? "all cores",
        ]
        if let description = scenario.description { parameters["description"] = description }
        for (number, change) in scenario.changes.enumerated() { parameters["modification_\(number + 1)"] = change.description }
        self.parameters = parameters
        counts = [
            "facilities_before": base.facilities.count, "facilities_after": layers.facilities.count,
            "villages": gaps?.regionVillages.count ?? capacity.first?.regionVillages.count ?? 0,
        ]

        self.scenario = scenario
        self.layers = layers
        self.standards = standards
        self.region = region
        self.recorder = recorder
    }

    /// The facility layer after the modifications, in the shipped schema (a layer the loader reads).
    public static let facilitiesFile = "scenario_facilities.geojson"

    /// The files: the changed facility layer, then the outputs the scenario asks for.
    /// - Throws: ``NonFiniteNumberError`` when a value cannot be written.
    public func files() throws -> [OutputFile] {
        var files = [
            try OutputFile.geoJSON(
                Self.facilitiesFile,
                layers.facilities.map {
                    GeoJSONWriter.Feature(properties: JSONObject(LayerSchema.properties(LayerSchema.FacilityRecord($0))), geometry: .point($0.location))
                })
        ]
        if let gaps, let gapAreas { files += try gaps.files(gapAreas: gapAreas, layers: layers) }
        if !capacity.isEmpty { files += try CapacityCoverage.files(capacity, layers: layers) }
        return files
    }

    /// Writes the files and the manifest, replacing `folder` as a whole (see
    /// ``RunRecorder/finish(in:parameters:counts:write:)``); returns the names. With
    /// `csvByteOrderMark`, every CSV table starts with the UTF-8 byte-order mark; `format` says how
    /// the layers are written.
    @discardableResult
    public mutating func write(to folder: StagedFolder, csvByteOrderMark: Bool = false, format: LayerFormat = .geojson) throws -> [String] {
        let files = try files()
        return try recorder.finish(format: format, in: folder, parameters: parameters.merging(["csv_bom": String(csvByteOrderMark)]) { $1 }, counts: counts) {
            try files.write(to: $0, csvByteOrderMark: csvByteOrderMark)
        }
    }
}
