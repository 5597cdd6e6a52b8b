import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage inspect FILE…`: a summary of any layer (GeoJSON, or what GDAL reads) and everything
/// wrong with it.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise layers (GeoJSON or a GIS format GDAL reads) and list their problems.",
        discussion: """
            For each file: feature count, geometry types, bounding box, identifiers and duplicates, \
            null, empty, malformed and invalid geometries (with GEOS's reason and location), \
            coordinates outside the longitude/latitude range, and for polygon layers the geodesic \
            area on WGS 84. A bare geometry object or a single Feature is read as a layer of one \
            feature (RFC 7946). Shapefiles (.shp, or a .zip holding one), GeoPackages (file.gpkg, or \
            file.gpkg:LAYER when it holds several), FlatGeobuf, KML and GeoJSON sequences are read \
            with GDAL, from their own CRS. Exits 65 when a file is not valid GeoJSON or any feature's geometry is \
            malformed (each is listed; with --strict, also for any other finding), 66 when a file \
            cannot be read, 0 otherwise.
            """
    )

    @Argument(help: "Layer files to inspect (default: every layer of the shipped data, GeoData/laos).")
    var files: [String] = []

    @Flag(help: "Write a JSON report for scripts instead of the table.")
    var json = false

    @Option(
        name: .customLong("id-field"),
        help:
            "Property that identifies features, or @id for the feature's id member (default: the feature id, else facility_id, pcode, village_code, id, code or uuid)."
    )
    var idField: String?

    @Option(help: "CRS of the coordinates when not WGS 84 lon/lat, e.g. EPSG:32648 (overrides a crs member).")
    var crs: String?

    @Flag(help: "Exit 65 when any layer has a finding (malformed, invalid, empty or null geometry, duplicate or missing id, coordinate out of range).")
    var strict = false

    func run() throws {
        var inspections: [LayerInspection] = []
        var failures: [(file: String, error: Error)] = []
        for file in try filesToInspect() {
            do {
                let layer = try LayerReader.features(path: file, sourceCRS: crs)
                inspections.append(try LayerInspection(layer, idField: idField))
            } catch {
                failures.append((file, error))
            }
        }
        if json {
            print(try InspectReport(layers: inspections, failures: failures).jsonText())
        } else if !inspections.isEmpty {
            // Nothing at all on standard output when no layer could be read (not an empty line).
            print(inspections.map(Self.table).joined(separator: "\n\n"))
        }
        for failure in failures { printError("\(failure.error)") }
        // A malformed geometry is malformed input (65) whether or not --strict asks about the rest.
        let malformed = inspections.filter { !$0.malformedGeometries.isEmpty }
        for layer in malformed {
            printError("\(layer.file): \(TextFormatting.counted(layer.malformedGeometries.count, "malformed geometry", plural: "malformed geometries"))")
        }
        let dirty = strict ? inspections.filter { !$0.isClean && $0.malformedGeometries.isEmpty } : []
        for layer in dirty { printError("\(layer.file) has findings (--strict)") }
        let codes = failures.map { ExitStatus.code(for: $0.error) } + (malformed.isEmpty && dirty.isEmpty ? [] : [ExitStatus.dataError])
        if let worst = codes.max() { throw ExitCode(worst) }
    }

    private func filesToInspect() throws -> [String] {
        guard files.isEmpty else { return files }
        var found: [String] = []
        try reportingErrors {
            let directory = try DataDirectory.locate()
            found = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".geojson") }.sorted()
                .map { directory.appendingPathComponent($0).path }
        }
        return found
    }

    static let listLimit = 10

    static func table(_ report: LayerInspection) -> String {
        var rows: [(String, String)] = [("features", report.featureCount.grouped)]
        rows.append(
            (
                "geometry types",
                report.geometryTypes.sorted { $0.key < $1.key }
                    .map { "\($0.key) \(($0.value).grouped)" }.joined(separator: ", ").nonEmpty ?? "none"
            ))
        if let box = report.boundingBox {
            let text = TextFormatting.coordinates(box)
            rows.append(("bounding box", "lon \(text[0]) to \(text[2]), lat \(text[1]) to \(text[3])"))
        }
        if let crs = report.sourceCRS { rows.append(("source CRS", "\(crs), reprojected to WGS 84")) }
        rows.append(("properties", report.propertyNames.isEmpty ? "none" : "\(report.propertyNames.count): " + report.propertyNames.joined(separator: ", ")))
        if let field = report.idField, report.idFieldMissing {
            rows.append(("identifiers", "\(field): not found in any feature"))
        } else if let field = report.idField {
            var text = "\(field == "id" ? "feature id (@id)" : field): \(report.distinctIds.grouped) distinct"
            text += report.duplicateIds.isEmpty ? ", no duplicates" : ", \(report.duplicateIds.count) duplicated"
            if !report.featuresWithoutId.isEmpty { text += ", \(TextFormatting.counted(report.featuresWithoutId.count, "feature")) without one" }
            rows.append(("identifiers", text))
        } else {
            rows.append(("identifiers", "none found (name one with --id-field)"))
        }
        rows.append(("null geometries", count(report.nullGeometries.count)))
        rows.append(("empty geometries", count(report.emptyGeometries.count)))
        rows.append(("malformed", count(report.malformedGeometries.count)))
        rows.append(("invalid geometries", count(report.invalidGeometries.count)))
        rows.append(
            (
                "out of range",
                report.outOfRangeCoordinateCount == 0
                    ? "none"
                    : "\(TextFormatting.counted(report.outOfRangeCoordinateCount, "coordinate")) in \(TextFormatting.counted(report.outOfRangeCoordinates.count, "feature"))"
                        + (report.axesLookSwapped
                            ? " — they look like [latitude, longitude]: GeoJSON wants [longitude, latitude]"
                            : (report.boundingBox?.map(abs).max() ?? 0) > 360 ? " — they look projected (metres): name the CRS with --crs" : "")
            ))
        if let area = report.geodesicAreaKm2 {
            let measured = report.featureAreasKm2?.count ?? 0
            var text = "\(TextFormatting.grouped(area, places: 1)) km² (\(TextFormatting.counted(measured, "feature")), WGS 84)"
            if measured < report.featureCount { text += "; \(report.featureCount - measured) without a polygon left out" }
            rows.append(("geodesic area", text))
        } else if report.isPolygonLayer {
            rows.append(("geodesic area", "not computed: some coordinates are out of range"))
        }

        var lines = [report.file, TextFormatting.table(rows)]
        func list<T>(_ title: String, _ items: [T], _ line: (T) -> String) {
            guard !items.isEmpty else { return }
            lines.append("  \(title):")
            lines += items.prefix(listLimit).map { "    " + line($0) }
            if items.count > listLimit { lines.append("    … and \(items.count - listLimit) more (--json lists all)") }
        }
        func name(_ index: Int, _ id: String?) -> String { "feature \(index)" + (id.map { " (\($0))" } ?? "") }
        func point(_ values: [Double]?) -> String {
            values.map { " at \(TextFormatting.fixed($0[0], places: 6)) \(TextFormatting.fixed($0[1], places: 6))" } ?? ""
        }
        list("malformed geometries", report.malformedGeometries) {
            "feature \($0.featureIndex)" + ($0.field.map { ", field \($0)" } ?? "") + ": \($0.reason)"
        }
        list("invalid geometries", report.invalidGeometries) { "\(name($0.featureIndex, $0.id)): \($0.reason)\(point($0.location))" }
        list("duplicate identifiers", report.duplicateIds) {
            "\($0.id) in features " + $0.featureIndices.map(String.init).joined(separator: ", ")
        }
        list("features without identifier", report.featuresWithoutId) { name($0.featureIndex, $0.id) }
        list("null geometries", report.nullGeometries) { name($0.featureIndex, $0.id) }
        list("empty geometries", report.emptyGeometries) { name($0.featureIndex, $0.id) }
        list("coordinates out of range", report.outOfRangeCoordinates) {
            "\(name($0.featureIndex, $0.id)): first bad coordinate \($0.coordinate[0]) \($0.coordinate[1])"
        }
        return lines.joined(separator: "\n")
    }

    private static func count(_ value: Int) -> String {
        value == 0 ? "none" : value.grouped
    }
}

/// The `--json` document of `coverage inspect`.
struct InspectReport: Encodable {
    struct Failure: Encodable {
        let file: String
        let message: String
    }

    let tool = "coverage \(ToolVersion.current)"
    let layers: [LayerInspection]
    let errors: [Failure]

    init(layers: [LayerInspection], failures: [(file: String, error: Error)]) {
        self.layers = layers
        self.errors = failures.map { Failure(file: $0.file, message: "\($0.error)") }
    }

    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension String {
    /// The string, or nil when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
