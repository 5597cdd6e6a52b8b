import Foundation
import GeoIO

/// What a run did, written as `manifest.json` beside its outputs: the tool and its version, the
/// command line, every parameter, every input file with its SHA-256, the counts it produced, the
/// files it wrote and how long each step took, so that a result can be traced and repeated.
public struct RunManifest: Encodable, Sendable {
    /// An input file with its checksum.
    public struct Input: Encodable, Sendable, Equatable {
        public let role: String
        public let path: String
        public let bytes: Int
        public let sha256: String
    }

    public let tool = "coverage"
    public let version = ToolVersion.current
    /// The command line as run (arguments after the executable).
    public let command: [String]
    public var parameters: [String: String] = [:]
    public var inputs: [Input] = []
    public var counts: [String: Int] = [:]
    /// File names written, relative to the output folder, in order.
    public var outputs: [String] = []
    /// Seconds per step.
    public var timings: [String: Double] = [:]
    /// How each care target's minutes were measured (straight-line model or friction raster), by
    /// target name; nil for a run without standards.
    public var travel: [String: String]?
    /// What the reader of its minutes must know (``TravelNotes``); nil for a run that measured none.
    public var travelNotes: [String]?
    /// The warnings of the layers the run loaded; nil when it loaded none.
    public var layerWarnings: LayerWarnings?

    /// How many warnings the layers have (a loaded set has no errors), by code, and the worst
    /// (``ValidationReport/worstWarning``): what a result rests on that its inputs got wrong.
    public struct LayerWarnings: Encodable, Sendable, Equatable {
        public let count: Int
        public let byCode: [String: Int]
        public let worst: String?

        public init(_ report: ValidationReport) {
            count = report.warnings.count
            byCode = report.counts(.warning)
            worst = report.worstWarning?.description
        }
    }

    public init(command: [String]) {
        self.command = command
    }

    /// Records an input file by the checksum of the bytes the run parsed (never by reading it
    /// again: the file may have changed since).
    public mutating func addInput(role: String, _ checksum: FileChecksum) {
        inputs.append(Input(role: role, path: checksum.path, bytes: checksum.byteCount, sha256: checksum.sha256))
    }

    /// Records every file a layer set was read from (layers and regions).
    public mutating func addInputs(of layers: LayerSet) {
        for layer in layers.inputs { addInput(role: layer.kind, layer.checksum) }
    }

    /// Times `body` as step `name`.
    public mutating func time<Result>(_ name: String, _ body: () throws -> Result) rethrows -> Result {
        let start = Date()
        defer { timings[name] = (timings[name] ?? 0) + Date().timeIntervalSince(start) }
        return try body()
    }

    /// Writes the manifest as pretty JSON (keys sorted) to `manifest.json` in `folder`, atomically.
    public func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try AtomicFile.write(Array(try encoder.encode(self)) + [0x0A], to: folder.appendingPathComponent("manifest.json").path)
    }
}
