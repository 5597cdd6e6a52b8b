import Foundation
import GeoIO
import GeometryKit

/// Reads a scenario file (YAML):
///
/// ```yaml
/// name: ten-new-health-centres
/// description: the ten sites coverage suggest chose
/// data: ../GeoData/laos              # optional; paths are relative to this file
/// layers: {facilities: my_facilities.geojson}   # optional: provinces, districts, villages, facilities, regions
/// mapping: mapping.yaml              # optional field-mapping file
/// map: {villages.population: pop_2023}          # optional, wins over the mapping file
/// standards: standards.yaml          # optional (default: the data folder's)
/// limits: {max_km: [5, 10]}          # optional: replace every target's limits
/// travel: raster                     # optional: raster or straight for every target
/// friction: my_friction.tif          # optional: one raster for every mode, or {walking: …, motorized: …}
/// region: bolikhamxay-khammouane     # default national
/// targets: [health_centre, rehabilitation]      # default: every tier
/// modifications:
///   - add_facility: {id: NEW-1, tier: health_centre, village: "1101001", services: [epi]}
///   - add_facility: {id: NEW-2, name: Ban Na, tier: health_centre, lon: 103.9, lat: 18.4, capacity: 4000}
///   - close_facility: HC-0001
///   - upgrade_facility: {id: HC-0002, to: district_hospital, services: [surgery]}
///   - add_service: {id: DH-LA1101, service: rehabilitation}
///   - set_capacity: {id: HC-0003, capacity: 8000}
/// outputs: [gaps, capacity]          # default [gaps]
/// ignore_capacity: false             # capacity output as plain coverage
/// out: ../out/ten-new-health-centres # optional; the command line's --out wins
/// ```
///
/// Every problem is an ``InputError`` at the line and column of the offending key or value.
/// Whether named facilities, villages and the region exist is checked when the scenario is
/// applied to its layers (``ScenarioLayers``), with the same locations.
public enum ScenarioFile {
    static let keys = [
        "name", "description", "data", "layers", "mapping", "map", "standards", "limits", "travel", "friction", "region", "targets",
        "modifications", "outputs", "ignore_capacity", "out",
    ]

    /// Reads the scenario file at `path`.
    /// - Throws: ``InputError`` when it cannot be read, and located by line and column when it is not valid.
    public static func read(path: String) throws -> Scenario {
        try read(InputFile.read(path: path))
    }

