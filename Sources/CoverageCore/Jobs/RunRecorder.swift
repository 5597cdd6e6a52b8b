import Foundation
import GeoIO

/// One run of a command, recorded: the steps timed, the inputs with the checksums of the bytes
/// parsed, the outputs written, and `manifest.json` beside them. Every command that writes a
/// folder, and ``ScenarioRun``, goes through it: output folder checked → load → steps → write →
/// manifest → the folder replaced as a whole.
public struct RunRecorder: Sendable {
    /// What has been recorded so far.
    public private(set) var manifest: RunManifest

    /// A recorder for the command line `command` (the arguments after the executable).
    public init(command: [String] = Array(CommandLine.arguments.dropFirst())) {
        manifest = RunManifest(command: command)
    }

    /// Runs `body` as step `name`, adding its time to the step's.
    public mutating func time<Result>(_ name: String, _ body: () throws -> Result) rethrows -> Result {
        try manifest.time(name, body)
    }

    /// Loads and validates the layers of `sources` (step `load`) and records every file read.
    public mutating func loadLayers(_ sources: LayerSources) throws -> LayerSet {
        let layers = try time("load") { try LayerSet.load(sources) }
        manifest.addInputs(of: layers)
        manifest.layerWarnings = RunManifest.LayerWarnings(layers.report)
        if let mapping = sources.mappingFile { manifest.addInput(role: "mapping", mapping) }
        return layers
    }

    /// Records the standards file (when the standards came from one) and how each target's
    /// minutes are measured.
    public mutating func record(_ standards: CoverageStandards) {
        if let source = standards.source { manifest.addInput(role: "standards", source) }
        manifest.travel = standards.travelDescriptions
    }

    /// Reads the friction rasters `standards` measure over (part of step `load`; after the layers,
    /// whose errors come first) and records each.
    public mutating func loadFriction(_ standards: CoverageStandards) throws {
        try time("load") { try standards.loadFriction() }
        for (kind, checksum) in standards.friction.loaded { manifest.addInput(role: "friction_\(kind.rawValue)", checksum) }
    }

    /// Records what the reader of the run's minutes must know.
    public mutating func record(_ notes: TravelNotes) {
        manifest.travelNotes = notes.lines
    }

    /// Records another input file (a scenario, a mapping, candidate sites, an earlier run's file).
    public mutating func record(role: String, _ checksum: FileChecksum) {
        manifest.addInput(role: role, checksum)
    }

    /// The output folder at `path`, checked before any work (see ``StagedFolder``): a run fails
    /// at once, not after its computation, when the folder cannot be written or replaced — a
    /// file, a read-only folder, or a folder holding anything but a previous run
    /// (``RunManifest/refusal(toReplace:)``).
    /// - Throws: ``OutputError`` saying why not.
    public static func outputFolder(_ path: String) throws -> StagedFolder {
        try StagedFolder(path, refusal: RunManifest.refusal(toReplace:))
    }

    /// Writes the outputs (step `write`; `write` returns the names of the files it wrote,
    /// relative to the folder it is given), then `manifest.json` listing them with `parameters`,
    /// `counts` and the number of files, into a staging folder that then replaces `folder` as a
    /// whole: the folder holds exactly what its manifest lists, and nothing changes in it unless
    /// every file is written. With `format` gpkg or both, `coverage.gpkg` holds every layer and
    /// table written (``GeoPackageOutput``); with gpkg, in place of the GeoJSON files.
    /// - Returns: the names written, `manifest.json` last.
    @discardableResult
    public mutating func finish(
        format: LayerFormat = .geojson, in folder: StagedFolder, parameters: [String: String], counts: [String: Int],
        write: (URL) throws -> [String]
    ) throws -> [String] {
        try folder.replace { staging in
            let written = try time("write") { try GeoPackageOutput.apply(format, in: staging, written: try write(staging)) }
            manifest.outputs = written
            manifest.parameters = format == .geojson ? parameters : parameters.merging(["format": format.rawValue]) { mine, _ in mine }
            manifest.counts = counts.merging(["files": written.count]) { mine, _ in mine }
            try manifest.write(to: staging)
            return written + ["manifest.json"]
        }
    }
}
