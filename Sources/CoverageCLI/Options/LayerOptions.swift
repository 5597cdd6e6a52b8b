import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// The options that say which layers a command reads and how: every command that loads a layer
/// set takes them, with defaults that read the shipped data in GeoData/laos.
struct LayerOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Folder with provinces, districts, villages, facilities (.geojson) and regions.json (default: GeoData/laos).")
    var dataDirectory: String?

    @Option(help: "Provinces layer: GeoJSON, CSV, .shp (or a .zip of one), file.gpkg[:LAYER], .fgb, .kml or .geojsonl; default: the data folder's.")
    var provinces: String?

    @Option(help: "Districts layer: GeoJSON, CSV, .shp (or a .zip of one), file.gpkg[:LAYER], .fgb, .kml or .geojsonl; default: the data folder's.")
    var districts: String?

    @Option(help: "Villages layer: GeoJSON, CSV, .shp (or a .zip of one), file.gpkg[:LAYER], .fgb, .kml or .geojsonl; default: the data folder's.")
    var villages: String?

    @Option(help: "Facilities layer: as the others, or a DHIS2 organisation-unit export; default: the data folder's.")
    var facilities: String?

    @Option(
        name: .customLong("add-facilities"), parsing: .singleValue,
        help: ArgumentHelp(
            "Another facility layer whose facilities join the analyses (repeatable), e.g. GeoData/laos/facilities_other.geojson "
                + "(private, military and other sites, left out by default).", valueName: "file"))
    var additionalFacilities: [String] = []

    @Option(help: "Regions file (JSON: {\"regions\": [{\"id\", \"name\", \"provinces\", \"districts\"}]}; districts optional), instead of the data folder's.")
    var regions: String?

    @Option(help: "Field-mapping file (YAML or JSON): per layer, which field plays each role; see the README.")
    var mapping: String?

    @Option(
        name: .customLong("map"), parsing: .singleValue,
        help: ArgumentHelp(
            "One field mapping, LAYER.ROLE=FIELD (e.g. villages.population=pop_2023); repeatable; wins over --mapping.",
            valueName: "layer.role=field"))
    var fieldMaps: [String] = []

    @Option(
        name: .customLong("crs"), parsing: .singleValue,
        help: ArgumentHelp("The CRS of a layer without one, LAYER=CRS (e.g. districts=EPSG:32648); repeatable.", valueName: "layer=crs"))
    var layerCRS: [String] = []

    @Option(name: .customLong("tier-mapping"), help: "JSON file mapping DHIS2 group names to tiers, for a DHIS2 facilities export.")
    var tierMapping: String?

    @Option(name: .customLong("csv-delimiter"), help: "Delimiter of CSV layers: comma, semicolon or tab.")
    var csvDelimiter: String = "comma"

    @Option(
        name: .customLong("tolerance-m"), parsing: .unconditional,
        help: ArgumentHelp("How far outside every district a point may lie and still be placed in the nearest, in metres.", valueName: "metres"))
    var toleranceText = "1000"

    /// `--tolerance-m` (validated).
    var toleranceMeters: Double { (try? Self.tolerance(toleranceText)) ?? AdminLocator.defaultToleranceMeters }

    static func tolerance(_ text: String) throws -> Double {
        try NumberArgument.number(text, option: "--tolerance-m", expected: "a number of metres ≥ 0", where: { $0 >= 0 })
    }

    @Flag(help: "Repair invalid admin polygons with GEOS make-valid (reported as warnings) instead of stopping.")
    var repair = false

    func validate() throws {
        _ = try Self.tolerance(toleranceText)
        _ = try Self.delimiter(csvDelimiter)
        for entry in fieldMaps { _ = try Self.parseFieldMap(entry) }
        for entry in layerCRS { _ = try Self.parseLayerCRS(entry) }
    }

    /// The sources these options describe; throws ``InputError``/``MappingError`` for a bad
    /// mapping file or when the data folder cannot be found.
    func sources(careModel: CareModel? = nil) throws -> LayerSources {
        let explicit: [LayerKind: String?] = [.provinces: provinces, .districts: districts, .villages: villages, .facilities: facilities]
        var sources: LayerSources
        if explicit.values.allSatisfy({ $0 != nil }) && regions != nil && dataDirectory == nil {
            sources = LayerSources(paths: explicit.compactMapValues { $0 }, regionsPath: regions)
        } else {
            let directory = try dataDirectory.map { URL(fileURLWithPath: $0) } ?? DataDirectory.locate()
            sources = LayerSources(dataDirectory: directory)
            for (kind, path) in explicit { if let path { sources.paths[kind] = path } }
            if let regions { sources.regionsPath = regions }
        }
        if let mapping { try sources.readMappingFile(mapping) }
        for entry in fieldMaps {
            let (kind, role, field) = try Self.parseFieldMap(entry)
            var layerMapping = sources.mapping(for: kind)
            try layerMapping.set(role, to: field)
            sources.mappings[kind] = layerMapping
            sources.mappingOrigins[kind, default: [:]][role] = "--map \(entry)"
        }
        for entry in layerCRS {
            let (kind, crs) = try Self.parseLayerCRS(entry)
            sources.sourceCRS[kind] = crs
        }
        sources.additionalFacilityPaths = additionalFacilities
        if let tierMapping { sources.dhis2TierMapping = try DHIS2TierMapping.read(path: tierMapping) }
        sources.csvDelimiter = try Self.delimiter(csvDelimiter)
        sources.repairInvalidPolygons = repair
        sources.nearestDistrictToleranceMeters = toleranceMeters
        sources.careModel = try careModel ?? dataFolderCareModel()
        return sources
    }

    /// The care model of the data folder's standards file, for commands that take no standards
    /// options (the plain hierarchy when the folder has none).
    private func dataFolderCareModel() throws -> CareModel {
        let folder = try dataDirectory.map { URL(fileURLWithPath: $0) } ?? DataDirectory.locate()
        let path = folder.appendingPathComponent(StandardsFile.defaultFileName).path
        return FileManager.default.fileExists(atPath: path) ? try StandardsFile.read(path: path).careModel : .hierarchy
    }

    /// Loads and validates the layers and says how many warnings they have; throws
    /// ``ValidationFailure`` (every error, exit 65) when there is an error.
    func load(careModel: CareModel? = nil) throws -> LayerSet {
        let set = try LayerSet.load(sources(careModel: careModel))
        printLayerWarnings(set.report)
        return set
    }

    static func delimiter(_ name: String) throws -> CSVDelimiter {
        switch name.lowercased() {
        case "comma", ",": .comma
        case "semicolon", ";": .semicolon
        case "tab", "\t": .tab
        default: throw ValidationError("--csv-delimiter \(name): expected comma, semicolon or tab")
        }
    }

    static func parseFieldMap(_ entry: String) throws -> (LayerKind, FieldRole, String) {
        let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
        let target = parts.first?.split(separator: ".", maxSplits: 1).map(String.init) ?? []
        guard parts.count == 2, target.count == 2, !parts[1].isEmpty else {
            throw ValidationError("--map \(entry): expected LAYER.ROLE=FIELD, e.g. villages.population=pop_2023")
        }
        guard let kind = LayerKind(rawValue: target[0]) else {
            throw ValidationError("--map \(entry): unknown layer \(target[0]) (expected \(LayerKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let role = FieldRole(rawValue: target[1]), FieldRole.roles(for: kind).contains(role) else {
            throw ValidationError(
                "--map \(entry): \(target[1]) is not a field role of \(kind.rawValue) (roles: "
                    + FieldRole.roles(for: kind).map(\.rawValue).joined(separator: ", ") + ")")
        }
        return (kind, role, parts[1])
    }

    static func parseLayerCRS(_ entry: String) throws -> (LayerKind, String) {
        let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = LayerKind(rawValue: parts[0]), !parts[1].isEmpty else {
            throw ValidationError("--crs \(entry): expected LAYER=CRS, e.g. districts=EPSG:32648")
        }
        return (kind, parts[1])
    }
}
