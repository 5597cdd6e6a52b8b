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

    @Option(
        help: ArgumentHelp(
            "How every target's minutes are measured: raster (over the friction raster of its mode) or straight (geodesic km × detour ÷ speed); replaces the file's.",
            valueName: "raster|straight"))
    var travel: TravelMeasure?

    @Option(
        help: ArgumentHelp(
            "Friction raster (seconds per metre) for raster travel: FILE for every mode, or walking=FILE / motorized=FILE (repeatable); replaces the file's.",
            valueName: "[kind=]FILE"))
    var friction: [String] = []

    func validate() throws {
        _ = try Self.limits(maxKilometers, "--max-km")
        _ = try Self.limits(maxMinutes, "--max-minutes")
    }

    /// `--friction` by kind: `walking=FILE` or `motorized=FILE` for one kind, any other FILE for every kind.
    func frictionPaths() -> [FrictionKind: String]? {
        guard !friction.isEmpty else { return nil }
        var paths: [FrictionKind: String] = [:]
        for value in friction {
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, let kind = FrictionKind(rawValue: parts[0]) {
                paths[kind] = parts[1]
            } else {
                for kind in FrictionKind.allCases { paths[kind] = value }
            }
        }
        return paths
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
            .overriding(travel: travel, friction: frictionPaths())
    }

    static func limits(_ text: String?, _ option: String) throws -> [Double]? {
        try text.map { try NumberArgument.positiveList($0, option: option) }
    }
}
extension TravelMeasure: ExpressibleByArgument {}
