// PLACEHOLDER — helper replaces this file with the real CSV reader.
enum CSVLayerReader {
    static func records(path: String, mapping: FieldMapping, sourceCRS: String?) throws -> [LayerRecord] {
        throw InputError(file: path, reason: "CSV layers are not supported yet")
    }
}
