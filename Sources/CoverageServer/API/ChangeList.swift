import CoverageCore
import GeoIO
import GeometryKit

/// The facility changes of a what-if, as the page sends them in `changes`: a list of
/// `{"action": "add", "id", "name"?, "tier", "lon", "lat" | "village", "services"?}`,
/// `{"action": "close", "id"}` or `{"action": "upgrade", "id", "to", "services"?}`. Each becomes
/// the ``FacilityChange`` a scenario file's modification would, numbered from 1 so that an error
/// names `changes[i]`.
enum ChangeList {
    static func parse(_ value: JSONValue?) throws(APIError) -> [FacilityChange] {
        guard let value, !value.isNull else { return [] }
        guard let list = value.arrayValue else { throw APIError(400, "changes must be a list, not \(value.typeName)") }
        guard list.count <= APILimits.changes else { throw APIError(400, "changes: at most \(APILimits.changes) changes in one what-if, not \(list.count)") }
        var changes: [FacilityChange] = []
        for (index, item) in list.enumerated() {
            changes.append(FacilityChange(try action(item, "changes[\(index)]"), line: index + 1, column: 1))
        }
        return changes
    }

    private static func action(_ item: JSONValue, _ name: String) throws(APIError) -> FacilityChange.Action {
        guard let object = item.objectValue else { throw APIError(400, "\(name) must be an object, not \(item.typeName)") }
        func text(_ key: String, required: Bool = true) throws(APIError) -> String? {
            switch object[key] {
            case .string(let text)? where !text.isEmpty && text.count <= 200: return text
            case nil, .null?: if required { throw APIError(400, "\(name).\(key) is missing") } else { return nil }
            case let other?: throw APIError(400, "\(name).\(key) must be a text of 1 to 200 characters, not \(other.brief)")
            }
        }
        func tier(_ key: String) throws(APIError) -> FacilityTier {
            let value = try text(key)!
            guard let tier = FacilityTier(rawValue: value) else {
                throw APIError(400, "\(name).\(key) \"\(value)\" is not a tier (expected \(FacilityTier.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return tier
        }
        func services() throws(APIError) -> [HealthService] {
            guard let value = object["services"], !value.isNull else { return [] }
            guard let list = value.arrayValue, list.count <= HealthService.known.count else {
                throw APIError(400, "\(name).services must be a list of services")
            }
            var services: [HealthService] = []
            for entry in list {
                guard let text = entry.stringValue, HealthService.known.contains(HealthService(rawValue: text)) else {
                    throw APIError(
                        400, "\(name).services: \(entry.brief) is not a service (expected \(HealthService.known.map(\.rawValue).joined(separator: ", ")))")
                }
                if !services.contains(HealthService(rawValue: text)) { services.append(HealthService(rawValue: text)) }
            }
            return services
        }
        func degrees(_ key: String, _ limit: Double) throws(APIError) -> Double {
            guard let number = object[key]?.numberValue, number.isFinite, abs(number) <= limit else {
                throw APIError(400, "\(name).\(key) must be a number of degrees from -\(Int(limit)) to \(Int(limit))")
            }
            return number
        }
        switch try text("action") {
        case "add":
            let place: FacilityChange.Place
            if let village = try text("village", required: false) {
                place = .village(village)
            } else {
                place = .point(Coordinate(lon: try degrees("lon", 180), lat: try degrees("lat", 90)))
            }
            return .add(
                id: try text("id")!, name: try text("name", required: false), tier: try tier("tier"), services: try services(), capacity: nil, place: place)
        case "close": return .close(id: try text("id")!)
        case "upgrade": return .upgrade(id: try text("id")!, to: try tier("to"), services: try services(), capacity: nil)
        case let other: throw APIError(400, "\(name).action \"\(other ?? "")\" is not an action (expected add, close or upgrade)")
        }
    }

    /// An error of `LayerSet.applying` as the page should say it: which change, and why.
    static func problem(_ error: InputError) -> APIError {
        var place = ""
        if case .position(let line, _) = error.location { place = "changes[\(line - 1)]: " }
        return APIError(422, place + error.reason + (error.suggestion.map { " (\($0))" } ?? ""))
    }
}
