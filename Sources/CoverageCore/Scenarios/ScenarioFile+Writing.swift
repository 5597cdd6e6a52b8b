import GeoIO

extension ScenarioFile {
    /// `scenario` as the YAML a scenario file holds, which ``read(path:)`` reads back to the same
    /// scenario and `coverage run` runs: name, description, data folder, region, targets, limits,
    /// travel, modifications and outputs (layer replacements, mappings and an output folder are not
    /// written: the web page that asks for this text makes none). Every text is a double-quoted
    /// YAML string (JSON's escapes), so no name can break the file.
    public static func text(_ scenario: Scenario) throws -> String {
        func quoted(_ text: String) throws -> String { try JSONValue.string(text).jsonText() }
        func number(_ value: Double) -> String { CoverageThreshold.number(value) }
        var lines = ["# A what-if scenario for `coverage run` (written by coverage serve)."]
        lines.append("name: " + (try quoted(scenario.name)))
        if let description = scenario.description { lines.append("description: " + (try quoted(description))) }
        if let data = scenario.dataDirectory { lines.append("data: " + (try quoted(data))) }
        lines.append("region: " + (try quoted(scenario.region)))
        lines.append("targets: [" + scenario.targets.map(\.name).joined(separator: ", ") + "]")
        if scenario.maxKilometers != nil || scenario.maxMinutes != nil {
            var limits: [String] = []
            if let km = scenario.maxKilometers { limits.append("max_km: [" + km.map(number).joined(separator: ", ") + "]") }
            if let minutes = scenario.maxMinutes { limits.append("max_minutes: [" + minutes.map(number).joined(separator: ", ") + "]") }
            lines.append("limits: {" + limits.joined(separator: ", ") + "}")
        }
        if let travel = scenario.travel { lines.append("travel: \(travel.rawValue)") }
        if !scenario.changes.isEmpty {
            lines.append("modifications:")
            for change in scenario.changes { lines.append("  - " + (try modification(change.action, quoted))) }
        }
        lines.append("outputs: [" + scenario.outputs.map(\.rawValue).joined(separator: ", ") + "]")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func modification(_ action: FacilityChange.Action, _ quoted: (String) throws -> String) throws -> String {
        func services(_ list: [HealthService]) -> String { "[" + list.map(\.rawValue).joined(separator: ", ") + "]" }
        switch action {
        case .add(let id, let name, let tier, let list, let capacity, let place):
            var fields = ["id: " + (try quoted(id))]
            if let name { fields.append("name: " + (try quoted(name))) }
            fields.append("tier: \(tier.rawValue)")
            switch place {
            case .point(let point):
                fields.append("lon: \(point.lon)")
                fields.append("lat: \(point.lat)")
            case .village(let code): fields.append("village: " + (try quoted(code)))
            }
            if !list.isEmpty { fields.append("services: " + services(list)) }
            if let capacity { fields.append("capacity: \(capacity)") }
            return "add_facility: {" + fields.joined(separator: ", ") + "}"
        case .close(let id):
            return "close_facility: " + (try quoted(id))
        case .upgrade(let id, let tier, let list, let capacity):
            var fields = ["id: " + (try quoted(id)), "to: \(tier.rawValue)"]
            if !list.isEmpty { fields.append("services: " + services(list)) }
            if let capacity { fields.append("capacity: \(capacity)") }
            return "upgrade_facility: {" + fields.joined(separator: ", ") + "}"
        case .addService(let id, let service):
            return "add_service: {id: " + (try quoted(id)) + ", service: \(service.rawValue)}"
        case .setCapacity(let id, let capacity):
            return "set_capacity: {id: " + (try quoted(id)) + ", capacity: \(capacity)}"
        }
    }
}
