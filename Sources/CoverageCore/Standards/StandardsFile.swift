import Foundation
import GeoIO

/// Reads a coverage standards file (YAML):
///
/// ```yaml
/// travel_model:
///   detour_factor: 1.4
///   speeds_kmh: {walking: 4, motorbike: 30, car: 40}
/// friction:                          # optional; paths relative to this file
///   walking: friction_walking.tif
///   motorized: friction_motorized.tif
/// tiers:
///   health_centre: {max_km: [5], max_minutes: [60], mode: walking, travel: raster, capacity: 5000}
/// services:
///   rehabilitation: {max_km: [100], max_minutes: [120, 240, 480], mode: car, travel: straight}
/// ```
///
/// A standard's `travel` says how its minutes are measured: `straight` (geodesic km × detour
/// factor ÷ speed) or `raster` (over the friction raster of its mode: walking, or motorized for
/// motorbike and car). Without it, a standard is measured over a raster when the file names one
/// for its mode, else straight. Distance limits are geodesic either way.
///
/// Every problem is an ``InputError`` with the line and column of the offending value.
public enum StandardsFile {
    /// The file's name in a data directory.
    public static let defaultFileName = "standards.yaml"

    /// Reads the standards file at `path`.
    /// - Throws: ``InputError`` when it cannot be read, and located by line and column when it is not valid.
    public static func read(path: String) throws -> CoverageStandards {
        try read(InputFile.read(path: path))
    }

    /// Reads the standards held in `file` (read from disk, or held in memory; the fuzz target hands bytes in here).
    /// - Throws: ``InputError`` located by line and column.
    public static func read(_ file: InputFile) throws -> CoverageStandards {
        let node = try YAMLDocument.read(file)
        let reader = YAMLFieldReader(file: file.path)
        guard let root = node?.mapping else { throw reader.problem(node, "expected a mapping with travel_model, tiers and services") }
        try reader.onlyKeys(root, ["travel_model", "friction", "tiers", "services"])
        guard let travel = root["travel_model"] else { throw reader.problem(node, "missing travel_model") }
        let model = try reader.travelModel(travel)
        let friction = try root["friction"].map { try reader.frictionPaths($0, relativeTo: file.path) } ?? [:]
        var standards: [CareTarget: CoverageStandard] = [:]
        var care = CareModel()
        for section in ["tiers", "services"] {
            guard let entries = root[section] else { continue }
            guard let mapping = entries.mapping else { throw reader.problem(entries, "\(section) must map names to standards") }
            for (nameNode, value) in mapping {
                let name = nameNode.string ?? ""
                let known = section == "tiers" ? FacilityTier.allCases.map(\.rawValue) : HealthService.known.map(\.rawValue)
                guard known.contains(name), let target = CareTarget(name: name) else {
                    throw reader.problem(
                        nameNode, "unknown \(section == "tiers" ? "tier" : "service") \"\(name)\" (expected \(known.joined(separator: ", ")))",
                        suggestion: ClosestName.suggestion(for: name, among: known).map { "did you mean \($0)?" })
                }
                standards[target] = try reader.standard(target, value, model, friction: friction)
                if case .tier(let tier) = target, let entry = value.mapping {
                    if let provides = entry["provides"] { care.packages[tier] = try reader.packages(provides, of: tier) }
                    if let services = entry["services"] { care.defaultServices[tier] = try reader.list(services) { try reader.service($0) } }
                }
            }
        }
        return CoverageStandards(
            travelModel: model, standards: standards, careModel: care, friction: FrictionRasters(paths: friction), source: file.checksum)
    }
}

