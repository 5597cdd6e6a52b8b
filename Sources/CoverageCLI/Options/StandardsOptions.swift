import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// The coverage standards a command applies: a standards file and per-run overrides.
struct StandardsOptions: ParsableArguments {
    @Option(help: "Standards file (YAML; default: the data folder's standards.yaml).")
    var standards: String?

    @Option(name: .customLong("max-km"), help: ArgumentHelp("Distance limits for every target, km, comma-separated (e.g. 5,10,15); replace the file's.", valueName: "km,…"))
    var maxKilometers: String?

    @Option(name: .customLong("max-minutes"), help: ArgumentHelp("Time limits for every target, minutes, comma-separated; replace the file's.", valueName: "minutes,…"))
    var maxMinutes: String?

    func validate() throws {
        _ = try Self.limits(maxKilometers, "--max-km")
        _ = try Self.limits(maxMinutes, "--max-minutes")
    }

    /// The standards to apply, read from `--standards` or `dataDirectory`'s standards.yaml (their
    /// ``CoverageStandards/source`` names the file for the manifest).
    func load(dataDirectory: String?) throws -> CoverageStandards {
        let path = try standards ?? (dataDirectory.map { URL(fileURLWithPath: $0) } ?? DataDirectory.locate())
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

/// Where a command writes its files.
struct OutputOptions: ParsableArguments {
    @Option(help: "Folder to write the outputs to (created if missing; files are replaced atomically).")
    var out: String = "coverage-output"

    /// The output folder, created if missing; a clear error when it cannot be.
    func directory() throws -> URL { try Self.directory(out) }

    /// The folder at `out`, created if missing; a clear error when it cannot be.
    static func directory(_ out: String) throws -> URL {
        let url = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw OutputError(file: out, reason: "the output folder cannot be created: \((error as NSError).localizedDescription)")
        }
        return url
    }
}

/// Which care a command assigns: tiers and services by name.
struct TargetOptions: ParsableArguments {
    @Option(name: .customLong("tier"), help: ArgumentHelp("A tier to assign (repeatable; default: every tier).", valueName: "tier"))
    var tiers: [String] = []

    @Option(name: .customLong("service"), help: ArgumentHelp("A service to assign (repeatable), e.g. rehabilitation.", valueName: "service"))
    var services: [String] = []

    func validate() throws { _ = try targets() }

    /// The targets named; every tier when none is named.
    func targets() throws -> [CareTarget] {
        var result: [CareTarget] = []
        for name in tiers {
            guard let tier = FacilityTier(rawValue: name) else {
                throw ValidationError("--tier \(name): unknown tier (expected \(FacilityTier.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            result.append(.tier(tier))
        }
        for name in services {
            let service = HealthService(rawValue: name)
            guard HealthService.known.contains(service) else {
                throw ValidationError("--service \(name): unknown service (expected \(HealthService.known.map(\.rawValue).joined(separator: ", ")))")
            }
            result.append(.service(service))
        }
        return result.isEmpty ? FacilityTier.allCases.map(CareTarget.tier) : result
    }
}
