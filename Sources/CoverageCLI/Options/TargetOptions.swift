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
