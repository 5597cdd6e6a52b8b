import Foundation
import GeoIO

/// Reads `regions.json`: `{"regions": [{"id", "name", "provinces": [P-codes]}]}`.
enum RegionsFile {
    /// Reports every province a region names that the provinces layer lacks, located at
    /// `regions[i].provinces[j]`; a province's name is answered with its code.
    static func checkProvinces(_ regions: [Region], provinces: [AdminUnit], file: String, into report: inout ValidationReport) {
        let known = Set(provinces.map(\.pcode))
        let names = AdminNames(provinces)
        for (index, region) in regions.enumerated() {
            for (position, code) in region.provincePcodes.enumerated() where !known.contains(code) {
                if let answer = names.answer(for: code, expected: .province) {
                    report.error(
                        "name_for_pcode", recordId: region.id, InputError(file: file, field: "regions[\(index)].provinces[\(position)]", reason: answer))
                    continue
                }
                report.error(
                    "unknown_province_code", recordId: region.id,
                    InputError(
                        file: file, field: "regions[\(index)].provinces[\(position)]",
                        reason: "region \(region.id) names province \(code), which is not in the provinces layer",
                        suggestion: ClosestName.suggestion(for: code, among: known.sorted()).map { "did you mean \($0)?" }))
            }
        }
    }

    /// The regions of the file at `path`, and the checksum of the bytes parsed.
    static func read(path: String) throws -> (regions: [Region], checksum: FileChecksum) {
        let file = try InputFile.read(path: path)
        let document: JSONValue
        do {
            document = try JSONParser.parse(file.bytes)
        } catch {
            throw InputError(file: path, location: .position(line: error.line, column: error.column), reason: "not valid JSON: \(error.reason)")
        }
        guard let list = document.objectValue?["regions"]?.arrayValue else {
            throw InputError(file: path, field: "regions", reason: "expected {\"regions\": [ … ]}")
        }
        let regions = try list.enumerated().map { index, value in
            let field = "regions[\(index)]"
            guard let object = value.objectValue,
                let id = object["id"]?.stringValue, !id.isEmpty,
                let provinces = object["provinces"]?.arrayValue
            else {
                throw InputError(file: path, field: field, reason: "expected an object with id (text) and provinces (a list of P-codes)")
            }
            let codes = try provinces.enumerated().map { position, code in
                guard let text = code.stringValue else {
                    throw InputError(file: path, field: "\(field).provinces[\(position)]", reason: "expected a province P-code, found \(code.typeName)")
                }
                return text
            }
            return Region(id: id, name: object["name"]?.stringValue ?? id, provincePcodes: codes)
        }
        return (regions, file.checksum)
    }
}
