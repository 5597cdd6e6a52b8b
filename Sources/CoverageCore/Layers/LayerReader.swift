import GeoIO
import RasterIO

/// The records of one layer file and the checksum of the bytes they were parsed from.
struct LayerFile {
    let records: [LayerRecord]
    let checksum: FileChecksum
}

/// Reads the records of an input layer from a file, choosing the reader by the file's kind:
/// `.csv` → ``CSVLayerReader``; a Shapefile (or a zip of one), GeoPackage (`file.gpkg` or
/// `file.gpkg:layer`), FlatGeobuf, KML or GeoJSON sequence → RasterIO's ``VectorLayerReader``
/// (GDAL's OGR); a JSON document with `organisationUnits` → ``DHIS2LayerReader`` (facilities
/// only); any other `.geojson`/`.json` → ``GeoJSONLayer``.
public enum LayerReader {
    static func read(path: String, kind: LayerKind, sources: LayerSources) throws -> LayerFile {
        let mapping = sources.mapping(for: kind), sourceCRS = sources.sourceCRS[kind]
        if path.lowercased().hasSuffix(".csv") {
            let table = try CSVTable.read(path: path, delimiter: sources.csvDelimiter)
            return LayerFile(records: try CSVLayerReader.records(table, mapping: mapping, sourceCRS: sourceCRS), checksum: table.checksum)
        }
        if VectorSource(argument: path) != nil {
            let layer = try features(path: path, sourceCRS: sourceCRS)
            return LayerFile(records: layer.records, checksum: layer.checksum)
        }
        if kind == .facilities, try DHIS2LayerReader.isOrganisationUnitExport(path: path) {
            let export = try DHIS2LayerReader.records(path: path, tierMapping: sources.dhis2TierMapping)
            return LayerFile(records: export.records, checksum: export.checksum)
        }
        let layer = try GeoJSONLayer.read(path: path, sourceCRS: sourceCRS)
        return LayerFile(records: layer.records, checksum: layer.checksum)
    }

    /// The features of a layer file as written, for `coverage inspect`: a GIS format GDAL reads
    /// (as above), else GeoJSON.
    /// - Throws: ``InputError`` naming the file.
    public static func features(path: String, sourceCRS: String?) throws -> GeoJSONLayer {
        if let source = VectorSource(argument: path) { return try VectorLayerReader.read(source, sourceCRS: sourceCRS) }
        return try GeoJSONLayer.read(path: path, sourceCRS: sourceCRS)
    }
}
