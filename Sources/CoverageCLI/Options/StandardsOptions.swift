import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// The coverage standards a command applies: a standards file and per-run overrides.
struct StandardsOptions: ParsableArguments {
    @Option(help: "Standards file (YAML; default: the data folder's standards.yaml).")
    var standards: String?

    // Text read by NumberArgument, and `.unconditional` so that `--max-km -5` is a value to refuse plainly.
    @Option(
        name: .customLong("max-km"), parsing: .unconditional,
        help: ArgumentHelp("Distance limits for every target, km, comma-separated (e.g. 5,10,15); replace the file's.", valueName: "km,…"))
    var maxKilometers: String?

    @Option(
        name: .customLong("max-minutes"), parsing: .unconditional,
        help: ArgumentHelp("Time limits for every target, minutes, comma-separated; replace the file's.", valueName: "minutes,…"))
    var maxMinutes: String?

    func validate() throws {
        _ = try Self.limits(maxKilometers, "--max-km")
        _ = try Self.limits(maxMinutes, "--max-minutes")
    }

    /// The standards to apply, read from `--standards` or `dataDirectory`'s standards.yaml (their
    /// ``CoverageStandards/source`` names the file for the manifest).
    func load(dataDirectory: String?) throws -> CoverageStandards {
        let path =
            try standards
            ?? (dataDirectory.map { URL(fileURLWithPath: $0) } ?? DataDirectory.locate())
            .appendingPathComponent(StandardsFile.defaultFileName).path
        return try StandardsFile.read(path: path)
            .overriding(kilometers: Self.limits(maxKilometers, "--max-km"), minutes: Self.limits(maxMinutes, "--max-minutes"))
    }

    static func limits(_ text: String?, _ option: String) throws -> [Double]? {
        try text.map { try NumberArgument.positiveList($0, option: option) }
    }
}