    /// Reads the scenario file of `file`; its relative paths resolve against the folder of `file.path`.
    /// - Throws: ``InputError`` located by line and column.
    public static func read(_ file: InputFile) throws -> Scenario {
        let path = file.path
        let reader = YAMLFieldReader(file: path)
        let node = try YAMLDocument.read(file)
        guard let root = node?.mapping else { throw reader.problem(node, "a scenario file is a mapping with name, region, modifications, …") }
        try reader.onlyKeys(root, keys)
        let folder = URL(fileURLWithPath: path).absoluteURL.deletingLastPathComponent()
        func resolved(_ node: YAMLNode, _ what: String) throws -> String {
            let text = try reader.text(node, what)
            return text.hasPrefix("/") ? text : URL(fileURLWithPath: text, relativeTo: folder).absoluteURL.standardizedFileURL.path
        }

        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var scenario = Scenario(file: path, name: try root["name"].map { try reader.text($0, "name") } ?? stem)
        scenario.source = file.checksum
        scenario.description = try root["description"].map { try reader.text($0, "description") }
        scenario.dataDirectory = try root["data"].map { try resolved($0, "data") }
        if let layers = root["layers"] {
            let mapping = try reader.mapping(layers, "layers")
            try reader.onlyKeys(mapping, LayerKind.allCases.map(\.rawValue) + ["regions"])
            for (key, value) in mapping {
                if let kind = LayerKind(rawValue: key.string ?? "") {
                    scenario.layerPaths[kind] = try resolved(value, "layers.\(kind.rawValue)")
                } else {
                    scenario.regionsPath = try resolved(value, "layers.regions")
                }
            }
        }
        scenario.mappingPath = try root["mapping"].map { try resolved($0, "mapping") }
        if let map = root["map"] {
            for (key, value) in try reader.mapping(map, "map") {
                scenario.fieldMaps.append(try fieldMap(key, value, reader))
            }
        }
        scenario.standardsPath = try root["standards"].map { try resolved($0, "standards") }
        if let limits = root["limits"] {
            let mapping = try reader.mapping(limits, "limits")
            try reader.onlyKeys(mapping, ["max_km", "max_minutes"])
            scenario.maxKilometers = try mapping["max_km"].map { try reader.list($0) { try reader.positive($0, "max_km") } }
            scenario.maxMinutes = try mapping["max_minutes"].map { try reader.list($0) { try reader.positive($0, "max_minutes") } }
        }
        if let travel = root["travel"] {
            guard let measure = TravelMeasure(rawValue: travel.string ?? "") else {
                throw reader.problem(travel, "travel must be \(TravelMeasure.allCases.map(\.rawValue).joined(separator: " or "))")
            }
            scenario.travel = measure
        }
        if let friction = root["friction"] {
            if friction.mapping != nil {
                let mapping = try reader.mapping(friction, "friction")
                try reader.onlyKeys(mapping, FrictionKind.allCases.map(\.rawValue))
                var paths: [FrictionKind: String] = [:]
                for (key, value) in mapping { paths[FrictionKind(rawValue: key.string ?? "")!] = try resolved(value, "friction.\(key.string ?? "")") }
                scenario.frictionPaths = paths
            } else {
                let path = try resolved(friction, "friction")
                scenario.frictionPaths = Dictionary(uniqueKeysWithValues: FrictionKind.allCases.map { ($0, path) })
            }
        }
        if let region = root["region"] { scenario.region = try reader.text(region, "region") }
        if let targets = root["targets"] {
            scenario.targets = try reader.list(targets) { node in
                let name = try reader.text(node, "a target")
                guard let target = CareTarget(name: name) else {
                    throw reader.problem(
                        node, "unknown tier or service \"\(name)\" (expected \(CareTarget.knownNames.joined(separator: ", ")))",
                        suggestion: ClosestName.suggestion(for: name, among: CareTarget.knownNames).map { "did you mean \($0)?" })
                }
                return target
            }
        }
        if let changes = root["modifications"] {
            guard let list = changes.sequence else { throw reader.problem(changes, "modifications must be a list") }
            scenario.changes = try list.map { try change($0, reader) }
        }
        if let outputs = root["outputs"] {
            scenario.outputs = try reader.list(outputs) { node in
                let name = try reader.text(node, "an output")
                guard let output = Scenario.Output(rawValue: name) else {
                    throw reader.problem(node, "unknown output \"\(name)\" (expected \(Scenario.Output.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return output
            }
        }
        if let ignore = root["ignore_capacity"] {
            guard let value = ignore.bool else { throw reader.problem(ignore, "ignore_capacity must be true or false") }
            scenario.ignoreCapacity = value
        }
        scenario.out = try root["out"].map { try resolved($0, "out") }
        return scenario
    }

    private static func fieldMap(_ key: YAMLNode, _ value: YAMLNode, _ reader: YAMLFieldReader) throws -> (kind: LayerKind, role: FieldRole, field: String) {
        let parts = (key.string ?? "").split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = LayerKind(rawValue: parts[0]) else {
            throw reader.problem(
                key,
                "a map key is LAYER.ROLE (e.g. villages.population), with LAYER one of "
                    + LayerKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let roles = FieldRole.roles(for: kind).map(\.rawValue)
        guard let role = FieldRole(rawValue: parts[1]), roles.contains(role.rawValue) else {
            throw reader.problem(
                key, "\(parts[1]) is not a field role of \(kind.rawValue) (roles: \(roles.joined(separator: ", ")))",
                suggestion: ClosestName.suggestion(for: parts[1], among: roles).map { "did you mean \($0)?" })
        }
        return (kind, role, try reader.text(value, "the field of \(key.string ?? "")"))
    }

    static let actions = ["add_facility", "close_facility", "upgrade_facility", "add_service", "set_capacity"]

    private static func change(_ node: YAMLNode, _ reader: YAMLFieldReader) throws -> FacilityChange {
        guard let item = node.mapping, item.count == 1, let (key, value) = item.first else {
            throw reader.problem(node, "a modification is one of \(actions.joined(separator: ", ")) with its values, e.g. - close_facility: HC-0001")
        }
        let mark = (key.line ?? 0, key.column ?? 0)
        func details(_ allowed: [String], required: [String]) throws -> YAMLMapping {
            let mapping = try reader.mapping(value, key.string ?? "")
            try reader.onlyKeys(mapping, allowed)
            for name in required where mapping[name] == nil { throw reader.problem(value, "\(key.string ?? "") needs \(name)") }
            return mapping
        }
        func tier(_ node: YAMLNode) throws -> FacilityTier {
            let name = try reader.text(node, "tier")
            guard let tier = FacilityTier(rawValue: name) else {
                let known = FacilityTier.allCases.map(\.rawValue)
                throw reader.problem(
                    node, "unknown tier \"\(name)\" (expected \(known.joined(separator: ", ")))",
                    suggestion: ClosestName.suggestion(for: name, among: known).map { "did you mean \($0)?" })
            }
            return tier
        }
        func service(_ node: YAMLNode) throws -> HealthService {
            let name = try reader.text(node, "service")
            let known = HealthService.known.map(\.rawValue)
            guard known.contains(name) else {
                throw reader.problem(
                    node, "unknown service \"\(name)\" (expected \(known.joined(separator: ", ")))",
                    suggestion: ClosestName.suggestion(for: name, among: known).map { "did you mean \($0)?" })
            }
            return HealthService(rawValue: name)
        }
        func services(_ node: YAMLNode?) throws -> [HealthService] { try node.map { try reader.list($0, service) } ?? [] }
        let action: FacilityChange.Action
        switch key.string {
        case "add_facility":
            let mapping = try details(["id", "name", "tier", "services", "capacity", "village", "lon", "lat"], required: ["id", "tier"])
            let place: FacilityChange.Place
            switch (mapping["village"], mapping["lon"], mapping["lat"]) {
            case (let village?, nil, nil): place = .village(try reader.text(village, "village"))
            case (nil, let lon?, let lat?):
                guard let x = lon.float ?? lon.int.map(Double.init), let y = lat.float ?? lat.int.map(Double.init),
                    Coordinate(x: x, y: y).isValidLonLat
                else {
                    throw reader.problem(lon, "lon and lat must be a longitude (−180…180) and a latitude (−90…90) in degrees")
                }
                place = .point(Coordinate(x: x, y: y))
            default: throw reader.problem(value, "add_facility needs either village (a village code) or lon and lat")
            }
            action = .add(
                id: try reader.text(mapping["id"]!, "id"), name: try mapping["name"].map { try reader.text($0, "name") },
                tier: try tier(mapping["tier"]!), services: try services(mapping["services"]),
                capacity: try mapping["capacity"].map { try reader.positiveWhole($0, "capacity") }, place: place)
        case "close_facility":
            action = .close(id: try reader.text(value, "close_facility (a facility id)"))
        case "upgrade_facility":
            let mapping = try details(["id", "to", "services", "capacity"], required: ["id", "to"])
            action = .upgrade(
                id: try reader.text(mapping["id"]!, "id"), to: try tier(mapping["to"]!), services: try services(mapping["services"]),
                capacity: try mapping["capacity"].map { try reader.positiveWhole($0, "capacity") })
        case "add_service":
            let mapping = try details(["id", "service"], required: ["id", "service"])
            action = .addService(id: try reader.text(mapping["id"]!, "id"), service: try service(mapping["service"]!))
        case "set_capacity":
            let mapping = try details(["id", "capacity"], required: ["id", "capacity"])
            action = .setCapacity(id: try reader.text(mapping["id"]!, "id"), capacity: try reader.positiveWhole(mapping["capacity"]!, "capacity"))
        default:
            throw reader.problem(
                key, "unknown modification \"\(key.string ?? "")\" (expected \(actions.joined(separator: ", ")))",
                suggestion: ClosestName.suggestion(for: key.string ?? "", among: actions).map { "did you mean \($0)?" })
        }
        return FacilityChange(action, line: mark.0, column: mark.1)
    }
}