extension YAMLFieldReader {
    fileprivate func travelModel(_ node: YAMLNode) throws -> TravelModel {
        guard let mapping = node.mapping else { throw problem(node, "travel_model must be a mapping with detour_factor and speeds_kmh") }
        try onlyKeys(mapping, ["detour_factor", "speeds_kmh"])
        guard let detourNode = mapping["detour_factor"] else { throw problem(node, "missing detour_factor") }
        let detour = try positive(detourNode, "detour_factor")
        guard detour >= 1 else { throw problem(detourNode, "detour_factor must be ≥ 1 (a road is never shorter than the straight line)") }
        guard let speedsNode = mapping["speeds_kmh"], let speeds = speedsNode.mapping else {
            throw problem(node, "missing speeds_kmh (a mapping of walking, motorbike, car to km/h)")
        }
        var result: [TravelMode: Double] = [:]
        for (key, value) in speeds {
            guard let mode = TravelMode(rawValue: key.string ?? "") else {
                throw problem(key, "unknown travel mode \"\(key.string ?? "")\" (expected \(TravelMode.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            result[mode] = try positive(value, "the speed of \(mode.rawValue)")
        }
        return TravelModel(detourFactor: detour, speedsKmh: result)
    }

    /// The friction rasters by kind, each path resolved against the standards file's folder.
    fileprivate func frictionPaths(_ node: YAMLNode, relativeTo file: String) throws -> [FrictionKind: String] {
        let entries = try mapping(node, "friction (a mapping of walking, motorized to raster files)")
        let folder = URL(fileURLWithPath: file).absoluteURL.deletingLastPathComponent()
        var paths: [FrictionKind: String] = [:]
        for (key, value) in entries {
            guard let kind = FrictionKind(rawValue: key.string ?? "") else {
                let known = FrictionKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw problem(key, "unknown friction surface \"\(key.string ?? "")\" (expected \(known))")
            }
            let path = try text(value, "the \(kind.rawValue) friction raster")
            paths[kind] = path.hasPrefix("/") ? path : URL(fileURLWithPath: path, relativeTo: folder).absoluteURL.standardizedFileURL.path
        }
        return paths
    }

    fileprivate func standard(
        _ target: CareTarget, _ node: YAMLNode, _ model: TravelModel, friction: [FrictionKind: String]
    ) throws -> CoverageStandard {
        guard let mapping = node.mapping else { throw problem(node, "the standard of \(target.name) must be a mapping with max_km, max_minutes and mode") }
        try onlyKeys(mapping, ["max_km", "max_minutes", "mode", "travel", "capacity"] + (target.isTier ? ["provides", "services"] : []))
        func limits(_ key: String) throws -> [Double] {
            guard let value = mapping[key] else { return [] }
            if let list = value.sequence { return try list.map { try positive($0, key) } }
            return [try positive(value, key)]
        }
        let kilometers = try limits("max_km"), minutes = try limits("max_minutes")
        guard !kilometers.isEmpty || !minutes.isEmpty else { throw problem(node, "the standard of \(target.name) needs max_km or max_minutes") }
        guard let modeNode = mapping["mode"], let mode = TravelMode(rawValue: modeNode.string ?? "") else {
            throw problem(
                mapping["mode"] ?? node, "the standard of \(target.name) needs a mode (\(TravelMode.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard model.speedsKmh[mode] != nil else { throw problem(modeNode, "travel_model.speeds_kmh has no speed for \(mode.rawValue)") }
        var travel: TravelMeasure = friction[mode.frictionKind] == nil ? .straight : .raster
        if let travelNode = mapping["travel"] {
            guard let measure = TravelMeasure(rawValue: travelNode.string ?? "") else {
                throw problem(travelNode, "travel must be \(TravelMeasure.allCases.map(\.rawValue).joined(separator: " or "))")
            }
            travel = measure
        }
        let capacity = try mapping["capacity"].map { try positiveWhole($0, "capacity") }
        return CoverageStandard(target: target, maxKilometers: kilometers, maxMinutes: minutes, mode: mode, travel: travel, capacity: capacity)
    }

    /// The care packages a tier provides: tier names, its own among them.
    fileprivate func packages(_ node: YAMLNode, of tier: FacilityTier) throws -> [FacilityTier] {
        let known = FacilityTier.allCases.map(\.rawValue)
        let packages = try list(node) { item -> FacilityTier in
            let name = try text(item, "a care package")
            guard let package = FacilityTier(rawValue: name) else {
                throw problem(
                    item, "unknown care package \"\(name)\" (expected a tier: \(known.joined(separator: ", ")))",
                    suggestion: ClosestName.suggestion(for: name, among: known).map { "did you mean \($0)?" })
            }
            return package
        }
        guard packages.contains(tier) else {
            throw problem(node, "\(tier.rawValue) must provide its own package (provides lists \(packages.map(\.rawValue).joined(separator: ", ")))")
        }
        return packages
    }

    /// A service name of the known vocabulary.
    fileprivate func service(_ node: YAMLNode) throws -> HealthService {
        let name = try text(node, "a service")
        let known = HealthService.known.map(\.rawValue)
        guard HealthService.known.contains(HealthService(rawValue: name)) else {
            throw problem(
                node, "unknown service \"\(name)\" (expected \(known.joined(separator: ", ")))",
                suggestion: ClosestName.suggestion(for: name, among: known).map { "did you mean \($0)?" })
        }
        return HealthService(rawValue: name)
    }
}
