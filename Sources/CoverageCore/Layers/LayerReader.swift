import Foundation
import GeoIO

/// Reads the records of an input layer from a file, choosing the reader by the file's kind:
/// `.csv` → ``CSVLayerReader``; a JSON document with `organisationUnits` → ``DHIS2LayerReader``
/// (facilities only); any other `.geojson`/`.json` → ``GeoJSONLayer``.
enum LayerReader {
    static func records(path: String, kind: LayerKind, sources: LayerSources) throws -> [LayerRecord] {
        let mapping = sources.mapping(for: kind), sourceCRS = sources.sourceCRS[kind]
        if path.lowercased().hasSuffix(".csv") {
            return try CSVLayerReader.records(path: path, mapping: mapping, sourceCRS: sourceCRS, delimiter: sources.csvDelimiter)
        }
        if kind == .facilities, try DHIS2LayerReader.isOrganisationUnitExport(path: path) {
            return try DHIS2LayerReader.records(path: path, tierMapping: sources.dhis2TierMapping).records
        }
        return try GeoJSONLayer.read(path: path, sourceCRS: sourceCRS).records
    }
}
