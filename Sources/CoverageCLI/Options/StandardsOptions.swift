import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// The coverage standards a command applies: a standards file and per-run overrides.
struct StandardsOptions: ParsableArguments {
    @Option(help: "Standards file (YAML; default: the data folder's standards.yaml).")
    var standards: String?

    @Option(
        name: .customLong("max-km"),
        help: ArgumentHelp("Distance limits for every target, km, comma-separated (e.g. 5,10,15); replace the file's.", valueName: "km,…"))
    var maxKilometers: String?

    @Option(
        name: .customLong("max-minutes"),
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
        guard let text else { return nil }
        let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! > 0 && $0!.isFinite }) else {
            throw ValidationError("\(option) \(text): expected numbers > 0 separated by commas, e.g. 5,10,15")
        }
        return values.map { $0! }
    }
}
