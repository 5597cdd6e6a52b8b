import Foundation
import GeoIO

/// Reads `regions.json`: `{"regions": [{"id", "name", "provinces": [P-codes], "districts": [P-codes]}]}`;
/// `districts` (optional) adds single districts of other provinces to a region.
enum RegionsFile {
    /// Reports every province and district a region names that the layers lack, located at
    /// `regions[i].provinces[j]` or `regions[i].districts[j]`; a unit's name is answered with its code.
    static func checkCodes(_ regions: [Region], provinces: [AdminUnit], districts: [AdminUnit], file: String, into report: inout ValidationReport) {
        for (level, units) in [(AdminLevel.province, provinces), (.district, districts)] {
            let known = Set(units.map(\.pcode))
            let names = AdminNames(units)
            for (index, region) in regions.enumerated() {
                let codes = level == .province ? region.provincePcodes : region.districtPcodes
                for (position, code) in codes.enumerated() where !known.contains(code) {
                    let field = "regions[\(index)].\(level.rawValue)s[\(position)]"
                    if let answer = names.answer(for: code, expected: level) {
                        report.error("name_for_pcode", recordId: region.id, InputError(file: file, field: field, reason: answer))
                        continue
                    }
                    report.error(
                        "unknown_\(level.rawValue)_code", recordId: region.id,
                        InputError(
                            file: file, field: field,
                            reason: "region \(region.id) names \(level.rawValue) \(code), which is not in the \(level.rawValue)s layer",
                            suggestion: ClosestName.suggestion(for: code, among: known.sorted()).map { "did you mean \($0)?" }))
                }
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
            let name = object["name"]?.stringValue ?? id
            for (member, text) in [("id", id), ("name", name)] {
                if let tooLong = FieldLimits.problem(text: text) { throw InputError(file: path, field: "\(field).\(member)", reason: tooLong) }
            }
            func codes(_ values: [JSONValue], _ member: String) throws -> [String] {
                try values.enumerated().map { position, code in
                    guard let text = code.stringValue else {
                        throw InputError(file: path, field: "\(field).\(member)s[\(position)]", reason: "expected a \(member) P-code, found \(code.typeName)")
                    }
                    if let tooLong = FieldLimits.problem(text: text) {
                        throw InputError(file: path, field: "\(field).\(member)s[\(position)]", reason: tooLong)
                    }
                    return text
                }
            }
            var districts: [JSONValue] = []
            switch object["districts"] {
            case nil, .null?: break
            case .array(let values)?: districts = values
            case let other?: throw InputError(file: path, field: "\(field).districts", reason: "expected a list of district P-codes, found \(other.typeName)")
            }
            return Region(id: id, name: name, provincePcodes: try codes(provinces, "province"), districtPcodes: try codes(districts, "district"))
        }
        return (regions, file.checksum)
    }
}
