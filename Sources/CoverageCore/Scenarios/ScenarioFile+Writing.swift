import GeoIO

extension ScenarioFile {
    /// `scenario` as the YAML a scenario file holds, which ``read(path:)`` reads back to the same
    /// scenario and `coverage run` runs: name, description, data folder, region, targets, limits,
    /// travel, modifications and outputs (layer replacements, mappings and an output folder are not
    /// written: the web page that asks for this text makes none). Every text is a double-quoted
    /// YAML string with every character YAML does not take as printable escaped, so no name can
    /// break the file.
    public static func text(_ scenario: Scenario) -> String {
        func number(_ value: Double) -> String { CoverageThreshold.number(value) }
        var lines = ["# A what-if scenario for `coverage run` (written by coverage serve)."]
        lines.append("name: " + yamlQuoted(scenario.name))
        if let description = scenario.description { lines.append("description: " + yamlQuoted(description)) }
        if let data = scenario.dataDirectory { lines.append("data: " + yamlQuoted(data)) }
        lines.append("region: " + yamlQuoted(scenario.region))
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
            for change in scenario.changes { lines.append("  - " + modification(change.action)) }
        }
        lines.append("outputs: [" + scenario.outputs.map(\.rawValue).joined(separator: ", ") + "]")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` as a YAML double-quoted scalar: `"` and `\\` escaped, and every character outside YAML's
    /// printable set (the C0 and C1 controls, DEL, U+FEFF, U+FFFE, U+FFFF) as `\\uXXXX`. A tab or a
    /// line break is escaped too, so that the scalar stays on one line.
    static func yamlQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x1_0000...0x10_FFFF: result.unicodeScalars.append(scalar)
            default: result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            }
        }
        return result + "\""
    }

    private static func modification(_ action: FacilityChange.Action) -> String {
        func services(_ list: [HealthService]) -> String { "[" + list.map(\.rawValue).joined(separator: ", ") + "]" }
        switch action {
        case .add(let id, let name, let tier, let list, let capacity, let place):
            var fields = ["id: " + yamlQuoted(id)]
            if let name { fields.append("name: " + yamlQuoted(name)) }
            fields.append("tier: \(tier.rawValue)")
            switch place {
            case .point(let point):
                fields.append("lon: \(point.lon)")
                fields.append("lat: \(point.lat)")
            case .village(let code): fields.append("village: " + yamlQuoted(code))
            }
            if !list.isEmpty { fields.append("services: " + services(list)) }
            if let capacity { fields.append("capacity: \(capacity)") }
            return "add_facility: {" + fields.joined(separator: ", ") + "}"
        case .close(let id):
            return "close_facility: " + yamlQuoted(id)
        case .upgrade(let id, let tier, let list, let capacity):
            var fields = ["id: " + yamlQuoted(id), "to: \(tier.rawValue)"]
            if !list.isEmpty { fields.append("services: " + services(list)) }
            if let capacity { fields.append("capacity: \(capacity)") }
            return "upgrade_facility: {" + fields.joined(separator: ", ") + "}"
        case .addService(let id, let service):
            return "add_service: {id: " + yamlQuoted(id) + ", service: \(service.rawValue)}"
        case .setCapacity(let id, let capacity):
            return "set_capacity: {id: " + yamlQuoted(id) + ", capacity: \(capacity)}"
        }
    }
}
