import Foundation
import GeoIO
import GeometryKit

/// A what-if run, as a scenario file describes it: which layers (and how their fields map), which
/// region, standards and care, what to change in the facilities, and what to write. Paths are
/// absolute (``ScenarioFile`` resolves them against the file's folder).
public struct Scenario: Sendable {
    /// What a run writes.
    public enum Output: String, Sendable, CaseIterable {
        /// The coverage-gaps files (gaps.csv, zone layers, uncovered villages, gap areas).
        case gaps
        /// The capacity-limited coverage files.
        case capacity
    }

    /// The file the scenario was read from.
    public var file: String
    /// The size and SHA-256 of the file's bytes as parsed, when it was read from one.
    public var source: FileChecksum?
    public var name: String
    public var description: String?
    /// The data folder (nil: the shipped data, or `HEALTHCOVERAGE_DATA`).
    public var dataDirectory: String?
    /// Layers replacing the data folder's.
    public var layerPaths: [LayerKind: String] = [:]
    public var regionsPath: String?
    public var mappingPath: String?
    /// Field mappings given in the file itself (they win over the mapping file's).
    public var fieldMaps: [(kind: LayerKind, role: FieldRole, field: String)] = []
    /// The standards file (nil: the data folder's).
    public var standardsPath: String?
    /// Limits replacing the standards' for every target.
    public var maxKilometers: [Double]?
    public var maxMinutes: [Double]?
    /// How every target's minutes are measured, replacing the standards' (`travel: raster`).
    public var travel: TravelMeasure?
    /// Friction rasters replacing the standards', by kind.
    public var frictionPaths: [FrictionKind: String]?
    public var region = "national"
    /// The care evaluated (default: every tier).
    public var targets: [CareTarget] = FacilityTier.allCases.map(CareTarget.tier)
    public var changes: [FacilityChange] = []
    public var outputs: [Output] = [.gaps]
    /// Capacity-limited coverage with capacities ignored (plain coverage).
    public var ignoreCapacity = false
    /// The output folder the file names, if any.
    public var out: String?

    public init(file: String, name: String) {
        self.file = file
        self.name = name
    }

    /// The layer sources the scenario names.
    public func sources() throws -> LayerSources {
        let directory = try dataDirectory.map { URL(fileURLWithPath: $0) } ?? DataDirectory.locate()
        var sources = LayerSources(dataDirectory: directory)
        for (kind, path) in layerPaths { sources.paths[kind] = path }
        if let regionsPath { sources.regionsPath = regionsPath }
        if let mappingPath { try sources.readMappingFile(mappingPath) }
        for map in fieldMaps {
            var mapping = sources.mapping(for: map.kind)
            try mapping.set(map.role, to: map.field)
            sources.mappings[map.kind] = mapping
        }
        return sources
    }

    /// The standards file the scenario uses.
    public func resolvedStandardsPath() throws -> String {
        try standardsPath
            ?? (dataDirectory.map { URL(fileURLWithPath: $0) } ?? DataDirectory.locate())
            .appendingPathComponent(StandardsFile.defaultFileName).path
    }
}

/// One change a scenario makes to the facility layer, with the line it is written on.
public struct FacilityChange: Sendable {
    /// Where a new facility stands.
    public enum Place: Sendable, Equatable {
        case point(Coordinate)
        /// At a village of the layer, by its code.
        case village(String)
    }

    public enum Action: Sendable, Equatable {
        case add(id: String, name: String?, tier: FacilityTier, services: [HealthService], capacity: Int?, place: Place)
        case close(id: String)
        /// A higher tier; services are kept (and `services` added); the facility's own capacity
        /// gives way to `capacity`, or to the new tier's default.
        case upgrade(id: String, to: FacilityTier, services: [HealthService], capacity: Int?)
        case addService(id: String, service: HealthService)
        case setCapacity(id: String, capacity: Int)
    }

    public let action: Action
    /// Where the change is written (for errors): line and column in the scenario file.
    public let line: Int
    public let column: Int

    public init(_ action: Action, line: Int, column: Int) {
        self.action = action
        self.line = line
        self.column = column
    }
}

extension FacilityChange: CustomStringConvertible {
    /// One line for manifests: `add_facility NEW-1 health_centre at village 1101001`.
    public var description: String {
        switch action {
        case .add(let id, let name, let tier, let services, let capacity, let place):
            let placementText: String =
                switch place {
                case .point(let point): "at \(point.lon), \(point.lat)"
                case .village(let code): "at village \(code)"
                }
            return "add_facility \(id)\(name.map { " \"\($0)\"" } ?? "") \(tier.rawValue) \(placementText)"
                + (services.isEmpty ? "" : " services \(services.map(\.rawValue).joined(separator: ","))")
                + (capacity.map { " capacity \($0)" } ?? "")
        case .close(let id): return "close_facility \(id)"
        case .upgrade(let id, let tier, let services, let capacity):
            return "upgrade_facility \(id) to \(tier.rawValue)"
                + (services.isEmpty ? "" : " adding \(services.map(\.rawValue).joined(separator: ","))")
                + (capacity.map { " capacity \($0)" } ?? "")
        case .addService(let id, let service): return "add_service \(id) \(service.rawValue)"
        case .setCapacity(let id, let capacity): return "set_capacity \(id) \(capacity)"
        }
    }
}
