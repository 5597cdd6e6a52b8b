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
    public let capacity: [CapacityCoverage]
    /// Targets left out of the capacity output: neither their standard nor all their facilities give a capacity.
    public let capacitySkipped: [CareTarget]
    /// Everything but the outputs, which ``write(to:)`` records.
    public private(set) var manifest: RunManifest

    /// Runs `scenario`; `command` is recorded in the manifest.
    public init(scenario: Scenario, command: [String], threads: Int? = nil) throws {
        var manifest = RunManifest(command: command)
        let base = try manifest.time("load") { try LayerSet.load(scenario.sources()) }
        let layers = try manifest.time("modify") { try base.applying(scenario.changes, file: scenario.file) }
        let standardsPath = try scenario.resolvedStandardsPath()
        let standards = try StandardsFile.read(path: standardsPath).overriding(kilometers: scenario.maxKilometers, minutes: scenario.maxMinutes)
        let region: Region
        do {
            region = try layers.requireRegion(scenario.region)
        } catch let error as InputError {
            throw InputError(file: scenario.file, field: "region", reason: error.reason, suggestion: error.suggestion)
        }
        for target in scenario.targets { _ = try standards.standard(for: target) }

        if scenario.outputs.contains(.gaps) {
            let assignment = try manifest.time("assign") {
                try CoverageAssignment(layers: layers, standards: standards, targets: scenario.targets, threads: threads)
            }
            gaps = try manifest.time("gaps") { try CoverageGaps(assignment: assignment, layers: layers, region: region) }
            gapAreas = try manifest.time("gap_areas") {
                try GapAreas(layers: layers, region: region, standards: standards, targets: scenario.targets, threads: threads)
            }
        } else {
            gaps = nil
            gapAreas = nil
        }
        // Capacity for the targets that have one (a standard's default, or every facility's own);
        // the others are named in the manifest and the summary, not silently dropped.
        let withCapacity = try scenario.targets.filter { target in
            try scenario.ignoreCapacity || standards.standard(for: target).capacity != nil
                || layers.facilities.allSatisfy { !target.isProvided(by: $0) || $0.capacity != nil }
        }
        capacitySkipped = scenario.outputs.contains(.capacity) ? scenario.targets.filter { !withCapacity.contains($0) } : []
        capacity = scenario.outputs.contains(.capacity) ? try manifest.time("capacity") {
            try withCapacity.flatMap { target in
                try standards.standard(for: target).thresholds.map { threshold in
                    try CapacityCoverage(layers: layers, standards: standards, target: target, threshold: threshold, region: region,
                                         ignoringCapacity: scenario.ignoreCapacity, threads: threads)
                }
            }
        } : []

        manifest.parameters = [
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
        if let description = scenario.description { manifest.parameters["description"] = description }
        for (number, change) in scenario.changes.enumerated() { manifest.parameters["modification_\(number + 1)"] = change.description }
        manifest.counts = ["facilities_before": base.facilities.count, "facilities_after": layers.facilities.count,
                           "villages": gaps?.regionVillages.count ?? capacity.first?.regionVillages.count ?? 0]
        try manifest.addInput(role: "scenario", path: scenario.file)
        try manifest.addInputs(of: layers)
        try manifest.addInput(role: "standards", path: standardsPath)
        if let mapping = scenario.mappingPath { try manifest.addInput(role: "mapping", path: mapping) }

        self.scenario = scenario
        self.layers = layers
        self.standards = standards
        self.region = region
        self.manifest = manifest
    }

    /// The facility layer after the modifications, in the shipped schema (a layer the loader reads).
    public static let facilitiesFile = "scenario_facilities.geojson"

    /// Writes the outputs, the changed facility layer and the manifest into `folder` (which must
    /// exist); returns the names.
    @discardableResult
    public mutating func write(to folder: URL) throws -> [String] {
        let facilities = try layers.facilities.map { facility in
            GeoJSONWriter.Feature(properties: JSONObject([
                ("facility_id", .string(facility.id)), ("name", .string(facility.name)), ("tier", .string(facility.tier.rawValue)),
                ("subtype", .text(facility.subtype?.rawValue)), ("services", .array(facility.services.map { .string($0.rawValue) })),
                ("capacity", .count(facility.capacity)), ("district_pcode", .text(facility.districtPcode)),
                ("province_pcode", .text(facility.provincePcode)), ("source", .text(facility.source)),
            ]), geometry: try .point(facility.location))
        }
        try GeoJSONWriter.write(facilities, to: folder.appendingPathComponent(Self.facilitiesFile).path)
        var written = [Self.facilitiesFile]
        if let gaps, let gapAreas { written += try CoverageGapsFiles.write(gaps: gaps, gapAreas: gapAreas, layers: layers, to: folder) }
        if !capacity.isEmpty { written += try CapacityFiles.write(capacity, layers: layers, to: folder) }
        manifest.outputs = written
        try manifest.write(to: folder)
        return written + ["manifest.json"]
    }
}
