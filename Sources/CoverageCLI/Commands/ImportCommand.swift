import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage import dhis2|csv …`: converts a layer from another format into a GeoJSON layer in
/// the shipped schema (GeoData/README.md), checking it on the way.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a DHIS2 export or a CSV table into a GeoJSON layer in the shipped schema.",
        subcommands: [ImportDHIS2Command.self, ImportCSVCommand.self]
    )
}

/// `coverage import dhis2 FILE --out facilities.geojson [--tier-mapping FILE]`.
struct ImportDHIS2Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dhis2",
        abstract: "Write the facilities of a DHIS2 organisation-unit export as a GeoJSON facilities layer.",
        discussion: """
            FILE is the JSON of api/organisationUnits?fields=id,name,code,level,parent[id,name],geometry,\
            organisationUnitGroups[id,name]&paging=false (a bare array of units and exports from DHIS2 \
            before 2.32 are read too). Units in the groups Health Center, District hospital type A/B, \
            Province Hospitals and Central Hospital become facilities of those tiers; a unit in several \
            takes the highest. --tier-mapping FILE adds or replaces groups with a JSON object, e.g. \
            {"Health Centre": "health_centre", "District hospital type A": {"tier": "district_hospital", \
            "subtype": "A", "services": ["surgery"]}, "Old group": null}. A polygon geometry is replaced by \
            a point on its surface. The report lists the facilities without coordinates (not written) and \
            the units that are not facilities. district_pcode and province_pcode are those of the district \
            each point lies in (--districts, default the shipped districts; within --tolerance-m of one when \
            outside all), and stay null for a facility outside every district, which the report lists. \
            Exits 65 on bad data (every problem is listed and nothing is written), 66 if a file cannot be \
            read, 73 if the output cannot be written.
            """
    )

    @Argument(help: "The DHIS2 organisation-unit export (JSON).")
    var file: String

    @Option(help: "The file to write (replaced atomically): GeoJSON, or a GeoPackage of one layer for a name ending in .gpkg.")
    var out: String

    @Option(name: .customLong("tier-mapping"), help: "JSON file mapping DHIS2 group names to tiers, laid over the standard groups.")
    var tierMapping: String?

    @Option(help: "Districts layer whose P-codes the facilities take from their location (default: the data folder's).")
    var districts: String?

    @Option(
        name: .customLong("tolerance-m"), parsing: .unconditional,
        help: ArgumentHelp("How far outside every district a facility may lie and still take the nearest one's codes, in metres.", valueName: "metres"))
    var toleranceText = "1000"

    /// `--tolerance-m` (validated).
    var toleranceMeters: Double { (try? LayerOptions.tolerance(toleranceText)) ?? AdminLocator.defaultToleranceMeters }

    func validate() throws {
        _ = try LayerOptions.tolerance(toleranceText)
        try ImportOutput.check(out: out, input: file)
    }

    func run() throws {
        try ImportOutput.reporting(file: file, out: out) {
            let mapping = try tierMapping.map { try DHIS2TierMapping.read(path: $0) } ?? .standard
            let imported = try DHIS2LayerReader.importFacilities(path: file, tierMapping: mapping)
            let districtsPath = try districts ?? DataDirectory.locate().appendingPathComponent(LayerKind.districts.defaultFileName).path
            let districtUnits = try LayerSet.loadDistricts(LayerSources(paths: [.districts: districtsPath]))
            let (features, unplaced) = try imported.features(placedIn: districtUnits, toleranceMeters: toleranceMeters)
            try ImportOutput.write(features, to: out)
            print(Self.report(imported, written: features, out: out))
            if !unplaced.isEmpty {
                print("In no district of \(districtsPath), codes left null (\(unplaced.count)):")
                for facility in unplaced {
                    let nearest =
                        facility.placement.districtPcode.map {
                            ", \(TextFormatting.grouped(facility.placement.distanceMeters, places: 0)) m from \($0)"
                        } ?? ""
                    print("  \(facility.facilityId) \(facility.name ?? "")\(nearest)")
                }
            }
        }
    }

    static let listLimit = 20

    static func report(_ imported: DHIS2Import, written: [GeoJSONWriter.Feature], out: String) -> String {
        var lines = ["Read \(units(imported.unitCount)) from \(imported.file); wrote \(facilities(written.count)) to \(out)."]
        let tiers = written.map { $0.properties["tier"]?.stringValue ?? "" }
        lines.append(
            TextFormatting.table(
                FacilityTier.allCases.reversed().map { tier in
                    (tier.label, (tiers.filter { $0 == tier.rawValue }.count).grouped)
                }))
        func list<T>(_ title: String, _ items: [T], limit: Int? = nil, _ line: (T) -> String) {
            guard !items.isEmpty else { return }
            lines.append(title)
            let shown = limit.map { Array(items.prefix($0)) } ?? items
            lines += shown.map { "  " + line($0) }
            if shown.count < items.count { lines.append("  … and \(items.count - shown.count) more") }
        }
        list("Not written, no coordinates (\(imported.withoutCoordinates.count)):", imported.withoutCoordinates) { "unit \($0.index): \($0)" }
        list("Skipped, not facilities: no group maps to a tier (\(imported.notFacilities.count)):", imported.notFacilities, limit: listLimit) {
            "unit \($0.index): \($0)"
        }
        list("In groups of several tiers, the highest taken (\(imported.severalTiers.count)):", imported.severalTiers) { choice in
            "unit \(choice.unit.index): \(choice.unit.id ?? "") \(choice.unit.name ?? "") → \(choice.tier.rawValue)"
                + (choice.subtype.map { " \($0.rawValue)" } ?? "") + " (groups: \(choice.tierGroups.joined(separator: ", ")))"
        }
        list("Polygon geometry, written as a point on its surface (\(imported.surfacePoints.count)):", imported.surfacePoints) { surface in
            "unit \(surface.unit.index): \(surface.unit.id ?? "") \(surface.unit.name ?? ""): \(surface.geometryType) → "
                + "\(TextFormatting.fixed(surface.point.x, places: 7)) \(TextFormatting.fixed(surface.point.y, places: 7))"
                + (surface.repaired ? " (the polygon was invalid and was repaired first)" : "")
        }
        return lines.joined(separator: "\n")
    }

    private static func units(_ count: Int) -> String { "\(count.grouped) organisation unit\(count == 1 ? "" : "s")" }
    private static func facilities(_ count: Int) -> String { "\(count.grouped) facilit\(count == 1 ? "y" : "ies")" }
}

/// `coverage import csv FILE --layer villages|facilities --out FILE.geojson …`.
struct ImportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Write a CSV table of villages or facilities as a GeoJSON layer in the shipped schema.",
        discussion: """
            The table needs a header row and UTF-8 text (with or without a byte-order mark); fields may \
            be quoted. Coordinates come from the columns lon/lat, longitude/latitude or x/y (any case) \
            unless --lon-column/--lat-column name them; --crs gives their CRS when they are not WGS 84 \
            longitude/latitude (e.g. EPSG:32648 for UTM zone 48N). Other fields are read from the columns \
            of the schema's names unless --map role=column says otherwise (roles: \
            \(FieldRole.roles(for: .villages).map(\.rawValue).joined(separator: ", ")) for villages; \
            \(FieldRole.roles(for: .facilities).map(\.rawValue).joined(separator: ", ")) for facilities). \
            Every row is checked (identifiers present and unique, population and counts whole numbers ≥ 0, \
            tiers and services known, coordinates present and in range); on any error all of them are \
            listed, nothing is written, and the exit status is 65.
            """
    )

    enum Layer: String, ExpressibleByArgument, CaseIterable {
        case villages
        case facilities

        var kind: LayerKind { self == .villages ? .villages : .facilities }
    }

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "The layer the table holds: villages or facilities.")
    var layer: Layer

    @Option(help: "The file to write (replaced atomically): GeoJSON, or a GeoPackage of one layer for a name ending in .gpkg.")
    var out: String

    @Option(name: .customLong("lon-column"), help: "The column of the longitude (or easting).")
    var lonColumn: String?

    @Option(name: .customLong("lat-column"), help: "The column of the latitude (or northing).")
    var latColumn: String?

    @Option(help: "The CRS of the coordinates when not WGS 84 longitude/latitude, e.g. EPSG:32648.")
    var crs: String?

    @Option(name: .customLong("map"), help: ArgumentHelp("The column that plays a role, as role=column (repeatable).", valueName: "role=column"))
    var mappings: [String] = []

    @Option(help: "The field separator: comma, semicolon or tab.")
    var delimiter: String = "comma"

    @Option(help: "The source named in each facility's source field when the table has no source column (default: the file name).")
    var source: String?

    func validate() throws {
        try ImportOutput.check(out: out, input: file)
        _ = try fieldMapping()
        guard CSVDelimiter(argument: delimiter) != nil else {
            throw ValidationError("unknown delimiter \"\(delimiter)\" (expected comma, semicolon or tab)")
        }
    }

    /// The field mapping the options describe.
    func fieldMapping() throws -> FieldMapping {
        var mapping = FieldMapping(defaultsFor: layer.kind)
        let roles = FieldRole.roles(for: layer.kind).map(\.rawValue)
        for entry in mappings {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--map \(entry): expected role=column, e.g. --map id=vcode")
            }
            guard let role = FieldRole(rawValue: parts[0]), roles.contains(parts[0]) else {
                throw ValidationError("--map \(entry): unknown role \"\(parts[0])\" for \(layer.rawValue) (roles: \(roles.joined(separator: ", ")))")
            }
            try mapping.set(role, to: parts[1])
        }
        if let lonColumn { try mapping.set(.longitude, to: lonColumn) }
        if let latColumn { try mapping.set(.latitude, to: latColumn) }
        return mapping
    }

    func run() throws {
        try ImportOutput.reporting(file: file, out: out) {
            let imported = try CSVLayerReader.importLayer(
                path: file, kind: layer.kind, mapping: try fieldMapping(), sourceCRS: crs,
                delimiter: CSVDelimiter(argument: delimiter) ?? .comma, source: source)
            try ImportOutput.write(imported.features, to: out)
            print(Self.report(imported, out: out))
        }
    }

    static func report(_ imported: CSVLayerImport, out: String) -> String {
        let noun =
            imported.kind == .villages
            ? (imported.features.count == 1 ? "village" : "villages")
            : (imported.features.count == 1 ? "facility" : "facilities")
        var lines = ["Read \(imported.file); wrote \(imported.features.count.grouped) \(noun) to \(out)."]
        var rows = [
            (
                "coordinates",
                "columns \(imported.longitudeColumn), \(imported.latitudeColumn)"
                    + (imported.sourceCRS.map { ", transformed from \($0) to WGS 84" } ?? ", WGS 84 longitude/latitude")
            )
        ]
        if !imported.fieldsWithoutColumn.isEmpty {
            rows.append(("written as null", imported.fieldsWithoutColumn.joined(separator: ", ") + " (no such column)"))
        }
        if !imported.unusedColumns.isEmpty {
            rows.append(("columns left out", imported.unusedColumns.joined(separator: ", ") + " (not in the \(imported.kind.rawValue) schema)"))
        }
        lines.append(TextFormatting.table(rows))
        if !imported.warnings.isEmpty {
            lines.append("Warnings (\(imported.warnings.count)):")
            lines += imported.warnings.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// What the import commands share: the output checks and the error reporting.
enum ImportOutput {
    /// Refuses an output path that is the input itself.
    static func check(out: String, input: String) throws {
        let outPath = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath().path
        let inputPath = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
        guard outPath != inputPath else {
            throw ValidationError("--out \(out) is the input file; write the layer to another file")
        }
    }

    /// Writes the layer: a GeoPackage of one layer for an `--out` ending in `.gpkg`, else GeoJSON.
    static func write(_ features: [GeoJSONWriter.Feature], to out: String) throws {
        if out.lowercased().hasSuffix(".gpkg") {
            try GeoPackageOutput.write(features, toGeoPackage: out)
        } else {
            try GeoJSONWriter.write(features, to: out)
        }
    }

    /// Runs an import: errors go to standard error with the exit code of their kind (65 for bad
    /// data, listing every finding; 66 for an unreadable input; 73 for an output that cannot be
    /// written), and nothing is written when there is one.
    static func reporting(file: String, out: String, _ body: () throws -> Void) throws {
        try reportingErrors {
            do {
                try AtomicFile.checkWritable(out)  // before the input is read: an unwritable --out fails at once
                try body()
            } catch let failure as ValidationFailure {
                let errors = failure.report.errors
                for finding in failure.report.findings { FileHandle.standardError.write(Data("\(finding)\n".utf8)) }
                printError("\(file): \(errors.count) error\(errors.count == 1 ? "" : "s"); nothing was written to \(out)")
                throw ExitCode(ExitStatus.dataError)
            } catch let output as OutputError {
                printError("\(output)")
                throw ExitCode(ExitStatus.cannotCreate)
            }
        }
    }
}
