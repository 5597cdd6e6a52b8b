import Foundation
import GeoIO

/// Where the layers of one analysis come from and how to read them.
public struct LayerSources: Sendable {
    /// The file of each layer (GeoJSON, CSV, or a DHIS2 export for facilities).
    public var paths: [LayerKind: String]
    /// More facility layers read with the main one (same fields and mapping), such as the
    /// shipped `facilities_other.geojson` (private, military and other sites): their facilities
    /// join the analyses. Identifiers must be unique across all the facility files.
    public var additionalFacilityPaths: [String] = []
    /// The regions file (`regions.json`); nil for the single region `national`.
    public var regionsPath: String?
    /// How each layer's fields are named (defaults: the shipped schema).
    public var mappings: [LayerKind: FieldMapping]
    /// The mapping file the mappings were read from, if any (see ``readMappingFile(_:)``).
    public var mappingFile: FileChecksum?
    /// Where a layer's mapped field names were asked for (`--map villages.population=pop`, `the
    /// mapping file m.yaml`), so that a field no record has is blamed on what named it.
    public var mappingOrigins: [LayerKind: [FieldRole: String]] = [:]
    /// Which care packages and default services each tier has: the standards' (set it from
    /// ``CoverageStandards/careModel`` before loading), else the plain hierarchy.
    public var careModel: CareModel = .hierarchy
    /// The CRS of a layer's coordinates when it is not WGS 84 and the file does not say so.
    public var sourceCRS: [LayerKind: String]
    /// How a DHIS2 facility export's organisation-unit groups map to tiers.
    public var dhis2TierMapping: DHIS2TierMapping = .standard
    /// The delimiter of CSV layers.
    public var csvDelimiter: CSVDelimiter = .comma
    /// Repair invalid admin polygons with GEOS make-valid (reported as warnings) instead of stopping.
    public var repairInvalidPolygons: Bool
    /// How far outside every district a village or facility may lie and still be assigned the
    /// nearest district (flagged), in metres.
    public var nearestDistrictToleranceMeters: Double

    public init(
        paths: [LayerKind: String], regionsPath: String? = nil, mappings: [LayerKind: FieldMapping] = [:],
        sourceCRS: [LayerKind: String] = [:], repairInvalidPolygons: Bool = false,
        nearestDistrictToleranceMeters: Double = 1_000
    ) {
        self.paths = paths
        self.regionsPath = regionsPath
        self.mappings = mappings
        self.sourceCRS = sourceCRS
        self.repairInvalidPolygons = repairInvalidPolygons
        self.nearestDistrictToleranceMeters = nearestDistrictToleranceMeters
    }

    /// Every layer from a data directory laid out like GeoData/laos.
    public init(dataDirectory: URL) {
        var paths: [LayerKind: String] = [:]
        for kind in LayerKind.allCases { paths[kind] = dataDirectory.appendingPathComponent(kind.defaultFileName).path }
        let regions = dataDirectory.appendingPathComponent("regions.json").path
        self.init(paths: paths, regionsPath: FileManager.default.fileExists(atPath: regions) ? regions : nil)
    }

    /// Reads the field-mapping file at `path` into ``mappings`` and records its checksum.
    public mutating func readMappingFile(_ path: String) throws {
        let file = try InputFile.read(path: path)
        mappings = try MappingFile.read(file)
        mappingFile = file.checksum
        mappingOrigins = mappings.mapValues { mapping in mapping.fieldNames.mapValues { _ in "the mapping file \(path)" } }
    }

    /// What asked for `role`'s field of `kind`: the option or file that mapped it, or the shipped
    /// schema when nothing did.
    func origin(of role: FieldRole, in kind: LayerKind) -> String {
        if let origin = mappingOrigins[kind]?[role] { return origin }
        guard let field = mappings[kind]?.fieldNames[role] else { return "the shipped schema (GeoData/README.md)" }
        return "the field mapping \(kind.rawValue).\(role.rawValue): \(field)"
    }

    /// The mapping for `kind` (the shipped schema unless overridden).
    public func mapping(for kind: LayerKind) -> FieldMapping {
        mappings[kind] ?? FieldMapping(defaultsFor: kind)
    }
}
