import ArgumentParser
import CoverageCore

/// Which care a command assigns: tiers and services by name.
struct TargetOptions: ParsableArguments {
    @Option(name: .customLong("tier"), help: ArgumentHelp("A tier to assign (repeatable; default: every tier).", valueName: "tier"))
    var tiers: [String] = []

    @Option(name: .customLong("service"), help: ArgumentHelp("A service to assign (repeatable), e.g. rehabilitation.", valueName: "service"))
    var services: [String] = []

    func validate() throws { _ = try targets() }

    /// The targets named; every tier when none is named.
    func targets() throws -> [CareTarget] {
        let result = try tiers.map(Self.tier) + services.map(Self.service)
        return result.isEmpty ? FacilityTier.allCases.map(CareTarget.tier) : result
    }

    /// The one target of a command taking `--tier T` or `--service S` (not both); nil for neither.
    static func single(tier: String?, service: String?) throws -> CareTarget? {
        switch (tier, service) {
        case (.some, .some): throw ValidationError("give --tier or --service, not both")
        case (let name?, nil): try Self.tier(name)
        case (nil, let name?): try Self.service(name)
        case (nil, nil): nil
        }
    }

    private static func tier(_ name: String) throws -> CareTarget {
        guard let tier = FacilityTier(rawValue: name) else {
            throw ValidationError("--tier \(name): unknown tier (expected \(FacilityTier.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return .tier(tier)
    }

    private static func service(_ name: String) throws -> CareTarget {
        let service = HealthService(rawValue: name)
        guard HealthService.known.contains(service) else {
            throw ValidationError("--service \(name): unknown service (expected \(HealthService.known.map(\.rawValue).joined(separator: ", ")))")
        }
        return .service(service)
    }
}
